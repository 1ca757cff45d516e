import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { problemText } from '../../components/problem.tsx';
import { hasKey, useI18n } from '../../i18n/index.tsx';
import { type ActionField, actionFields, payloadOf } from './action-fields.ts';
import type { DisputeDetail, MediationAction, Suggestions } from './dispute-types.ts';

/** What the caller may do now (the server's allowedActions), each a small form sent as one action. */
export function ActionPanel({
  d,
  partyName,
  onDone,
}: {
  d: DisputeDetail;
  partyName(id: number): string;
  onDone(): void;
}) {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState<MediationAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Record<string, unknown>>();
  const wantsMediators = d.allowedActions.includes('assign') || d.allowedActions.includes('fail');
  const suggestions = useApi<Suggestions>(
    wantsMediators ? `disputes/${d.caseId}/mediator-suggestions` : null,
  );
  const fields = open ? actionFields(open, d, suggestions.data?.items ?? [], partyName) : [];
  const label = (name: string) => {
    const key = `dispute.f.${name}`;
    return hasKey(key) ? t(key) : name;
  };

  async function send(values: Record<string, unknown>) {
    if (!open) return;
    setBusy(true);
    try {
      await api(`disputes/${d.caseId}/actions`, {
        body: { action: open, payload: payloadOf(fields, values) },
      });
      message.success(t('dispute.done'));
      setOpen(null);
      form.resetFields();
      onDone();
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      message.error([text, ...details].join(' — '));
    } finally {
      setBusy(false);
    }
  }

  if (d.allowedActions.length === 0) return null;
  return (
    <Card size="small" title={t('dispute.actions')}>
      <Space wrap>
        {d.allowedActions.map((a) => (
          <Button key={a} onClick={() => setOpen(a)} data-testid={`act-${a}`}>
            {tv('dispute.act', a)}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open ? tv('dispute.act', open) : ''}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={send} preserve={false}>
          {fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={label(f.name)}
              valuePropName={f.kind === 'bool' ? 'checked' : 'value'}
              rules={
                f.required ? [{ required: true, message: t('form.required', { field: label(f.name) }) }] : []
              }
            >
              {input(f, (v) => (f.labelled ? tv('dispute.v', v) : v))}
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </Card>
  );
}

function input(f: ActionField, word: (v: string) => string) {
  const options = f.options?.map((o) => ({
    value: o.value,
    label: f.labelled ? word(String(o.value)) : o.label,
  }));
  switch (f.kind) {
    case 'textarea':
      return <Input.TextArea rows={3} />;
    case 'number':
      return <InputNumber min={1} max={30} />;
    case 'datetime':
      return <DatePicker showTime format="YYYY-MM-DD HH:mm" />;
    case 'date':
      // the browser's own date field: typed or picked, always YYYY-MM-DD
      return <Input type="date" />;
    case 'select':
      return <Select options={options ?? []} allowClear />;
    case 'multi':
      return <Select mode="multiple" options={options ?? []} />;
    case 'bool':
      return <Switch />;
    default:
      return <Input />;
  }
}
