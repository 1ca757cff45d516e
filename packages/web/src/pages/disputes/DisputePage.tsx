import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { type DisputeDetail, STATE_COLOURS } from './dispute-types.ts';
import { AgreementCard, OutcomeCard, SessionsCard } from './MediationCards.tsx';
import { PartiesCard } from './PartiesCard.tsx';

/** A dispute: its facts, parties (masked), organisation and mediators, sessions, agreement, outcome, what to do next. */
export default function DisputePage() {
  const { id } = useParams();
  const detail = useApi<DisputeDetail>(`disputes/${id}`);
  return <AsyncView state={detail}>{(d) => <DisputeView d={d} reload={detail.reload} />}</AsyncView>;
}

function DisputeView({ d, reload }: { d: DisputeDetail; reload(): void }) {
  const { t, tv } = useI18n();
  const partyName = (pid: number) => {
    const p = d.parties.find((x) => x.id === pid);
    return p ? `${tv('dispute.sideOf', p.side)} ${p.name ?? ''}`.trim() : `#${pid}`;
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        size="small"
        title={
          <Space wrap>
            <Typography.Text strong data-testid="dispute-number">
              {d.number}
            </Typography.Text>
            <Tag color={STATE_COLOURS[d.status]} data-testid="dispute-status">
              {tv('dispute.state', d.status)}
            </Tag>
            <Tag>{tv('dispute.type', d.type)}</Tag>
            {d.isGroup ? <Tag color="purple">{t('dispute.group')}</Tag> : null}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('dispute.matter')} span={3}>
            {d.matter}
          </Descriptions.Item>
          <Descriptions.Item label={t('dispute.risk')}>
            {tv('dispute.riskLevel', d.riskLevel)}
          </Descriptions.Item>
          <Descriptions.Item label={t('dispute.priority')}>{tv('priority', d.priority)}</Descriptions.Item>
          <Descriptions.Item label={t('dispute.people')}>{d.peopleInvolved}</Descriptions.Item>
          <Descriptions.Item label={t('dispute.amount')}>{d.amount ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('dispute.signals')}>
            {d.violenceSignals.map((s) => tv('dispute.signal', s)).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('dispute.grid')}>{d.gridCode}</Descriptions.Item>
          <Descriptions.Item label={t('dispute.org')}>{d.org?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('dispute.mediators')}>
            {d.mediators.map((m) => m.name).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('dispute.dueAt')}>
            {d.dueAt ? new Date(d.dueAt).toLocaleDateString() : '—'}
            {d.daysLeft !== null ? (
              <Tag color={d.daysLeft < 0 ? 'red' : 'blue'} style={{ marginLeft: 8 }}>
                {d.daysLeft < 0
                  ? t('dispute.overdue', { n: -d.daysLeft })
                  : t('dispute.daysLeft', { n: d.daysLeft })}
              </Tag>
            ) : null}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <ActionPanel d={d} partyName={partyName} onDone={reload} />
      <PartiesCard d={d} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <SessionsCard d={d} partyName={partyName} />
        </Col>
        <Col xs={24} lg={12}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <AgreementCard d={d} partyName={partyName} />
            <OutcomeCard d={d} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
