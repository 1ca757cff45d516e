import { Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type FigureItem, type Figures, thisMonth } from './dispute-types.ts';

const GROUPINGS = ['total', 'type', 'org', 'mediator', 'street', 'district'] as const;
const DEFINITIONS = ['screened', 'resolution', 'success', 'onTime', 'days'] as const;

/** A rate as a percentage with one decimal, or a dash when nothing was counted. */
export const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
export const days = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/**
 * The disputes figures (from /api/v1/disputes-figures): resolution rate, mediation success rate,
 * on-time rate and average days, by type, organisation, mediator or region, with their written
 * definitions (the server's domain/figures.ts).
 */
export default function FiguresPage() {
  const { t, tv } = useI18n();
  const { me } = useSession();
  const region = (me?.posts ?? []).find((p) => p.regionCode)?.regionCode ?? '';
  const [q, setQ] = useState({ region, from: thisMonth(), to: thisMonth(), by: 'type' as string });
  const ready = /^\d{12}$/.test(q.region);
  const figures = useApi<Figures>(ready ? withQuery('disputes-figures', q) : null);
  const label = (r: FigureItem) =>
    q.by === 'type' ? tv('dispute.type', r.key) : r.key === 'total' ? t('figures.by.total') : r.label;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('figures.title')} size="small">
        <Form layout="inline" initialValues={q} onFinish={(v: typeof q) => setQ(v)} style={{ rowGap: 8 }}>
          <Form.Item name="region" label={t('figures.region')} rules={[{ pattern: /^\d{12}$/ }]}>
            <Input style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="from" label={t('figures.from')} rules={[{ pattern: /^\d{4}-\d{2}$/ }]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="to" label={t('figures.to')} rules={[{ pattern: /^\d{4}-\d{2}$/ }]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="by" label={t('figures.by')}>
            <Select
              style={{ width: 140 }}
              options={GROUPINGS.map((g) => ({ value: g, label: t(`figures.by.${g}`) }))}
            />
          </Form.Item>
          <Button htmlType="submit">{t('common.search')}</Button>
        </Form>
      </Card>
      {figures.error ? <ProblemAlert error={figures.error} onRetry={figures.reload} /> : null}
      <Card size="small">
        <Table
          rowKey="key"
          size="small"
          loading={figures.loading}
          dataSource={figures.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: t('figures.group'), key: 'label', render: (_: unknown, r: FigureItem) => label(r) },
            { title: t('figures.screened'), dataIndex: 'screened', align: 'right' },
            { title: t('figures.resolved'), dataIndex: 'resolved', align: 'right' },
            {
              title: t('figures.resolutionRate'),
              dataIndex: 'resolutionRate',
              align: 'right',
              render: percent,
            },
            { title: t('figures.mediated'), dataIndex: 'mediated', align: 'right' },
            { title: t('figures.succeeded'), dataIndex: 'succeeded', align: 'right' },
            { title: t('figures.successRate'), dataIndex: 'successRate', align: 'right', render: percent },
            { title: t('figures.onTime'), dataIndex: 'on_time', align: 'right' },
            { title: t('figures.onTimeRate'), dataIndex: 'onTimeRate', align: 'right', render: percent },
            { title: t('figures.averageDays'), dataIndex: 'averageDays', align: 'right', render: days },
          ]}
        />
      </Card>
      <Card title={t('figures.definitions')} size="small">
        {DEFINITIONS.map((d) => (
          <Typography.Paragraph key={d} style={{ marginBottom: 6 }}>
            {t(`figures.def.${d}`)}
          </Typography.Paragraph>
        ))}
      </Card>
    </Space>
  );
}
