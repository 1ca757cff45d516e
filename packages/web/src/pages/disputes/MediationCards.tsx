import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import type { DisputeDetail } from './dispute-types.ts';

const when = (v: string | null | undefined) => (v ? new Date(v).toLocaleString() : '—');

/** The sessions (time, place or link, who came, the record and who confirmed it). */
export function SessionsCard({ d, partyName }: { d: DisputeDetail; partyName(id: number): string }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('dispute.sessions')}>
      {d.sessions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          dataSource={d.sessions}
          data-testid="sessions"
          renderItem={(s) => (
            <List.Item>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} title={t('dispute.session', { n: s.seq })}>
                <Descriptions.Item label={t('dispute.sessionAt')}>{when(s.at)}</Descriptions.Item>
                <Descriptions.Item label={t('dispute.place')}>
                  {s.place ?? (s.onlineLink ? <a href={s.onlineLink}>{s.onlineLink}</a> : '—')}
                </Descriptions.Item>
                <Descriptions.Item label={t('dispute.attended')}>
                  {s.attended.map((id) => partyName(id)).join('、') || '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('dispute.confirmed')}>
                  {Object.keys(s.confirmations)
                    .map((id) => partyName(Number(id)))
                    .join('、') || '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('dispute.record')} span={2}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {s.record ?? t('dispute.notRecorded')}
                  </Typography.Paragraph>
                </Descriptions.Item>
              </Descriptions>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The agreement with its confirmations, the judicial-confirmation countdown and the two .docx documents. */
export function AgreementCard({ d, partyName }: { d: DisputeDetail; partyName(id: number): string }) {
  const { t, tv } = useI18n();
  const a = d.agreement;
  if (!a) return null;
  const judicial = a.judicial as Judicial | null;
  const base = `/api/v1/disputes/${d.caseId}`;
  return (
    <Card
      size="small"
      title={t('dispute.agreement')}
      extra={
        <Space wrap>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={`${base}/agreement.docx`}
            data-testid="agreement-docx"
          >
            {t('dispute.downloadAgreement')}
          </Button>
          {a.effectiveAt ? (
            <Button size="small" icon={<DownloadOutlined />} href={`${base}/judicial-application.docx`}>
              {t('dispute.downloadJudicial')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('dispute.facts')}>{a.facts}</Descriptions.Item>
        <Descriptions.Item label={t('dispute.terms')}>{a.terms}</Descriptions.Item>
        <Descriptions.Item label={t('dispute.performance')}>{a.performance}</Descriptions.Item>
        <Descriptions.Item label={t('dispute.performBy')}>{a.performBy}</Descriptions.Item>
        <Descriptions.Item label={t('dispute.confirmed')}>
          {Object.keys(a.confirmations)
            .map((id) => partyName(Number(id)))
            .join('、') || '—'}
          {a.effectiveAt ? (
            <Tag color="green" style={{ marginLeft: 8 }}>
              {t('dispute.effective')} {when(a.effectiveAt)}
            </Tag>
          ) : null}
        </Descriptions.Item>
        {a.performed ? (
          <Descriptions.Item label={tv('dispute.act', 'perform')}>
            {tv('dispute.v', a.performed.status)} {a.performed.note ?? ''}
          </Descriptions.Item>
        ) : null}
        {a.judicialDeadline ? (
          <Descriptions.Item label={tv('dispute.act', 'judicial_apply')}>
            <JudicialLine a={a} />
          </Descriptions.Item>
        ) : null}
        {judicial?.answer ? (
          <Descriptions.Item label={tv('dispute.act', 'judicial_answer')}>
            <Tag color={judicial.answer === 'granted' ? 'green' : 'red'}>
              {tv('dispute.v', judicial.answer)}
            </Tag>
            {judicial.answeredAt ? when(judicial.answeredAt) : ''} {judicial.note ?? ''}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

interface Judicial {
  appliedAt: string;
  court: string;
  answer: 'granted' | 'refused' | null;
  answeredAt: string | null;
  note: string | null;
}

/** The judicial-confirmation countdown (30 days from the agreement), or where it was applied for. */
function JudicialLine({ a }: { a: NonNullable<DisputeDetail['agreement']> }) {
  const { t } = useI18n();
  const judicial = a.judicial as Judicial | null;
  const deadline = String(a.judicialDeadline).slice(0, 10);
  if (judicial && judicial.answer !== 'refused')
    return (
      <Tag color="blue">
        {t('dispute.judicialApplied', { court: judicial.court, date: when(judicial.appliedAt) })}
      </Tag>
    );
  const ends = new Date(String(a.judicialDeadline)).getTime();
  if (ends < Date.now()) return <Tag color="red">{t('dispute.judicialClosed', { date: deadline })}</Tag>;
  const left = a.judicialDaysLeft ?? Math.ceil((ends - Date.now()) / 86_400_000);
  return (
    <Space wrap>
      <Tag color={a.judicialReminder ? 'orange' : 'blue'} data-testid="judicial-countdown">
        {t('dispute.judicialLeft', { n: left })}
      </Tag>
      <Typography.Text type="secondary">{t('dispute.judicialDeadline', { date: deadline })}</Typography.Text>
    </Space>
  );
}

/** How it ended: referral, closing, follow-up visit (due, overdue or done). */
export function OutcomeCard({ d }: { d: DisputeDetail }) {
  const { t, tv } = useI18n();
  if (!d.outcome && !d.referral && !d.followUp) return null;
  return (
    <Card size="small" title={t('dispute.outcome')}>
      <Descriptions size="small" column={1}>
        {d.outcome ? <Descriptions.Item label={t('dispute.outcome')}>{d.outcome}</Descriptions.Item> : null}
        {d.referral ? (
          <Descriptions.Item label={t('dispute.referral')}>
            {tv('dispute.v', d.referral.to)} — {d.referral.where} {d.referral.note ?? ''}
          </Descriptions.Item>
        ) : null}
        {d.closedAt ? (
          <Descriptions.Item label={tv('dispute.state', 'closed')}>{when(d.closedAt)}</Descriptions.Item>
        ) : null}
        {d.followUpDueAt && !d.followUp ? (
          <Descriptions.Item label={t('dispute.followUp')}>
            <Tag color={new Date(d.followUpDueAt) < new Date() ? 'red' : 'blue'} data-testid="follow-up-due">
              {t(new Date(d.followUpDueAt) < new Date() ? 'dispute.followUpOverdue' : 'dispute.followUpDue', {
                date: d.followUpDueAt.slice(0, 10),
              })}
            </Tag>
          </Descriptions.Item>
        ) : null}
        {d.followUp ? (
          <Descriptions.Item label={t('dispute.followUp')}>
            {when(d.followUp.at)} {d.followUp.note}{' '}
            {d.followUp.satisfied ? <Tag color="green">{t('dispute.satisfied')}</Tag> : null}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}
