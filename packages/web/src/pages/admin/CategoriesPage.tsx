import { Button, Select, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { normaliseCategories } from '../../api/categories.ts';
import { withQuery } from '../../api/client.ts';
import type { Category } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AdminCard } from './admin-common.tsx';
import { CategoryEditor } from './CategoryEditor.tsx';

interface Limit {
  value: number;
  unit: string;
}

/** "2 working hours · 5 working days · …" for one level's limits. */
function limitsText(limits: Record<string, unknown>, lang: string): string {
  const unit: Record<string, [string, string]> = {
    working_hours: ['工作小时', 'working h'],
    working_days: ['工作日', 'working d'],
    hours: ['小时', 'h'],
    days: ['天', 'd'],
  };
  const stepName: Record<string, string> =
    lang === 'en'
      ? { accept: 'accept', handle: 'handle', verify: 'verify' }
      : { accept: '受理', handle: '办理', verify: '核查' };
  return ['accept', 'handle', 'verify']
    .map((step) => {
      const l = limits[step] as Limit | undefined;
      if (!l) return null;
      const u = unit[l.unit] ?? [l.unit, l.unit];
      return `${stepName[step]}: ${l.value} ${lang === 'en' ? u[1] : u[0]}`;
    })
    .filter(Boolean)
    .join(' · ');
}

/** The category catalogue with each category's time limits per level and its attributes. */
export default function CategoriesPage() {
  const { t, tv, lang } = useI18n();
  const [kind, setKind] = useState<string | undefined>();
  const answer = useApi<unknown>(withQuery('categories', { kind }));
  const rows = useMemo(() => normaliseCategories(answer.data), [answer.data]);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <AdminCard
      title={t('admin.categories')}
      extra={
        <Select
          aria-label={t('case.kind')}
          allowClear
          placeholder={t('case.kind')}
          style={{ width: 140 }}
          value={kind}
          onChange={setKind}
          options={['request', 'dispute', 'hazard', 'incident', 'tip'].map((k) => ({
            value: k,
            label: tv('kind', k),
          }))}
        />
      }
    >
      {answer.error ? <ProblemAlert error={answer.error} onRetry={answer.reload} /> : null}
      <CategoryEditor
        code={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          answer.reload();
        }}
      />
      <Table<Category>
        rowKey="code"
        size="small"
        loading={answer.loading}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('common.code'), dataIndex: 'code' },
          { title: t('common.name'), key: 'name', render: (_, c) => (lang === 'en' ? c.nameEn : c.nameZh) },
          { title: t('case.kind'), dataIndex: 'kind', render: (k: string) => tv('kind', k) },
          {
            title: t('admin.timeLimits'),
            key: 'limits',
            render: (_, c) => (
              <div style={{ fontSize: 12 }}>
                {Object.entries(c.timeLimits ?? {}).map(([level, l]) => (
                  <div key={level}>
                    <Tag>{level === 'default' ? t('common.all') : tv('level', level)}</Tag>
                    {limitsText(l as Record<string, unknown>, lang)}
                  </div>
                ))}
              </div>
            ),
          },
          {
            title: t('admin.attributes'),
            key: 'attributes',
            render: (_, c) =>
              (c.attributes ?? []).map((a) => (
                <Tag key={a.code} color={a.required ? 'blue' : undefined}>
                  {lang === 'en' ? a.label_en : a.label_zh}
                </Tag>
              )),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, c) => (
              <Button size="small" data-testid={`edit-${c.code}`} onClick={() => setEditing(c.code)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
    </AdminCard>
  );
}
