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
        {a.judicialDaysLeft !== null && !a.judicial ? (
          <Descriptions.Item label={tv('dispute.act', 'judicial_apply')}>
            <Tag color={a.judicialReminder ? 'orange' : 'blue'}>
              {t('dispute.judicialLeft', { n: a.judicialDaysLeft })}
            </Tag>
          </Descriptions.Item>
        ) : null}
        {a.judicial ? (
          <Descriptions.Item label={tv('dispute.act', 'judicial_answer')}>
            <Typography.Text>{JSON.stringify(a.judicial)}</Typography.Text>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

/** How it ended: referral, closing, follow-up visit. */
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
