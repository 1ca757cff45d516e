import { App, Button, Form, Input, Popover, Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { DISPUTE_TYPES } from './dispute-types.ts';

function useSubmit(onDone: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return async (path: string, body: object) => {
    try {
      await api(path, { body });
      message.success(t('common.saved'));
      onDone();
      return true;
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      message.error([text, ...details].join(' — '));
      return false;
    }
  };
}

/** Add a mediator to an organisation, with their specialties (kinds of dispute). */
export function MediatorForm({ orgId, onDone }: { orgId: number; onDone: () => void }) {
  const { t, tv } = useI18n();
  const [form] = Form.useForm();
  const submit = useSubmit(onDone);
  return (
    <Form
      form={form}
      name={`mediator-${orgId}`}
      layout="inline"
      style={{ rowGap: 8 }}
      onFinish={async (v: { name: string; specialties?: string[]; phone?: string }) => {
        const ok = await submit('mediators', {
          orgId,
          name: v.name,
          specialties: v.specialties ?? [],
          phone: v.phone ? v.phone : null,
        });
        if (ok) form.resetFields();
      }}
    >
      <Typography.Text strong style={{ marginRight: 8 }}>
        {t('registry.addMediator')}
      </Typography.Text>
      <Form.Item
        name="name"
        label={t('registry.mediatorName')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="specialties" label={t('registry.specialties')}>
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 200 }}
          options={DISPUTE_TYPES.map((v) => ({ value: v, label: tv('dispute.type', v) }))}
        />
      </Form.Item>
      <Form.Item name="phone" label={t('registry.phone')}>
        <Input style={{ width: 140 }} />
      </Form.Item>
      <Button htmlType="submit">{t('registry.addMediator')}</Button>
    </Form>
  );
}

/** Declare a mediator's conflict with a party (by phone) or an organisation, with the relation. */
export function ConflictForm({ mediatorId, onDone }: { mediatorId: number; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const submit = useSubmit(onDone);
  const content = (
    <Form
      form={form}
      name={`conflict-${mediatorId}`}
      layout="vertical"
      style={{ width: 260 }}
      onFinish={async (v: { phone?: string; orgName?: string; note: string }) => {
        const body = {
          note: v.note,
          ...(v.phone ? { phone: v.phone } : {}),
          ...(v.orgName ? { orgName: v.orgName } : {}),
        };
        if (await submit(`mediators/${mediatorId}/conflicts`, body)) {
          form.resetFields();
          setOpen(false);
        }
      }}
    >
      <Typography.Paragraph type="secondary">{t('registry.conflictHint')}</Typography.Paragraph>
      <Form.Item name="phone" label={t('registry.conflictPhone')}>
        <Input />
      </Form.Item>
      <Form.Item name="orgName" label={t('registry.conflictOrg')}>
        <Input />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('registry.conflictNote')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('registry.declareConflict')}
      </Button>
    </Form>
  );
  return (
    <Popover trigger="click" open={open} onOpenChange={setOpen} content={content}>
      <Button size="small">{t('registry.declareConflict')}</Button>
    </Popover>
  );
}
