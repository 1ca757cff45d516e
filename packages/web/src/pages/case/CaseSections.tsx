import { Progress, Table, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseDetail, CaseLink, HistoryEntry, Summons } from '../../api/types.ts';
import { DueText } from '../../components/case-tags.tsx';
import { EmptyState } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';

const PAYLOAD_TEXT = ['comment', 'reason', 'result', 'conclusion', 'text', 'note'];

/** The full history, oldest first: who did what, from which state, with what words. */
export function History({ entries }: { entries: HistoryEntry[] }) {
  const { tv, lang } = useI18n();
  if (!entries.length) return <EmptyState />;
  return (
    <Timeline
      data-testid="case-history"
      items={entries.map((h) => {
        const words = PAYLOAD_TEXT.map((k) => h.payload?.[k]).filter(
          (v): v is string => typeof v === 'string',
        );
        return {
          key: h.seq,
          color: h.action === 'reject' || h.action === 'verify_fail' ? 'red' : 'blue',
          content: (
            <div>
              <strong>{tv('action', h.action)}</strong>{' '}
              {h.fromStatus && h.fromStatus !== h.toStatus ? (
                <Typography.Text type="secondary">
                  {tv('status', h.fromStatus)} → {tv('status', h.toStatus)}
                </Typography.Text>
              ) : null}
              <div style={{ fontSize: 12, color: '#888' }}>
                {new Date(h.at).toLocaleString(lang)} · {h.actorName ?? ''}{' '}
                {h.actorUnitName ? `(${h.actorUnitName})` : ''}
              </div>
              {words.map((w) => (
                <div key={w} style={{ whiteSpace: 'pre-wrap' }}>
                  {w}
                </div>
              ))}
            </div>
          ),
        };
      })}
    />
  );
}

/** Each step's deadline with the time left, and the share of it used. */
export function Deadlines({ detail }: { detail: CaseDetail }) {
  const { t, tv, lang } = useI18n();
  const rows = detail.deadlines?.length
    ? detail.deadlines
    : detail.dueAt
      ? [
          {
            step: detail.step ?? '',
            dueAt: detail.dueAt,
            warnAt: detail.warnAt ?? null,
            startedAt: null,
            doneAt: null,
          },
        ]
      : [];
  if (!rows.length) return <EmptyState />;
  return (
    <div data-testid="case-deadlines">
      {rows.map((d) => {
        const start = d.startedAt ? new Date(d.startedAt).getTime() : null;
        const due = d.dueAt ? new Date(d.dueAt).getTime() : null;
        const used =
          start && due && due > start ? Math.round(((Date.now() - start) / (due - start)) * 100) : null;
        return (
          <div key={`${d.step}-${d.dueAt}`} style={{ marginBottom: 8 }}>
            <Tag>{tv('step', d.step)}</Tag>
            {d.dueAt ? new Date(d.dueAt).toLocaleString(lang) : '—'}{' '}
            {d.doneAt ? <Tag color="green">{tv('status', 'resolved')}</Tag> : <DueText dueAt={d.dueAt} />}
            {used !== null && !d.doneAt ? (
              <Progress
                percent={Math.min(used, 100)}
                size="small"
                status={used >= 100 ? 'exception' : 'normal'}
                strokeColor={used >= 100 ? '#cf1322' : used >= 80 ? '#faad14' : undefined}
                aria-label={t('case.timeLeft')}
              />
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

/** Summoned departments and where each stands. */
export function SummonsTable({ summons }: { summons: Summons[] }) {
  const { t, tv, lang } = useI18n();
  if (!summons.length) return <EmptyState />;
  const when = (v?: string | null) => (v ? new Date(v).toLocaleString(lang) : '—');
  return (
    <Table<Summons>
      rowKey="unitId"
      size="small"
      pagination={false}
      dataSource={summons}
      data-testid="case-summons"
      columns={[
        { title: t('form.unit'), dataIndex: 'unitName', render: (n, s) => n ?? s.unitId },
        {
          title: t('common.status'),
          dataIndex: 'status',
          render: (s: string) => <Tag>{tv('summons', s)}</Tag>,
        },
        { title: t('case.dueAt'), dataIndex: 'dueAt', render: when },
        { title: tv('summons', 'reported_in'), dataIndex: 'reportedInAt', render: when },
        { title: tv('summons', 'done'), dataIndex: 'resolvedAt', render: when },
      ]}
    />
  );
}

export function Links({ links }: { links: CaseLink[] }) {
  const { tv } = useI18n();
  if (!links.length) return <EmptyState />;
  return (
    <ul style={{ paddingLeft: 16, margin: 0 }}>
      {links.map((l) => (
        <li key={l.number}>
          <Link to={`/cases/${l.caseId ?? l.id ?? l.number}`}>{l.number}</Link> {l.title ?? ''}{' '}
          {l.relation ? <Tag>{l.relation}</Tag> : null}{' '}
          {l.status ? <Tag>{tv('status', l.status)}</Tag> : null}
        </li>
      ))}
    </ul>
  );
}
