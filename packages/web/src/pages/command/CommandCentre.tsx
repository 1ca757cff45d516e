import { Breadcrumb, Card, Col, Row, Segmented, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import Chart from '../../components/Chart.tsx';
import type { BoundaryCollection } from '../../components/map-style.ts';
import { AsyncView, ProblemAlert } from '../../components/problem.tsx';
import RegionMap from '../../components/RegionMap.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { DisputeFiguresCard } from '../disputes/DisputeFiguresCard.tsx';
import { categoryOption, kindOption, trendOption } from './chart-options.ts';
import {
  type Breakdown,
  CHILD_LEVEL,
  type ChildFigures,
  formatFigure,
  MAP_FIGURES,
  type RegionRef,
  type Summary,
  type Trend,
} from './dashboard-types.ts';
import { KeyFigures } from './KeyFigures.tsx';
import { LiveFeed } from './LiveFeed.tsx';

const PERIODS = [7, 30, 90, 365] as const;

/** 指挥中心: the user's scope on the map, key figures, trends, breakdowns and the live feed. */
export default function CommandCentre() {
  const { t, tv, lang } = useI18n();
  const [days, setDays] = useState<number>(30);
  const [figure, setFigure] = useState<string>('received');
  // the drill-down path; empty means the user's own scope (the server's default region)
  const [path, setPath] = useState<RegionRef[]>([]);
  const [tick, setTick] = useState(0);
  const current = path[path.length - 1];
  const to = dayjs().format('YYYY-MM-DD');
  const from = dayjs()
    .subtract(days - 1, 'day')
    .format('YYYY-MM-DD');
  const q = { region: current?.code, from, to };

  const summary = useApi<Summary>(withQuery('dashboard/summary', q), tick);
  const root = summary.data?.region;
  const region = current ?? root;
  const trend = useApi<Trend>(withQuery('dashboard/trend', q), tick);
  const breakdown = useApi<Breakdown>(withQuery('dashboard/breakdown', q), tick);
  const children = useApi<ChildFigures>(
    region && CHILD_LEVEL[region.level]
      ? withQuery('dashboard/children', { ...q, region: region.code, figure })
      : null,
    tick,
  );
  const childLevel = region ? CHILD_LEVEL[region.level] : undefined;
  // a grid has no children: its map is the grid itself
  const boundaries = useApi<BoundaryCollection>(
    region ? withQuery(`regions/${region.code}/boundaries`, { level: childLevel ?? region.level }) : null,
  );

  const values = useMemo(() => {
    const v: Record<string, number> = {};
    for (const item of children.data?.items ?? []) if (item.value !== null) v[item.code] = item.value;
    return v;
  }, [children.data]);
  const describeRegion = useCallback(
    (code: string, name: string) => `${name}: ${tv('figure', figure)} ${formatFigure(figure, values[code])}`,
    [values, figure, tv],
  );

  // a live event refreshes the figures (at most every few seconds)
  const [lastRefresh, setLastRefresh] = useState(0);
  const onEvent = useCallback(() => {
    const now = Date.now();
    if (now - lastRefresh > 3000) {
      setLastRefresh(now);
      setTick((n) => n + 1);
    }
  }, [lastRefresh]);

  const crumbs = [...(root && !path.some((p) => p.code === root.code) ? [root] : []), ...path];

  return (
    <div className="cg-page">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Space wrap>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {t('home.title')}
          </Typography.Title>
          <nav aria-label={t('home.scope')}>
            <Breadcrumb
              data-testid="scope-breadcrumb"
              items={crumbs.map((r, i) => ({
                key: r.code,
                title:
                  i < crumbs.length - 1 ? (
                    <a
                      href={`#${r.code}`}
                      onClick={(e) => {
                        e.preventDefault();
                        setPath(path.slice(0, Math.max(0, path.findIndex((p) => p.code === r.code) + 1)));
                      }}
                    >
                      {r.name}
                    </a>
                  ) : (
                    r.name
                  ),
              }))}
            />
          </nav>
        </Space>
        <Space wrap>
          <span id="period-label">{t('home.period')}</span>
          <Segmented
            aria-labelledby="period-label"
            value={days}
            onChange={(v) => setDays(Number(v))}
            options={PERIODS.map((p) => ({ value: p, label: t(`home.period.${p}`) }))}
          />
        </Space>
      </Space>
      <AsyncView state={summary}>{(s) => <KeyFigures summary={s} />}</AsyncView>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={`${region?.name ?? ''} · ${childLevel ? tv('level', childLevel) : ''}`}
            extra={
              <Space>
                <span id="figure-label">{t('home.figure')}</span>
                <Select
                  aria-labelledby="figure-label"
                  value={figure}
                  onChange={setFigure}
                  style={{ width: 160 }}
                  options={MAP_FIGURES.map((f) => ({ value: f, label: tv('figure', f) }))}
                />
              </Space>
            }
          >
            {boundaries.error ? <ProblemAlert error={boundaries.error} onRetry={boundaries.reload} /> : null}
            <RegionMap
              label={t('home.drillHint')}
              boundaries={boundaries.data ?? null}
              values={values}
              describe={describeRegion}
              height={460}
              onRegionClick={(code, name) => {
                const level = childLevel ?? '';
                if (!CHILD_LEVEL[level]) return;
                setPath([...(path.length ? path : root ? [root] : []), { code, name, level }]);
              }}
            />
            <Typography.Text type="secondary">{t('home.drillHint')}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('home.feed')}>
            <LiveFeed onEvent={onEvent} />
          </Card>
          <DisputeFiguresCard region={region?.code} />
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('home.trend')}>
            <AsyncView state={trend}>
              {(d) => (
                <Chart
                  label={t('home.trend')}
                  option={trendOption(d, { received: t('figure.received'), closed: t('figure.closed') })}
                />
              )}
            </AsyncView>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Card size="small" title={t('home.breakdownKind')}>
            <AsyncView state={breakdown} isEmpty={(b) => !b.kinds.some((k) => (k.figures.received ?? 0) > 0)}>
              {(b) => <Chart label={t('home.breakdownKind')} option={kindOption(b, tv)} />}
            </AsyncView>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Card size="small" title={t('home.breakdownCategory')}>
            <AsyncView state={breakdown} isEmpty={(b) => !b.kinds.some((k) => (k.figures.received ?? 0) > 0)}>
              {(b) => <Chart label={t('home.breakdownCategory')} option={categoryOption(b, lang)} />}
            </AsyncView>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
