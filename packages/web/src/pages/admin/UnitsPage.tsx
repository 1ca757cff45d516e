import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, withQuery } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert, problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AdminCard } from './admin-common.tsx';
import { UnitFormModal } from './UnitForm.tsx';

/** Units in scope with their jurisdiction (region) and type; administrators retire them. */
export default function UnitsPage() {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const units = useApi<{ items: Unit[]; total: number }>(withQuery('units', { q, limit: 500 }));
  const [editing, setEditing] = useState<{ unit: Unit | null } | null>(null);
  return (
    <AdminCard
      title={t('admin.units')}
      extra={
        <Space>
          <Input.Search
            aria-label={t('common.search')}
            placeholder={t('common.search')}
            allowClear
            onSearch={setQ}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ unit: null })}>
            {t('admin.newUnit')}
          </Button>
        </Space>
      }
    >
      <UnitFormModal
        open={!!editing}
        unit={editing?.unit ?? null}
        onClose={() => setEditing(null)}
        onDone={() => {
          setEditing(null);
          units.reload();
        }}
      />
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
            render: (_, u) => (
              <Tag>
                {tv('unitKind', u.kind)}
                {u.departmentType ? ` · ${tv('dept', u.departmentType)}` : ''}
              </Tag>
            ),
          },
          { title: t('common.level'), dataIndex: 'level', render: (l: string) => tv('level', l) },
          { title: t('admin.jurisdiction'), dataIndex: 'regionCode' },
          { title: t('case.phone'), dataIndex: 'phone' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, u) => (
              <Space>
                <Button size="small" disabled={!!u.retiredAt} onClick={() => setEditing({ unit: u })}>
                  {t('common.edit')}
                </Button>
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
              </Space>
            ),
          },
        ]}
      />
    </AdminCard>
  );
}
