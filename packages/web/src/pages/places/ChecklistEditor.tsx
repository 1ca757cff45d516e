import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import {
  type Checklist,
  type ChecklistBody,
  type ChecklistItem,
  checklistTypeKey,
  HAZARD_CATEGORIES,
} from './place-types.ts';

const SEVERITIES = ['major', 'general', 'minor'] as const;
const BLANK_ITEM: ChecklistItem = {
  code: '',
  textZh: '',
  textEn: '',
  legalBasis: '',
  severity: 'general',
  answerType: 'pass_fail',
  photoOnFail: true,
  category: 'hazard.fire',
};

/** Edit a place type's checklist: saving makes its next version (past inspections keep theirs). */
export function ChecklistEditor({
  placeType,
  from,
  onClose,
  onSaved,
}: {
  placeType: ChecklistBody['placeType'];
  from: Checklist | null;
  onClose(): void;
  onSaved(saved: Checklist): void;
}) {
  const { t, tv } = useI18n();
  const [form] = Form.useForm<{ title: string; items: ChecklistItem[] }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(v: { title: string; items: ChecklistItem[] }) {
    setBusy(true);
    setError(null);
    try {
      const items = v.items.map(({ min, ...i }) => ({
        ...i,
        ...(i.answerType === 'count' && min != null ? { min } : {}),
      }));
      onSaved(
        await api<Checklist>('checklists', {
          body: { placeType, title: v.title, items } satisfies ChecklistBody,
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={900}
      title={`${tv(checklistTypeKey(placeType), placeType)} · ${t('checklists.edit')}`}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('checklists.editHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        data-testid="checklist-form"
        initialValues={{ title: from?.title ?? '', items: from?.items ?? [BLANK_ITEM] }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item name="title" label={t('checklists.itemTitle')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f, n) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`${n + 1}`}
                  extra={
                    <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                  }
                >
                  <Space wrap align="start">
                    <Form.Item
                      name={[f.name, 'code']}
                      label={t('checklists.code')}
                      rules={[{ required: true, pattern: /^[a-z0-9_.]{1,50}$/ }]}
                    >
                      <Input style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'severity']} label={t('checklists.severity')}>
                      <Select
                        style={{ width: 110 }}
                        options={SEVERITIES.map((s) => ({ value: s, label: tv('hazard.severity', s) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'category']} label={t('checklists.category')}>
                      <Select
                        style={{ width: 140 }}
                        options={HAZARD_CATEGORIES.map((c) => ({ value: c, label: tv('hazardCategory', c) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'answerType']} label={t('checklists.answer')}>
                      <Select
                        style={{ width: 140 }}
                        options={['pass_fail', 'count'].map((a) => ({ value: a, label: tv('answer', a) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'min']} label={t('checklists.min')}>
                      <InputNumber min={0} max={1000} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'photoOnFail']} valuePropName="checked" label=" ">
                      <Checkbox>{t('checklists.photo')}</Checkbox>
                    </Form.Item>
                  </Space>
                  <Form.Item
                    name={[f.name, 'textZh']}
                    label={`${t('checklists.text')} (中文)`}
                    rules={[{ required: true, max: 300 }]}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'textEn']}
                    label={`${t('checklists.text')} (English)`}
                    rules={[{ required: true, max: 300 }]}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'legalBasis']}
                    label={t('checklists.basis')}
                    rules={[{ required: true, max: 300 }]}
                  >
                    <Input />
                  </Form.Item>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ ...BLANK_ITEM })}
                data-testid="checklist-add-item"
              >
                {t('checklists.addItem')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
      {error ? <ProblemAlert error={error} /> : null}
    </Modal>
  );
}
