import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Table } from 'antd';
import { useState } from 'react';
import { api, withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AdminCard } from './admin-common.tsx';

interface Entry {
  id: number;
  at: string;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  reason: string | null;
  ip: string | null;
}

interface Verify {
  ok: boolean;
  checked: number;
  firstBroken: { id: number; reason: string } | null;
}

/** The audit log, newest first, filtered by action; and a check of its hash chain. */
export default function AuditPage() {
  const { t, lang } = useI18n();
  const [action, setAction] = useState('');
  const log = useApi<{ items: Entry[] }>(withQuery('audit', { action, limit: 200 }));
  const [verify, setVerify] = useState<Verify | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  return (
    <AdminCard
      title={t('admin.audit')}
      extra={
        <Button
          icon={<SafetyCertificateOutlined />}
          onClick={() =>
            api<Verify>('audit/verify')
              .then((v) => {
                setVerify(v);
                setVerifyError(null);
              })
              .catch(setVerifyError)
          }
        >
          {t('admin.auditVerify')}
        </Button>
      }
    >
      {verify ? (
        <Alert
          style={{ marginBottom: 16 }}
          type={verify.ok ? 'success' : 'error'}
          showIcon
          title={verify.ok ? t('admin.auditOk') : t('admin.auditBroken')}
          description={`${verify.checked}${verify.firstBroken ? ` · #${verify.firstBroken.id}: ${verify.firstBroken.reason}` : ''}`}
        />
      ) : null}
      {verifyError ? <ProblemAlert error={verifyError} /> : null}
      <Form
        layout="inline"
        style={{ marginBottom: 16 }}
        onFinish={(v: { action?: string }) => setAction(v.action ?? '')}
      >
        <Form.Item name="action" label={t('admin.action')}>
          <Input allowClear placeholder="person.reveal" />
        </Form.Item>
        <Button htmlType="submit">{t('common.search')}</Button>
      </Form>
      {log.error ? <ProblemAlert error={log.error} onRetry={log.reload} /> : null}
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={log.loading}
        dataSource={log.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('common.time'),
            dataIndex: 'at',
            render: (v: string) => new Date(v).toLocaleString(lang),
          },
          { title: t('admin.actor'), dataIndex: 'actorName' },
          { title: t('admin.action'), dataIndex: 'action' },
          {
            title: t('admin.target'),
            key: 'target',
            render: (_, e) => [e.objectType, e.objectId].filter(Boolean).join(' #'),
          },
          { title: t('form.reason'), dataIndex: 'reason' },
          { title: 'IP', dataIndex: 'ip' },
        ]}
      />
    </AdminCard>
  );
}
