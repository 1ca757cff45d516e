import { App, Button, Input, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, withQuery } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert, problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AdminCard } from './admin-common.tsx';

/** Units in scope with their jurisdiction (region) and type; administrators retire them. */
export default function UnitsPage() {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const units = useApi<{ items: Unit[]; total: number }>(withQuery('units', { q, limit: 500 }));
  return (
    <AdminCard
      title={t('admin.units')}
      extra={
        <Input.Search
          aria-label={t('common.search')}
          placeholder={t('common.search')}
          allowClear
          onSearch={setQ}
        />
      }
    >
      {units.error ? <ProblemAlert error={units.error} onRetry={units.reload} /> : null}
      <Table<Unit>
        rowKey="id"
        size="small"
        loading={units.loading}
        dataSource={units.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('common.code'), dataIndex: 'code' },
          {
            title: t('admin.unitType'),
            key: 'kind',
            render: (_, u) => <Tag>{u.departmentType ?? u.kind}</Tag>,
          },
          { title: t('common.level'), dataIndex: 'level', render: (l: string) => tv('level', l) },
          { title: t('admin.jurisdiction'), dataIndex: 'regionCode' },
          { title: t('case.phone'), dataIndex: 'phone' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, u) => (
              <Popconfirm
                title={t('admin.retire')}
                onConfirm={async () => {
                  try {
                    await api(`units/${u.id}/retire`, { body: {} });
                    message.success(t('common.saved'));
                    units.reload();
                  } catch (e) {
                    const { message: text, details } = problemText(t, e);
                    message.error([text, ...details].join(' — '));
                  }
                }}
              >
                <Button size="small" danger disabled={!!u.retiredAt}>
                  {t('admin.retire')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </AdminCard>
  );
}
