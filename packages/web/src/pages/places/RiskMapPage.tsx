import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useCityCode } from '../../app/city.tsx';
import { useSession } from '../../app/session.tsx';
import type { BoundaryCollection } from '../../components/map-style.ts';
import { AsyncView } from '../../components/problem.tsx';
import RegionMap from '../../components/RegionMap.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegionPicker } from '../admin/admin-pickers.tsx';
import { type RiskMapData, TIER_COLOURS, TIERS } from './place-types.ts';
import { RiskSourceDrawer } from './RiskSourceDrawer.tsx';
import { RiskSourceForm } from './RiskSourceForm.tsx';
import { mayManage } from './roles.ts';

/** A grid by its name, its code beside it in grey. */
const gridCell = (name: string | null, code: string) => (
  <span>
    {name ?? code} {name ? <Typography.Text type="secondary">{code}</Typography.Text> : null}
  </span>
);

/** Risk sources (风险源) by control tier on the map, with each grid's open hazards; register, change a tier. */
export default function RiskMapPage() {
  const { t, tv } = useI18n();
  const { me } = useSession();
  const city = useCityCode();
  const home = me?.posts.find((p) => p.regionCode)?.regionCode ?? city;
  const [picked, setPicked] = useState<string | undefined>();
  const region = picked ?? home;
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const map = useApi<RiskMapData>(withQuery('risk-map', { region: picked }));
  const shapes = useApi<BoundaryCollection>(
    region ? withQuery(`regions/${region}/boundaries`, { level: 'grid' }) : null,
  );
  const values = useMemo(() => {
    const v: Record<string, number> = {};
    for (const g of map.data?.grids ?? []) v[g.gridCode] = g.openHazards;
    return v;
  }, [map.data]);
  const manager = mayManage(me, 'risk');
  return (
    <div className="cg-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('riskMap.title')}
        </Typography.Title>
        <Space wrap>
          <div style={{ minWidth: 220 }}>
            <RegionPicker
              value={picked}
              onChange={(v) => setPicked((v as string | undefined) || undefined)}
            />
          </div>
          {manager ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="risk-new"
            >
              {t('riskMap.new')}
            </Button>
          ) : null}
        </Space>
      </Space>
      <AsyncView state={map}>
        {(d) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small">
                <RegionMap
                  label={t('riskMap.title')}
                  boundaries={shapes.data ?? null}
                  values={values}
                  points={d.sources.map((s) => ({ ...s.location, card: s.tier }))}
                  describe={(code, name) => `${name}: ${t('riskMap.openHazards')} ${values[code] ?? 0}`}
                  height={460}
                />
                <Typography.Text type="secondary">{t('riskMap.legend')}</Typography.Text>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space wrap size={4}>
                  {TIERS.map((tier) => (
                    <Tag key={tier} color={TIER_COLOURS[tier]} data-testid={`tier-count-${tier}`}>
                      {`${tv('tier', tier)} ${d.sources.filter((s) => s.tier === tier).length}`}
                    </Tag>
                  ))}
                </Space>
                <Table
                  size="small"
                  rowKey="id"
                  data-testid="risk-sources"
                  dataSource={d.sources}
                  pagination={d.sources.length > 20 ? { pageSize: 20 } : false}
                  scroll={{ x: true }}
                  columns={[
                    {
                      title: t('riskMap.name'),
                      key: 'name',
                      render: (_, s) => (
                        <Button type="link" size="small" onClick={() => setOpen(s.id)}>
                          {s.name}
                        </Button>
                      ),
                    },
                    { title: t('riskMap.kind'), dataIndex: 'kind' },
                    {
                      title: t('riskMap.tier'),
                      key: 'tier',
                      render: (_, s) => <Tag color={TIER_COLOURS[s.tier]}>{tv('tier', s.tier)}</Tag>,
                    },
                    {
                      title: t('riskMap.grid'),
                      key: 'grid',
                      render: (_, s) => gridCell(s.gridName, s.gridCode),
                    },
                    {
                      title: t('riskMap.plan'),
                      key: 'plan',
                      render: (_, s) => `${s.plan.checker} · ${t('riskMap.every', { n: s.plan.everyDays })}`,
                    },
                  ]}
                />
                <Table
                  size="small"
                  rowKey="gridCode"
                  data-testid="risk-grids"
                  title={() => t('riskMap.gridsTitle')}
                  dataSource={d.grids}
                  pagination={d.grids.length > 20 ? { pageSize: 20 } : false}
                  columns={[
                    {
                      title: t('riskMap.grid'),
                      key: 'grid',
                      render: (_, g) => gridCell(g.gridName, g.gridCode),
                    },
                    { title: t('riskMap.openHazards'), dataIndex: 'openHazards' },
                    { title: t('riskMap.overdueHazards'), dataIndex: 'overdueHazards' },
                  ]}
                />
              </Space>
            </Col>
          </Row>
        )}
      </AsyncView>
      {creating ? (
        <RiskSourceForm
          onClose={() => setCreating(false)}
          onSaved={(r) => {
            setCreating(false);
            map.reload();
            setOpen(r.id);
          }}
        />
      ) : null}
      {open ? (
        <RiskSourceDrawer
          id={open}
          mayChange={manager}
          onClose={() => setOpen(null)}
          onChanged={map.reload}
        />
      ) : null}
    </div>
  );
}
