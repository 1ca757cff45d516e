import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { ProblemAlert, problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { DISPUTE_TYPES, type Mediators, ORG_TYPES, type Org, type Orgs } from './dispute-types.ts';
import { ConflictForm, MediatorForm } from './RegistryForms.tsx';

/**
 * The mediation organisations and mediators registry (调解组织与调解员): organisations with their
 * area and the kinds of dispute they take, each organisation's mediators with their specialties,
 * current caseload and declared conflicts (a conflicted mediator cannot be assigned to that party).
 */
export default function RegistryPage() {
  const { t, tv } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const region = (me?.posts ?? []).find((p) => p.regionCode)?.regionCode ?? '';
  const [refresh, setRefresh] = useState(0);
  const orgs = useApi<Orgs>(withQuery('mediation-orgs', {}), refresh);
  const [form] = Form.useForm();
  const typeOptions = DISPUTE_TYPES.map((v) => ({ value: v, label: tv('dispute.type', v) }));

  async function createOrg(v: {
    name: string;
    type: string;
    regionCode: string;
    kinds?: string[];
    phone?: string;
  }) {
    try {
      const made = await api<Org>('mediation-orgs', {
        body: { ...v, kinds: v.kinds ?? [], phone: v.phone ? v.phone : null },
      });
      message.success(t('registry.created', { name: made.name }));
      form.resetFields(['name', 'kinds', 'phone']);
      setRefresh((n) => n + 1);
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      message.error([text, ...details].join(' — '));
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('registry.newOrg')} size="small">
        <Form
          form={form}
          name="new-org"
          layout="inline"
          onFinish={createOrg}
          initialValues={{ type: 'people_community', regionCode: region }}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="name" label={t('registry.orgName')} rules={[{ required: true, whitespace: true }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="type" label={t('registry.orgType')} rules={[{ required: true }]}>
            <Select
              style={{ width: 230 }}
              options={ORG_TYPES.map((v) => ({ value: v, label: tv('dispute.orgType', v) }))}
            />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('registry.region')}
            rules={[{ required: true, pattern: /^\d{12}/ }]}
          >
            <Input style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="kinds" label={t('registry.kinds')}>
            <Select
              mode="multiple"
              allowClear
              style={{ minWidth: 220 }}
              placeholder={t('registry.anyKind')}
              options={typeOptions}
            />
          </Form.Item>
          <Form.Item name="phone" label={t('registry.phone')}>
            <Input style={{ width: 150 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('registry.create')}
          </Button>
        </Form>
      </Card>
      {orgs.error ? <ProblemAlert error={orgs.error} onRetry={orgs.reload} /> : null}
      <Card title={t('registry.title')} size="small">
        <Table
          rowKey="id"
          size="small"
          loading={orgs.loading}
          dataSource={orgs.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          expandable={{ expandedRowRender: (o: Org) => <OrgMediators org={o} /> }}
          columns={[
            { title: t('registry.orgName'), dataIndex: 'name' },
            {
              title: t('registry.orgType'),
              dataIndex: 'type',
              render: (v: string) => tv('dispute.orgType', v),
            },
            { title: t('registry.region'), dataIndex: 'regionCode' },
            {
              title: t('registry.kinds'),
              dataIndex: 'kinds',
              render: (kinds: string[]) =>
                kinds.length === 0
                  ? t('registry.anyKind')
                  : kinds.map((k) => <Tag key={k}>{tv('dispute.type', k)}</Tag>),
            },
            { title: t('registry.phone'), dataIndex: 'phone' },
          ]}
        />
      </Card>
    </Space>
  );
}

/** One organisation's mediators: specialties, caseload, declared conflicts; add one, declare a conflict. */
function OrgMediators({ org }: { org: Org }) {
  const { t, tv } = useI18n();
  const [refresh, setRefresh] = useState(0);
  const list = useApi<Mediators>(`mediation-orgs/${org.id}/mediators`, refresh);
  const reload = () => setRefresh((n) => n + 1);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {list.error ? <ProblemAlert error={list.error} onRetry={list.reload} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('registry.mediatorName'), dataIndex: 'name' },
          {
            title: t('registry.specialties'),
            dataIndex: 'specialties',
            render: (v: string[]) => v.map((k) => <Tag key={k}>{tv('dispute.type', k)}</Tag>),
          },
          { title: t('registry.caseload'), dataIndex: 'caseload' },
          {
            title: t('registry.conflicts'),
            dataIndex: 'conflicts',
            render: (v: { note: string; orgName: string | null }[]) =>
              v.length === 0 ? (
                <Typography.Text type="secondary">{t('registry.none')}</Typography.Text>
              ) : (
                v.map((c) => (
                  <Tag color="red" key={`${c.note}-${c.orgName}`}>
                    {c.orgName ? `${c.orgName}：` : ''}
                    {c.note}
                  </Tag>
                ))
              ),
          },
          {
            title: t('registry.declareConflict'),
            key: 'conflict',
            render: (_: unknown, m: { id: number }) => <ConflictForm mediatorId={m.id} onDone={reload} />,
          },
        ]}
      />
      <MediatorForm orgId={org.id} onDone={reload} />
    </Space>
  );
}
