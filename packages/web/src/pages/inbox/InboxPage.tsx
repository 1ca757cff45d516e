import { DownloadOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Space, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCategoryName } from '../../api/category-names.ts';
import { withQuery } from '../../api/client.ts';
import type { CaseList, CaseSummary, Inbox } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { CardTag, DueText, StatusTag } from '../../components/case-tags.tsx';
import { PlaceName } from '../../components/PlaceName.tsx';
import { ProblemAlert } from '../../components/problem.tsx';
import { overdueFirst } from '../../domain/time-left.ts';
import { useI18n } from '../../i18n/index.tsx';
import { exportCases } from './export-cases.ts';
import { type CaseFilters, SearchForm } from './SearchForm.tsx';

// the server's inbox steps (packages/server/src/cases/case-lists.ts); 'all' is every step but overdue and copied
const STEPS = [
  'all',
  'to_accept',
  'to_dispatch',
  'to_handle',
  'to_verify',
  'summoned',
  'supervised',
  'overdue',
  'copied',
] as const;

/** 待办 (the user's work by step, overdue first) or, with `search`, every case in scope. */
export default function InboxPage({ search = false }: { search?: boolean }) {
  const { t, tv, lang } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const step = params.get('step') ?? 'all';
  const [filters, setFilters] = useState<CaseFilters>({});
  const [exporting, setExporting] = useState(false);
  const categoryName = useCategoryName();

  const inbox = useApi<Inbox>(
    search ? null : withQuery('cases/inbox', { step: step === 'all' ? undefined : step }),
  );
  const list = useApi<CaseList>(search ? withQuery('cases', { ...filters, limit: 100 }) : null);
  const state = search ? list : inbox;
  const items = useMemo(() => {
    const raw = search ? list.data?.items : inbox.data?.items;
    return raw ? (search ? raw : overdueFirst(raw)) : [];
  }, [search, list.data, inbox.data]);

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('case.number'),
      dataIndex: 'number',
      render: (n: string, c) => <Link to={`/cases/${c.id}`}>{n}</Link>,
      width: 190,
    },
    { title: t('case.title'), dataIndex: 'title', ellipsis: true },
    {
      title: t('case.category'),
      key: 'category',
      render: (_, c) => categoryName(c.categoryCode, lang),
      responsive: ['md'],
    },
    { title: t('case.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
    {
      title: t('case.card'),
      dataIndex: 'card',
      render: (card: string, c) => (
        <Space size={4}>
          <CardTag card={card} />
          {c.overdue && card !== 'red' ? <CardTag card="red" /> : null}
        </Space>
      ),
    },
    {
      title: t('case.region'),
      key: 'grid',
      render: (_, c) => <PlaceName place={c} withStreet={false} />,
      responsive: ['lg'],
    },
    {
      title: t('case.reportedAt'),
      dataIndex: 'reportedAt',
      render: (v: string) => new Date(v).toLocaleString(lang),
      responsive: ['lg'],
    },
    { title: t('case.dueAt'), dataIndex: 'dueAt', render: (v: string | null) => <DueText dueAt={v} /> },
  ];

  async function doExport() {
    setExporting(true);
    try {
      await exportCases(items, { t, tv, lang, categoryName });
    } catch (e) {
      message.error(String(e));
    } finally {
      setExporting(false);
    }
  }

  const counts = inbox.data?.counts ?? {};
  const total = (k: string) =>
    k === 'all'
      ? STEPS.filter((s) => s !== 'all' && s !== 'overdue' && s !== 'copied').reduce(
          (n, s) => n + (counts[s] ?? 0),
          0,
        )
      : counts[k];

  return (
    <div className="cg-page">
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
            {search ? t('inbox.search') : t('inbox.title')}
          </Typography.Title>
        }
        extra={
          <Button icon={<DownloadOutlined />} onClick={doExport} loading={exporting} disabled={!items.length}>
            {t('inbox.export')}
          </Button>
        }
      >
        {search ? (
          <SearchForm onSearch={setFilters} />
        ) : (
          <Tabs
            activeKey={step}
            onChange={(k) => setParams(k === 'all' ? {} : { step: k })}
            items={STEPS.map((s) => ({
              key: s,
              label: (
                <span data-testid={`tab-${s}`}>
                  {tv('step', s)}{' '}
                  <Badge
                    count={total(s) ?? 0}
                    showZero
                    color={(total(s) ?? 0) === 0 ? '#bfbfbf' : s === 'overdue' ? '#cf1322' : '#1f4e8c'}
                  />
                </span>
              ),
            }))}
          />
        )}
        {state.error ? <ProblemAlert error={state.error} onRetry={state.reload} /> : null}
        <Table<CaseSummary>
          rowKey="id"
          size="middle"
          loading={state.loading}
          columns={columns}
          dataSource={items}
          rowClassName={(c) =>
            c.card === 'red' || c.overdue ? 'cg-card-red' : c.card === 'yellow' ? 'cg-card-yellow' : ''
          }
          pagination={{
            pageSize: 20,
            showTotal: (n) =>
              t('common.total', {
                n: search ? `${list.data?.total ?? n}${list.data?.totalCapped ? '+' : ''}` : n,
              }),
          }}
          scroll={{ x: 'max-content' }}
          data-testid="case-table"
        />
      </Card>
    </div>
  );
}
