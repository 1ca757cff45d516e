import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { api, withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { ProblemAlert, problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type ScreeningBoard, type StreetBoard, thisMonth } from './dispute-types.ts';

const STREET_COLOURS: Record<string, string> = {
  complete: 'green',
  late: 'orange',
  missing: 'red',
  pending: 'default',
};
const districtOf = (code: string) => code.slice(0, 6).padEnd(12, '0');

/**
 * The screening completeness board (100% 排查): every grid under a region for a month, reported
 * or not ("nothing found" counts), and the streets' monthly reports of the district.
 */
export default function ScreeningPage() {
  const { t, tv } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const post = (me?.posts ?? []).find((p) => p.regionCode);
  const grid = (me?.posts ?? []).flatMap((p) => p.gridCodes ?? [])[0];
  const [q, setQ] = useState({ region: post?.regionCode ?? '', period: thisMonth() });
  const ready = /^\d{12}/.test(q.region);
  const board = useApi<ScreeningBoard>(ready ? withQuery('screening/board', q) : null);
  const streets = useApi<StreetBoard>(
    ready ? withQuery('screening/street-board', { district: districtOf(q.region), month: q.period }) : null,
  );
  const b = board.data;

  async function report(v: { found: number }) {
    try {
      await api('screening/reports', { body: { gridCode: grid, period: q.period, found: v.found } });
      message.success(t('common.saved'));
      board.reload();
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      message.error([text, ...details].join(' — '));
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('screening.board')}>
        <Form layout="inline" initialValues={q} onFinish={(v: typeof q) => setQ(v)} style={{ rowGap: 8 }}>
          <Form.Item name="region" label={t('screening.region')}>
            <Input style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="period" label={t('screening.period')} rules={[{ pattern: /^\d{4}-\d{2}$/ }]}>
            <Input style={{ width: 100 }} placeholder="2026-12" />
          </Form.Item>
          <Button htmlType="submit">{t('common.search')}</Button>
        </Form>
        {grid ? (
          <Form layout="inline" onFinish={report} initialValues={{ found: 0 }} style={{ marginTop: 12 }}>
            <Form.Item name="found" label={`${t('screening.report')} ${grid}`}>
              <InputNumber min={0} />
            </Form.Item>
            <Button htmlType="submit" type="primary">
              {t('common.submit')}
            </Button>
          </Form>
        ) : null}
      </Card>
      {board.error ? <ProblemAlert error={board.error} onRetry={board.reload} /> : null}
      {b ? (
        <Card size="small">
          <Row gutter={16}>
            <Col xs={12} md={4}>
              <Statistic title={t('screening.grids')} value={b.grids} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('screening.reported')} value={b.reported} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('screening.nothing')} value={b.nothingFound} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('screening.found')} value={b.found} />
            </Col>
            <Col xs={24} md={8}>
              <div>{t('screening.coverage')}</div>
              <Progress percent={Math.round((b.coverage ?? 0) * 1000) / 10} data-testid="coverage" />
            </Col>
          </Row>
          <Table
            rowKey="gridCode"
            size="small"
            dataSource={b.items}
            pagination={{ pageSize: 20 }}
            columns={[
              {
                title: t('dispute.grid'),
                dataIndex: 'name',
                render: (n: string, r) => `${n}（${r.gridCode}）`,
              },
              {
                title: t('screening.reported'),
                dataIndex: 'reported',
                render: (v: boolean) =>
                  v ? (
                    <Tag color="green">{t('common.yes')}</Tag>
                  ) : (
                    <Tag color="red">{t('screening.notReported')}</Tag>
                  ),
              },
              { title: t('screening.found'), dataIndex: 'found', render: (v: number | null) => v ?? '—' },
              {
                title: t('common.time'),
                dataIndex: 'reportedAt',
                render: (v: string | null) => (v ? new Date(v).toLocaleString() : '—'),
              },
            ]}
          />
        </Card>
      ) : null}
      {streets.data ? (
        <Card size="small" title={t('screening.streets')}>
          <Table
            rowKey="streetCode"
            size="small"
            pagination={false}
            dataSource={streets.data.items}
            columns={[
              { title: t('common.name'), dataIndex: 'name' },
              {
                title: t('common.status'),
                dataIndex: 'status',
                render: (v: string) => <Tag color={STREET_COLOURS[v]}>{tv('screening.status', v)}</Tag>,
              },
              { title: t('screening.found'), dataIndex: 'disputes', render: (v: number | null) => v ?? '—' },
              {
                title: t('common.time'),
                dataIndex: 'filedAt',
                render: (v: string | null) => (v ? new Date(v).toLocaleString() : '—'),
              },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
