import { CheckCircleOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, withQuery } from '../../api/client.ts';
import type { CaseList, CaseSummary } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { CardTag, DueText, StatusTag } from '../../components/case-tags.tsx';
import { AsyncView } from '../../components/problem.tsx';
import { SimpleList } from '../../components/SimpleList.tsx';
import { overdueFirst } from '../../domain/time-left.ts';
import { useI18n } from '../../i18n/index.tsx';
import { VerifyDialog } from './VerifyDialog.tsx';

/** Cases per page of a grid's list. */
const PAGE = 100;

/** Every open case of my grid(s), overdue first, each with its step and deadline; verify where it is due. */
export function GridCases({ grids }: { grids: string[] }) {
  const { t } = useI18n();
  const [verifying, setVerifying] = useState<CaseSummary | null>(null);
  const [refresh, setRefresh] = useState(0);
  if (!grids.length) return <Typography.Text type="secondary">{t('field.noGrid')}</Typography.Text>;
  return (
    <>
      {grids.map((g) => (
        <GridCaseList key={g} grid={g} refresh={refresh} onVerify={setVerifying} />
      ))}
      <VerifyDialog
        item={verifying}
        onClose={() => setVerifying(null)}
        onDone={() => {
          setVerifying(null);
          setRefresh((n) => n + 1);
        }}
      />
    </>
  );
}

function GridCaseList({
  grid,
  refresh,
  onVerify,
}: {
  grid: string;
  refresh: number;
  onVerify(c: CaseSummary): void;
}) {
  const { t } = useI18n();
  const query = { region: grid, status: 'open', limit: PAGE };
  const list = useApi<CaseList>(withQuery('cases', query), refresh);
  // the pages after the first, fetched on "load more" (a busy grid has more than a page open)
  const [more, setMore] = useState<{ items: CaseSummary[]; next: string | null; key: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const key = `${grid}|${refresh}`;
  const extra = more?.key === key ? more : null;
  const loadMore = async (cursor: string) => {
    setLoading(true);
    try {
      const page = await api<CaseList>(withQuery('cases', { ...query, cursor }));
      setMore({ items: [...(extra?.items ?? []), ...page.items], next: page.nextCursor, key });
    } finally {
      setLoading(false);
    }
  };
  return (
    <AsyncView state={list}>
      {(d) => {
        const next = extra ? extra.next : d.nextCursor;
        return (
          <>
            <Typography.Text type="secondary" data-testid="field-case-count">
              {d.items[0]?.gridName ?? grid} · {t('field.count', { n: d.total })}
            </Typography.Text>
            <SimpleList
              items={overdueFirst([...d.items, ...(extra?.items ?? [])])}
              rowKey={(c) => c.id}
              empty={t('field.noTasks')}
              className="cg-field-tasks"
              render={(c) => (
                <div
                  data-testid="field-case"
                  data-number={c.number}
                  className={
                    c.card === 'red' || c.overdue
                      ? 'cg-flag-red'
                      : c.card === 'yellow'
                        ? 'cg-flag-yellow'
                        : ''
                  }
                  style={{ width: '100%' }}
                >
                  <Link to={`/cases/${c.id}`} style={{ fontWeight: 600 }}>
                    {c.title}
                  </Link>
                  <Space wrap size={4} style={{ display: 'flex', marginTop: 4 }}>
                    <span style={{ color: '#888' }}>{c.number}</span>
                    <StatusTag status={c.status} />
                    <CardTag card={c.card} />
                    <DueText dueAt={c.dueAt} />
                  </Space>
                  {c.status === 'resolved' ? (
                    <Button
                      type="primary"
                      size="small"
                      icon={<CheckCircleOutlined />}
                      style={{ marginTop: 6 }}
                      onClick={() => onVerify(c)}
                      data-testid="field-verify"
                    >
                      {t('field.verify')}
                    </Button>
                  ) : null}
                </div>
              )}
            />
            {next ? (
              <Button block loading={loading} onClick={() => loadMore(next)} data-testid="field-load-more">
                {t('field.loadMore')}
              </Button>
            ) : null}
          </>
        );
      }}
    </AsyncView>
  );
}
