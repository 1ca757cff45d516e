import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert, problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AdminCard } from './admin-common.tsx';
import { AddPostModal, NewUserModal } from './UserForms.tsx';

interface UserRow {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
  posts: {
    id: number;
    role: string;
    unitName: string | null;
    regionName: string | null;
    regionCode: string;
  }[];
}

/** Users with a post in the administrator's scope: their posts, disable/enable, password reset. */
export default function UsersPage() {
  const { t, tv } = useI18n();
  const { message, modal } = App.useApp();
  const [q, setQ] = useState('');
  const users = useApi<{ items: UserRow[]; total: number }>(withQuery('users', { q, limit: 200 }));
  const [creating, setCreating] = useState(false);
  const [postingTo, setPostingTo] = useState<UserRow | null>(null);

  async function run(fn: () => Promise<unknown>) {
    try {
      await fn();
      message.success(t('common.saved'));
      users.reload();
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      message.error([text, ...details].join(' — '));
    }
  }

  return (
    <AdminCard
      title={t('admin.users')}
      extra={
        <Space>
          <Input.Search
            aria-label={t('common.search')}
            placeholder={t('common.search')}
            allowClear
            onSearch={setQ}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('admin.newUser')}
          </Button>
        </Space>
      }
    >
      <NewUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onDone={() => {
          setCreating(false);
          users.reload();
        }}
      />
      <AddPostModal
        user={postingTo}
        onClose={() => setPostingTo(null)}
        onDone={() => {
          setPostingTo(null);
          users.reload();
        }}
      />
      {users.error ? <ProblemAlert error={users.error} onRetry={users.reload} /> : null}
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('admin.username'), dataIndex: 'username' },
          { title: t('admin.displayName'), dataIndex: 'displayName' },
          {
            title: t('admin.posts'),
            dataIndex: 'posts',
            render: (posts: UserRow['posts'], u) =>
              posts.map((p) => (
                <Tag key={p.id} data-testid={`post-${p.id}`}>
                  {tv('role', p.role)} · {p.unitName ?? p.regionName ?? p.regionCode}
                  <Popconfirm
                    title={t('admin.endPostConfirm')}
                    onConfirm={() => void run(() => api(`users/${u.id}/posts/${p.id}`, { method: 'DELETE' }))}
                  >
                    <Button
                      type="link"
                      size="small"
                      aria-label={`${t('admin.endPost')} ${tv('role', p.role)}`}
                      style={{ padding: '0 0 0 4px', height: 'auto' }}
                    >
                      {t('admin.endPost')}
                    </Button>
                  </Popconfirm>
                </Tag>
              )),
          },
          {
            title: t('admin.active'),
            dataIndex: 'disabled',
            render: (d: boolean) =>
              d ? (
                <Tag color="red">{t('admin.disabled')}</Tag>
              ) : (
                <Tag color="green">{t('admin.enabled')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, u) => (
              <Space>
                <Button size="small" onClick={() => setPostingTo(u)}>
                  {t('admin.addPost')}
                </Button>
                <Button
                  size="small"
                  onClick={() =>
                    void run(() => api(`users/${u.id}`, { method: 'PATCH', body: { disabled: !u.disabled } }))
                  }
                >
                  {u.disabled ? t('admin.enable') : t('admin.disable')}
                </Button>
                <Popconfirm
                  title={t('admin.resetPassword')}
                  onConfirm={() =>
                    void run(async () => {
                      const r = await api<{ temporaryPassword?: string }>(`users/${u.id}/reset-password`, {
                        body: {},
                      });
                      if (r.temporaryPassword)
                        modal.info({ title: t('admin.resetPassword'), content: r.temporaryPassword });
                    })
                  }
                >
                  <Button size="small">{t('admin.resetPassword')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </AdminCard>
  );
}
