import { Tag, Tooltip } from 'antd';
import { formatTimeLeft, timeLeft } from '../domain/time-left.ts';
import { useI18n } from '../i18n/index.tsx';

export function CardTag({ card }: { card?: string | null | undefined }) {
  const { tv } = useI18n();
  if (!card || card === 'none') return null;
  return (
    <Tag color={card === 'red' ? 'red' : 'gold'} data-card={card}>
      {tv('card', card)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: string }) {
  const { tv } = useI18n();
  const color =
    status === 'closed' ? 'default' : status === 'resolved' || status === 'verified' ? 'green' : 'blue';
  return <Tag color={color}>{tv('status', status)}</Tag>;
}

export function DueText({ dueAt }: { dueAt?: string | null | undefined }) {
  const { t, lang } = useI18n();
  if (!dueAt) return null;
  const left = timeLeft(dueAt);
  const text = formatTimeLeft(left, lang);
  return (
    <Tooltip title={new Date(dueAt).toLocaleString(lang)}>
      <span style={{ color: left.overdue ? '#cf1322' : undefined }}>
        {left.overdue ? `${t('inbox.overdueBy')} ${text}` : `${t('inbox.dueIn')} ${text}`}
      </span>
    </Tooltip>
  );
}
