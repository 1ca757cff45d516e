import { Breadcrumb, Card, Col, Descriptions, Row, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { withQuery } from '../../api/client.ts';
import type { CaseList, Region, Unit, User } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { CardTag, StatusTag } from '../../components/case-tags.tsx';
import type { BoundaryCollection } from '../../components/map-style.ts';
import { AsyncView, EmptyState, ProblemAlert } from '../../components/problem.tsx';
import RegionMap from '../../components/RegionMap.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { CHILD_LEVEL, formatFigure, type Summary } from '../command/dashboard-types.ts';

interface RegionFull extends Region {
  ancestors: { code: string; name: string; level: Region['level'] }[];
  childCount: number;
}

export function RegionDetailView({ code }: { code: string }) {
  const state = useApi<RegionFull>(`regions/${code}`);
  return <AsyncView state={state}>{(r) => <RegionBody region={r} />}</AsyncView>;
}

function RegionBody({ region: r }: { region: RegionFull }) {
  const { t, tv } = useI18n();
  const navigate = useNavigate();
  const childLevel = CHILD_LEVEL[r.level];
  const shapes = useApi<BoundaryCollection>(
    withQuery(`regions/${r.code}/boundaries`, { level: childLevel ?? 'grid' }),
  );
  const children = useApi<{ items: Region[] }>(childLevel ? `regions/${r.code}/children` : null);
  const summary = useApi<Summary>(withQuery('dashboard/summary', { region: r.code }));
  const cases = useApi<CaseList>(withQuery('cases', { region: r.code, status: 'open', limit: 50 }));
  const units = useApi<{ items: Unit[] }>(
    r.level === 'grid' ? null : withQuery('units', { region: r.code, limit: 50 }),
  );
  const workers = useApi<{ items: User[] }>(
    r.level === 'grid' ? withQuery('users', { role: 'grid_worker', limit: 500 }) : null,
  );
  const gridWorkers = (workers.data?.items ?? []).filter((u) =>
    (u as User & { posts?: { regionCode: string }[] }).posts?.some((p) => p.regionCode === r.code),
  );
  const openCases = cases.data?.items ?? [];

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card size="small">
          <Breadcrumb
            items={[...r.ancestors, r].map((a) => ({
              key: a.code,
              title: a.code === r.code ? a.name : <Link to={`/regions/${a.code}`}>{a.name}</Link>,
            }))}
          />
          <Descriptions
            size="small"
            column={{ xs: 1, md: 4 }}
            style={{ marginTop: 8 }}
            data-testid="region-facts"
          >
            <Descriptions.Item label={t('common.name')}>{r.name}</Descriptions.Item>
            <Descriptions.Item label={t('common.code')}>{r.code}</Descriptions.Item>
            <Descriptions.Item label={t('common.level')}>{tv('level', r.level)}</Descriptions.Item>
            {r.gridKind ? (
              <Descriptions.Item label={t('regions.gridKind')}>{r.gridKind}</Descriptions.Item>
            ) : null}
            {r.households != null ? (
              <Descriptions.Item label={t('regions.households')}>{r.households}</Descriptions.Item>
            ) : null}
            {r.population != null ? (
              <Descriptions.Item label={t('regions.population')}>{r.population}</Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card
          size="small"
          title={childLevel ? `${t('regions.children')} · ${tv('level', childLevel)}` : t('case.location')}
        >
          {shapes.error ? <ProblemAlert error={shapes.error} /> : null}
          <RegionMap
            label={r.name}
            boundaries={shapes.data ?? null}
            selectedCode={r.level === 'grid' ? r.code : null}
            onRegionClick={(c) => c !== r.code && navigate(`/regions/${c}`)}
            height={420}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('regions.figures')}>
          <AsyncView state={summary}>
            {(s) => (
              <Row gutter={8}>
                {(['received', 'closed', 'overdue_open', 'on_time_rate'] as const).map((f) => (
                  <Col span={12} key={f}>
                    <Statistic title={tv('figure', f)} value={formatFigure(f, s.figures[f])} />
                  </Col>
                ))}
              </Row>
            )}
          </AsyncView>
        </Card>
        <Card
          size="small"
          title={r.level === 'grid' ? t('regions.gridWorkers') : t('regions.staff')}
          style={{ marginTop: 16 }}
        >
          {r.level === 'grid' ? (
            gridWorkers.length ? (
              gridWorkers.map((u) => <Tag key={u.id}>{u.displayName ?? u.username}</Tag>)
            ) : (
              <EmptyState />
            )
          ) : (
            <AsyncView state={units} isEmpty={(d) => !d.items.length}>
              {(d) => (
                <>
                  <CentreStaff centre={d.items.find((u) => u.kind === 'centre' && u.regionCode === r.code)} />
                  <Typography.Text type="secondary">{t('regions.units')}</Typography.Text>
                  <ul style={{ paddingLeft: 16, margin: 0, maxHeight: 200, overflow: 'auto' }}>
                    {d.items.map((u) => (
                      <li key={u.id}>
                        {u.name} {u.phone ? <span style={{ color: '#888' }}>{u.phone}</span> : null}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </AsyncView>
          )}
        </Card>
      </Col>
      {childLevel ? (
        <Col xs={24} xl={12}>
          <Card size="small" title={t('regions.children')}>
            <AsyncView state={children}>
              {(d) => (
                <Table<Region>
                  rowKey="code"
                  size="small"
                  dataSource={d.items}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    {
                      title: t('common.name'),
                      dataIndex: 'name',
                      render: (n, c) => <Link to={`/regions/${c.code}`}>{n}</Link>,
                    },
                    { title: t('common.code'), dataIndex: 'code' },
                    { title: t('common.level'), dataIndex: 'level', render: (l: string) => tv('level', l) },
                  ]}
                />
              )}
            </AsyncView>
          </Card>
        </Col>
      ) : null}
      <Col xs={24} xl={childLevel ? 12 : 24}>
        <Card size="small" title={t('regions.openCases')}>
          {cases.error ? <ProblemAlert error={cases.error} onRetry={cases.reload} /> : null}
          <Table
            rowKey="id"
            size="small"
            loading={cases.loading}
            dataSource={openCases}
            pagination={{ pageSize: 10 }}
            columns={[
              {
                title: t('case.number'),
                dataIndex: 'number',
                render: (n: string, c) => <Link to={`/cases/${c.id}`}>{n}</Link>,
              },
              { title: t('case.title'), dataIndex: 'title', ellipsis: true },
              {
                title: t('case.status'),
                dataIndex: 'status',
                render: (s: string) => <StatusTag status={s} />,
              },
              { title: t('case.card'), dataIndex: 'card', render: (c: string) => <CardTag card={c} /> },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** The people holding posts at the region's governance centre (the server shows them only to those who may see users). */
function CentreStaff({ centre }: { centre: Unit | undefined }) {
  const { t, tv } = useI18n();
  const staff = useApi<{ items: (User & { posts?: { role: string; unitId: number | null }[] })[] }>(
    centre ? withQuery('users', { unitId: centre.id, limit: 100 }) : null,
  );
  const people = staff.data?.items ?? [];
  if (!centre || !people.length) return null;
  return (
    <div style={{ marginBottom: 8 }} data-testid="centre-staff">
      <Typography.Text type="secondary">{t('regions.centreStaff')}</Typography.Text>
      <div>
        {people.map((u) => (
          <Tag key={u.id}>
            {u.displayName ?? u.username} · {tv('role', u.posts?.find((p) => p.unitId === centre.id)?.role)}
          </Tag>
        ))}
      </div>
    </div>
  );
}
