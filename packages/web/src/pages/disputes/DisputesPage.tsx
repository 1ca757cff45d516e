import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { DISPUTE_TYPES, type DisputeList, MEDIATION_STATES, STATE_COLOURS } from './dispute-types.ts';
import { LedgerButtons } from './LedgerButtons.tsx';

interface Filters {
  status?: string;
  type?: string;
  region?: string;
}
const PAGE = 20;

/** The dispute registry (台账): disputes in the caller's scope, most urgent first; no party's personal data. */
export default function DisputesPage() {
  const { t, tv } = useI18n();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const list = useApi<DisputeList>(
    withQuery('disputes', { ...filters, limit: PAGE, offset: (page - 1) * PAGE }),
  );
  return (
    <Card
      title={t('dispute.list')}
      extra={
        <Space wrap>
          <LedgerButtons onImported={list.reload} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/disputes/new')}>
            {t('nav.newDispute')}
          </Button>
        </Space>
      }
    >
      <Form
        layout="inline"
        style={{ marginBottom: 12, rowGap: 8 }}
        onFinish={(v: Filters) => {
          setPage(1);
          setFilters(Object.fromEntries(Object.entries(v).filter(([, x]) => x)) as Filters);
        }}
        aria-label={t('dispute.filters')}
      >
        <Form.Item name="status" label={t('dispute.status')}>
          <Select
            allowClear
            style={{ width: 140 }}
            options={MEDIATION_STATES.map((s) => ({ value: s, label: tv('dispute.state', s) }))}
          />
        </Form.Item>
        <Form.Item name="type" label={t('dispute.type')}>
          <Select
            allowClear
            style={{ width: 160 }}
            options={DISPUTE_TYPES.map((s) => ({ value: s, label: tv('dispute.type', s) }))}
          />
        </Form.Item>
        <Form.Item
          name="region"
          label={t('dispute.region')}
          rules={[{ pattern: /^\d{12}(\d{3,4})?$/, message: t('dispute.region') }]}
        >
          <Input style={{ width: 170 }} placeholder="120101001000" />
        </Form.Item>
        <Button htmlType="submit">{t('common.search')}</Button>
      </Form>
      {list.error ? <ProblemAlert error={list.error} onRetry={list.reload} /> : null}
      <Table
        rowKey="caseId"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n: `${n}${list.data?.totalCapped ? '+' : ''}` }),
          showSizeChanger: false,
        }}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('dispute.number'),
            dataIndex: 'number',
            render: (n: string, r) => <Link to={`/disputes/${r.caseId}`}>{n}</Link>,
          },
          { title: t('dispute.type'), dataIndex: 'type', render: (v: string) => tv('dispute.type', v) },
          { title: t('dispute.matter'), dataIndex: 'matter', ellipsis: true },
          {
            title: t('dispute.status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={STATE_COLOURS[v]}>{tv('dispute.state', v)}</Tag>,
          },
          {
            title: t('dispute.risk'),
            dataIndex: 'riskLevel',
            render: (v: string, r) => (
              <Space size={2}>
                <Tag color={v === 'high' ? 'red' : v === 'medium' ? 'orange' : 'default'}>
                  {tv('dispute.riskLevel', v)}
                </Tag>
                {r.isGroup ? <Tag color="purple">{t('dispute.group')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('dispute.people'), dataIndex: 'peopleInvolved' },
          {
            title: t('dispute.dueAt'),
            dataIndex: 'daysLeft',
            render: (d: number | null) =>
              d === null ? (
                '—'
              ) : d >= 0 ? (
                t('dispute.daysLeft', { n: d })
              ) : (
                <Tag color="red">{t('dispute.overdue', { n: -d })}</Tag>
              ),
          },
          {
            title: t('dispute.screenedAt'),
            dataIndex: 'screenedAt',
            render: (v: string) => new Date(v).toLocaleDateString(),
          },
        ]}
      />
    </Card>
  );
}
