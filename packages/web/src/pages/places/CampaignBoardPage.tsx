import { ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import type { BoundaryCollection } from '../../components/map-style.ts';
import { AsyncView, ProblemAlert } from '../../components/problem.tsx';
import RegionMap from '../../components/RegionMap.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { downloadFile } from '../setup/setup-files.ts';
import { BoardRowsDrawer } from './BoardRowsDrawer.tsx';
import {
  BOARD_FIGURES,
  type Board,
  type BoardFigure,
  type BoardRow,
  CHILD_LEVEL,
  percent,
} from './place-types.ts';

type Crumb = { code: string; name: string };

/** A campaign's board (挂图作战): per region down to the grid, as a table and on the map; its ledger. */
export default function CampaignBoardPage() {
  const { id = '' } = useParams();
  const { t, tv } = useI18n();
  const [path, setPath] = useState<Crumb[]>([]);
  const [figure, setFigure] = useState<BoardFigure>('overdue');
  const [rowsOf, setRowsOf] = useState<{ region: Crumb; figure: BoardFigure } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const here = path.at(-1);
  const board = useApi<Board>(withQuery(`campaigns/${id}/board`, { region: here?.code }));
  // the campaign's own region heads the breadcrumb
  const top = useRef('');
  if (!path.length && board.data) top.current = board.data.region.name;
  const region = board.data?.region;
  const childLevel = region ? CHILD_LEVEL[region.level] : undefined;
  const shapes = useApi<BoundaryCollection>(
    region ? withQuery(`regions/${region.code}/boundaries`, { level: childLevel ?? region.level }) : null,
  );
  const values = useMemo(() => {
    const v: Record<string, number> = {};
    for (const c of board.data?.children ?? []) v[c.code] = c[figure];
    return v;
  }, [board.data, figure]);
  const names = useMemo(
    () => new Map((board.data?.children ?? []).map((c) => [c.code, c.name] as const)),
    [board.data],
  );

  const drill = (code: string, name: string) => {
    if (childLevel && names.has(code)) setPath([...path, { code, name }]);
  };
  const cell = (r: BoardRow, f: BoardFigure) => (
    <Button
      type="link"
      size="small"
      data-testid={`board-${r.code}-${f}`}
      onClick={() => setRowsOf({ region: { code: r.code, name: r.name }, figure: f })}
    >
      {r[f]}
    </Button>
  );

  async function ledger() {
    setError(null);
    try {
      await downloadFile(
        withQuery(`campaigns/${id}/ledger`, { region: here?.code }),
        `campaign-${id}-ledger.xlsx`,
      );
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="cg-page">
      <AsyncView state={board}>
        {(b) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }} data-testid="campaign-name">
                {b.campaign.name}
              </Typography.Title>
              <Space wrap>
                <Button
                  icon={<ArrowUpOutlined />}
                  disabled={!path.length}
                  onClick={() => setPath(path.slice(0, -1))}
                >
                  {t('campaigns.up')}
                </Button>
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() => void ledger()}
                  data-testid="campaign-ledger"
                >
                  {t('campaigns.ledger')}
                </Button>
              </Space>
            </Space>
            <Space wrap size={4}>
              <span>{`${b.campaign.startsOn} ~ ${b.campaign.endsOn}`}</span>
              {b.campaign.placeTypes.map((p) => (
                <Tag key={p}>{tv('placeType', p)}</Tag>
              ))}
              <Tag>{`${t('campaigns.targetCoverage')} ${percent(b.campaign.targetCoverage)}`}</Tag>
              <Tag>{`${t('campaigns.targetFixed')} ${percent(b.campaign.targetFixed)}`}</Tag>
            </Space>
            <Breadcrumb
              items={[{ code: '', name: top.current }, ...path].map((c, i) => ({
                title:
                  i < path.length ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setPath(path.slice(0, i))}
                      data-testid={`crumb-${i}`}
                    >
                      {c.name}
                    </Button>
                  ) : (
                    c.name
                  ),
              }))}
            />
            {error ? <ProblemAlert error={error} /> : null}
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={10}>
                <Card
                  size="small"
                  title={b.region.name}
                  extra={
                    <Select
                      aria-label={t('campaigns.mapFigure')}
                      value={figure}
                      onChange={setFigure}
                      style={{ width: 130 }}
                      options={BOARD_FIGURES.map((f) => ({ value: f, label: t(`campaigns.${f}`) }))}
                    />
                  }
                >
                  <RegionMap
                    label={t('campaigns.drill')}
                    boundaries={shapes.data ?? null}
                    values={values}
                    height={420}
                    describe={(code, name) => `${name}: ${t(`campaigns.${figure}`)} ${values[code] ?? 0}`}
                    onRegionClick={drill}
                  />
                  <Typography.Text type="secondary">{childLevel ? t('campaigns.drill') : ''}</Typography.Text>
                </Card>
              </Col>
              <Col xs={24} xl={14}>
                <Table
                  size="small"
                  rowKey="code"
                  data-testid="campaign-board"
                  dataSource={[...b.children, { ...b.total, name: t('campaigns.total') }]}
                  pagination={false}
                  scroll={{ x: true }}
                  columns={[
                    {
                      title: tv('level', childLevel ?? b.region.level),
                      key: 'name',
                      render: (_, r) =>
                        r.code !== b.total.code && childLevel ? (
                          <Button type="link" size="small" onClick={() => drill(r.code, r.name)}>
                            {r.name}
                          </Button>
                        ) : (
                          <b>{r.name}</b>
                        ),
                    },
                    ...BOARD_FIGURES.map((f) => ({
                      title: t(`campaigns.${f}`),
                      key: f,
                      render: (_: unknown, r: BoardRow) => cell(r, f),
                    })),
                    {
                      title: t('campaigns.coverage'),
                      key: 'coverage',
                      render: (_, r) => (
                        <Tag color={r.coverageMet ? 'green' : 'red'}>{percent(r.coverage)}</Tag>
                      ),
                    },
                    {
                      title: t('campaigns.fixedRate'),
                      key: 'fixedRate',
                      render: (_, r) => (
                        <Tag color={r.fixedMet ? 'green' : 'red'}>{percent(r.fixedRate)}</Tag>
                      ),
                    },
                  ]}
                />
              </Col>
            </Row>
          </Space>
        )}
      </AsyncView>
      {rowsOf ? (
        <BoardRowsDrawer
          campaignId={id}
          region={rowsOf.region}
          figure={rowsOf.figure}
          onClose={() => setRowsOf(null)}
        />
      ) : null}
    </div>
  );
}
