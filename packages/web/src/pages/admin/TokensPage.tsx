import { Alert, App, Button, Form, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert, problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AdminCard } from './admin-common.tsx';

interface Token {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The user's API tokens: create (the token is shown once), list, revoke. */
export default function TokensPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const tokens = useApi<{ items: Token[] }>('tokens');
  const [plain, setPlain] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  const when = (v: string | null) => (v ? new Date(v).toLocaleString(lang) : '—');

  async function run(fn: () => Promise<unknown>) {
    try {
      await fn();
      tokens.reload();
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      message.error([text, ...details].join(' — '));
    }
  }

  return (
    <AdminCard title={t('admin.tokens')}>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16 }}
        onFinish={(v) =>
          void run(async () => {
            const created = await api<Token & { token: string }>('tokens', { body: { name: v.name } });
            setPlain(created.token);
            form.resetFields();
          })
        }
      >
        <Form.Item name="name" label={t('admin.tokenName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.create')}
        </Button>
      </Form>
      {plain ? (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setPlain(null)}
          style={{ marginBottom: 16 }}
          title={t('admin.tokenCreated')}
          description={
            <Typography.Text copyable code>
              {plain}
            </Typography.Text>
          }
        />
      ) : null}
      {tokens.error ? <ProblemAlert error={tokens.error} onRetry={tokens.reload} /> : null}
      <Table<Token>
        rowKey="id"
        size="small"
        loading={tokens.loading}
        dataSource={tokens.data?.items ?? []}
        columns={[
          { title: t('admin.tokenName'), dataIndex: 'name' },
          { title: t('admin.tokenPrefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
          { title: t('admin.tokenCreatedAt'), dataIndex: 'createdAt', render: when },
          { title: t('admin.tokenExpires'), dataIndex: 'expiresAt', render: when },
          {
            title: t('common.status'),
            dataIndex: 'revokedAt',
            render: (r: string | null) =>
              r ? <Tag color="red">{t('admin.revoke')}</Tag> : <Tag color="green">✓</Tag>,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, tk) => (
              <Popconfirm
                title={t('admin.revoke')}
                onConfirm={() => void run(() => api(`tokens/${tk.id}`, { method: 'DELETE' }))}
              >
                <Button size="small" danger disabled={!!tk.revokedAt}>
                  {t('admin.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </AdminCard>
  );
}
