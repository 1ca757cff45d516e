import { Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { AsyncView, ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PlaceForm } from './PlaceForm.tsx';
import { day, type PlacePageData, tierColour } from './place-types.ts';
import { mayManage } from './roles.ts';

/** A place's page: what it is, its schedule, its inspections, its hazards and their cases. */
export default function PlacePage() {
  const { id } = useParams();
  const { t, tv } = useI18n();
  const { me } = useSession();
  const page = useApi<PlacePageData>(`places/${id}`);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function setRetired(p: PlacePageData['place'], retired: boolean) {
    setError(null);
    try {
      await api(`places/${p.id}`, { method: 'PATCH', body: { retired, version: p.version } });
      page.reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="cg-page">
      <AsyncView state={page}>
        {({ place: p, inspections, hazards }) => (
          <Space orientation="vertical" style={{ width: '100%' }} size="middle">
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }} data-testid="place-name">
                {p.name} <Tag color={tierColour(p.riskTier)}>{tv('risk', p.riskTier)}</Tag>
                {p.retired ? <Tag>{t('places.retired')}</Tag> : null}
                {p.overdue ? <Tag color="red">{t('insp.overdue')}</Tag> : null}
              </Typography.Title>
              {mayManage(me, 'place') ? (
                <Space>
                  {p.retired ? null : (
                    <Button onClick={() => setEditing(true)} data-testid="place-edit">
                      {t('common.edit')}
                    </Button>
                  )}
                  <Popconfirm
                    title={p.retired ? t('places.restore') : t('places.retire')}
                    onConfirm={() => setRetired(p, !p.retired)}
                  >
                    <Button danger={!p.retired}>
                      {p.retired ? t('places.restore') : t('places.retire')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null}
            </Space>
            {error ? <ProblemAlert error={error} /> : null}
            <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
              <Descriptions.Item label={t('places.key')}>{p.key}</Descriptions.Item>
              <Descriptions.Item label={t('places.type')}>{tv('placeType', p.type)}</Descriptions.Item>
              <Descriptions.Item label={t('places.size')}>
                {tv('size', p.sizeClass)}
                {p.areaM2 != null ? ` · ${p.areaM2} m²` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('places.grid')}>
                {p.gridName ?? ''} ({p.gridCode})
              </Descriptions.Item>
              <Descriptions.Item label={t('places.safetyGrid')}>{p.safetyGridCode ?? ''}</Descriptions.Item>
              <Descriptions.Item label={t('places.address')}>{p.address ?? ''}</Descriptions.Item>
              <Descriptions.Item label={t('places.location')}>
                {p.location
                  ? `${p.location.lon.toFixed(5)}, ${p.location.lat.toFixed(5)}`
                  : t('places.notLocated')}
              </Descriptions.Item>
              <Descriptions.Item label={t('places.responsible')}>
                {[p.responsible?.name, p.responsible?.phone].filter(Boolean).join(' · ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('places.licences')}>
                {p.licences
                  .map((l) => `${l.kind} ${l.number}${l.validUntil ? ` (${l.validUntil})` : ''}`)
                  .join('；')}
              </Descriptions.Item>
              <Descriptions.Item label={t('places.lastInspected')}>
                {day(p.lastInspectedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('places.nextDue')}>{day(p.nextDueAt)}</Descriptions.Item>
              <Descriptions.Item label={t('places.recurrences')}>{p.recurrences}</Descriptions.Item>
            </Descriptions>
            <Card size="small" title={t('places.hazards')}>
              <Table
                size="small"
                rowKey="id"
                data-testid="place-hazards"
                dataSource={hazards}
                pagination={hazards.length > 20 ? { pageSize: 20 } : false}
                scroll={{ x: true }}
                columns={[
                  { title: t('hazards.item'), dataIndex: 'itemText' },
                  {
                    title: t('common.status'),
                    key: 'status',
                    render: (_, h) => (
                      <Space size={2} wrap>
                        <Tag color={h.severity === 'major' ? 'red' : 'orange'}>
                          {tv('hazard.severity', h.severity)}
                        </Tag>
                        <Tag>{tv('hazard.status', h.status)}</Tag>
                        {h.redCard ? <Tag color="red">{t('hazards.redCard')}</Tag> : null}
                        {h.recurrence ? <Tag color="purple">{t('hazards.recurrence')}</Tag> : null}
                      </Space>
                    ),
                  },
                  { title: t('places.at'), key: 'found', render: (_, h) => day(h.foundAt) },
                  {
                    title: t('hazards.deadline'),
                    key: 'deadline',
                    render: (_, h) => (
                      <span style={{ color: h.overdue ? '#cf1322' : undefined }}>{day(h.deadlineAt)}</span>
                    ),
                  },
                  {
                    title: t('places.cases'),
                    key: 'case',
                    render: (_, h) =>
                      h.caseNumber ? <Link to={`/cases/${h.caseNumber}`}>{h.caseNumber}</Link> : '',
                  },
                ]}
              />
            </Card>
            <Card size="small" title={t('places.inspections')}>
              <Table
                size="small"
                rowKey="id"
                data-testid="place-inspections"
                dataSource={inspections}
                pagination={inspections.length > 20 ? { pageSize: 20 } : false}
                columns={[
                  { title: t('places.at'), key: 'at', render: (_, i) => i.at.slice(0, 16).replace('T', ' ') },
                  { title: t('places.inspector'), dataIndex: 'inspectorName' },
                  { title: t('places.failed'), dataIndex: 'failed' },
                  { title: t('places.checklistVersion'), dataIndex: 'templateId' },
                  {
                    title: t('insp.campaign'),
                    key: 'campaign',
                    render: (_, i) =>
                      i.campaignId ? (
                        <Link to={`/campaigns/${i.campaignId}`}>#{i.campaignId}</Link>
                      ) : (
                        t('insp.noCampaign')
                      ),
                  },
                ]}
              />
            </Card>
            {editing ? (
              <PlaceForm
                place={p}
                onClose={() => setEditing(false)}
                onSaved={() => {
                  setEditing(false);
                  page.reload();
                }}
              />
            ) : null}
          </Space>
        )}
      </AsyncView>
    </div>
  );
}
