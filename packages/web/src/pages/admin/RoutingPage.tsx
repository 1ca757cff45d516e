import { Alert, App, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Answer, RequestBody } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { ProblemAlert, problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AdminCard } from './admin-common.tsx';

type Rules = Answer<'/api/v1/routing-rules', 'get'>;
type Rule = Rules['items'][number];
type Change = RequestBody<'/api/v1/routing-rules/{categoryCode}/{level}', 'put'>;
const SKIPS: Change['skipEscalation'][] = ['never', 'urgent', 'always'];

/**
 * Where new cases go (cases/routing.ts): for each category and level, the unit type that takes
 * it, the fallback type and whether escalation may skip a level. Every staff member reads it;
 * the city administrator changes a cell and the next report is routed by it.
 */
export default function RoutingPage() {
  const { t, tv, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useSession();
  const list = useApi<Rules>('routing-rules');
  const [category, setCategory] = useState<string | undefined>();
  const [saving, setSaving] = useState<string | null>(null);
  const cityAdmin = (me?.posts ?? []).some(
    (p) => p.role === 'admin' && (p.regionPath ?? '').split('/').filter(Boolean).length === 1,
  );
  const items = list.data?.items ?? [];
  const unitTypes = list.data?.unitTypes ?? [];
  const typeLabel = (type: string) => (type === 'centre' ? t('unitKind.centre') : tv('dept', type));
  const typeOptions = unitTypes.map((type) => ({ value: type, label: typeLabel(type) }));
  const name = (r: Rule) => (lang === 'en' ? r.nameEn : r.nameZh);
  const categories = [...new Map(items.map((r) => [r.categoryCode, r])).values()];

  async function change(r: Rule, patch: Partial<Change>) {
    const key = `${r.categoryCode}/${r.level}`;
    setSaving(key);
    try {
      const body: Change = {
        unitType: r.unitType,
        fallbackUnitType: r.fallbackUnitType,
        skipEscalation: r.skipEscalation,
        ...patch,
      };
      await api(`routing-rules/${key}`, { method: 'PUT', body });
      message.success(t('common.saved'));
      list.reload();
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      message.error([text, ...details].join(' — '));
    } finally {
      setSaving(null);
    }
  }

  return (
    <AdminCard
      title={t('routing.title')}
      extra={
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          aria-label={t('routing.filter')}
          placeholder={t('routing.filter')}
          style={{ width: 220 }}
          value={category}
          onChange={setCategory}
          options={categories.map((r) => ({ value: r.categoryCode, label: name(r) }))}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('routing.intro')}</Typography.Paragraph>
      {cityAdmin ? null : (
        <Alert type="info" showIcon message={t('routing.readOnly')} style={{ marginBottom: 12 }} />
      )}
      {list.error ? <ProblemAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<Rule>
        rowKey={(r) => `${r.categoryCode}/${r.level}`}
        size="small"
        loading={list.loading}
        dataSource={category ? items.filter((r) => r.categoryCode === category) : items}
        pagination={{ pageSize: 48, showSizeChanger: false }}
        columns={[
          { title: t('routing.category'), key: 'category', render: (_, r) => name(r) },
          { title: t('routing.level'), dataIndex: 'level', render: (l: string) => tv('level', l) },
          ...(
            [
              ['unitType', t('routing.unitType')],
              ['fallbackUnitType', t('routing.fallback')],
            ] as const
          ).map(([field, title]) => ({
            title,
            key: field,
            render: (_: unknown, r: Rule) =>
              cityAdmin ? (
                <Select
                  size="small"
                  aria-label={`${name(r)} ${tv('level', r.level)} ${title}`}
                  style={{ width: 150 }}
                  value={r[field]}
                  disabled={saving !== null}
                  options={typeOptions}
                  onChange={(v: string) => void change(r, { [field]: v })}
                />
              ) : (
                typeLabel(r[field])
              ),
          })),
          {
            title: t('routing.skip'),
            key: 'skip',
            render: (_, r) =>
              cityAdmin ? (
                <Select
                  size="small"
                  aria-label={`${name(r)} ${tv('level', r.level)} ${t('routing.skip')}`}
                  style={{ width: 130 }}
                  value={r.skipEscalation}
                  disabled={saving !== null}
                  options={SKIPS.map((s) => ({ value: s, label: t(`routing.skip.${s}`) }))}
                  onChange={(v: Change['skipEscalation']) => void change(r, { skipEscalation: v })}
                />
              ) : (
                t(`routing.skip.${r.skipEscalation}`)
              ),
          },
          {
            title: t('routing.updated'),
            key: 'updated',
            // a rule nobody has edited is the default (its row's time is when the migration wrote it)
            render: (_, r) =>
              r.updatedBy !== null && r.updatedAt ? (
                new Date(r.updatedAt).toLocaleString(lang)
              ) : (
                <Tag>{t('routing.default')}</Tag>
              ),
          },
        ]}
      />
    </AdminCard>
  );
}
