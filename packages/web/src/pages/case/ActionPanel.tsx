import { App, Button, Form, Input, InputNumber, Modal, Rate, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, newKey, withQuery } from '../../api/client.ts';
import type { AllowedAction, CaseDetail, Unit } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { problemText } from '../../components/problem.tsx';
import { hasKey, useI18n } from '../../i18n/index.tsx';
import {
  ACTION_FORMS,
  type ActionField,
  buildPayload,
  offeredActions,
  PRIMARY_ACTIONS,
} from './action-forms.ts';

function actionName(a: AllowedAction | string): string {
  return typeof a === 'string' ? a : a.action;
}

/** Only the actions the server allows now, each opening the form it needs. */
export function ActionPanel({ detail, onDone }: { detail: CaseDetail; onDone(c: CaseDetail): void }) {
  const { t, tv } = useI18n();
  const allowed = detail.allowedActions ?? [];
  const [open, setOpen] = useState<AllowedAction | null>(null);
  const actions = offeredActions(allowed.map(actionName)).sort(
    (a, b) => Number(PRIMARY_ACTIONS.has(b)) - Number(PRIMARY_ACTIONS.has(a)),
  );
  if (!actions.length) return <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>;
  return (
    <>
      <Space wrap data-testid="case-actions">
        {actions.map((a) => (
          <Button
            key={a}
            type={PRIMARY_ACTIONS.has(a) ? 'primary' : 'default'}
            data-action={a}
            onClick={() => {
              const entry = allowed.find((x) => actionName(x) === a);
              setOpen(typeof entry === 'object' ? entry : { action: a });
            }}
          >
            {tv('action', a)}
          </Button>
        ))}
      </Space>
      {open ? (
        <ActionModal
          detail={detail}
          allowed={open}
          onClose={() => setOpen(null)}
          onDone={(c) => {
            setOpen(null);
            onDone(c);
          }}
        />
      ) : null}
    </>
  );
}

function ActionModal({
  detail,
  allowed,
  onClose,
  onDone,
}: {
  detail: CaseDetail;
  allowed: AllowedAction;
  onClose(): void;
  onDone(c: CaseDetail): void;
}) {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [busy, setBusy] = useState(false);
  const [clientId] = useState(newKey);
  const fields = ACTION_FORMS[allowed.action] ?? [];

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    try {
      const updated = await api<CaseDetail>(`cases/${detail.id}/actions`, {
        body: {
          action: allowed.action,
          clientId,
          version: detail.version,
          payload: buildPayload(allowed.action, values),
        },
      });
      message.success(t('action.done'));
      onDone(updated);
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      // a field the server named goes next to that field; the rest in a message
      const fieldErrors = details.length ? details : [];
      message.error([text, ...fieldErrors].join(' — '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={tv('action', allowed.action)}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid={`action-form-${allowed.action}`}>
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={hasKey(f.label) ? t(f.label) : f.label}
            rules={
              f.required
                ? [
                    {
                      required: true,
                      message: t('form.required', { field: hasKey(f.label) ? t(f.label) : f.name }),
                    },
                  ]
                : []
            }
            initialValue={f.kind === 'hours' && allowed.action === 'summon' ? 24 : undefined}
          >
            <FieldInput field={f} detail={detail} allowed={allowed} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function FieldInput({
  field,
  detail,
  allowed,
  value,
  onChange,
}: {
  field: ActionField;
  detail: CaseDetail;
  allowed: AllowedAction;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  const { t, tv } = useI18n();
  const label = hasKey(field.label) ? t(field.label) : field.label;
  switch (field.kind) {
    case 'unit':
    case 'units':
      return (
        <UnitPicker
          detail={detail}
          allowed={allowed}
          multiple={field.kind === 'units'}
          label={label}
          value={value}
          onChange={onChange}
        />
      );
    case 'summonsUnit':
      return (
        <Select
          aria-label={label}
          value={value}
          onChange={onChange}
          options={(detail.summons ?? []).map((s) => ({
            value: s.unitId,
            label: s.unitName ?? String(s.unitId),
          }))}
        />
      );
    case 'hours':
      return <InputNumber aria-label={label} min={1} max={720} value={value as number} onChange={onChange} />;
    case 'caseId':
      return <InputNumber aria-label={label} min={1} value={value as number} onChange={onChange} />;
    case 'score':
      return <Rate value={value as number} onChange={onChange} />;
    case 'rating':
      return (
        <Select
          aria-label={label}
          value={value}
          onChange={onChange}
          options={['satisfied', 'basically_satisfied', 'unsatisfied'].map((r) => ({
            value: r,
            label: tv('rating', r),
          }))}
        />
      );
    default:
      return (
        <Input.TextArea
          aria-label={label}
          rows={3}
          value={value as string}
          onChange={(e) => onChange?.(e.target.value)}
        />
      );
  }
}

/**
 * Units the action may go to. The server lists them with the allowed action when it can (its
 * jurisdiction rule); otherwise the units in scope under the case's district are offered and the
 * server still refuses any outside the jurisdiction.
 */
function UnitPicker({
  detail,
  allowed,
  multiple,
  label,
  value,
  onChange,
}: {
  detail: CaseDetail;
  allowed: AllowedAction;
  multiple: boolean;
  label: string;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  const listed = allowed.units ?? allowed.targets;
  const fallback = useApi<{ items: Unit[] }>(
    listed ? null : withQuery('units', { region: detail.districtCode ?? undefined, limit: 200 }),
  );
  const units = (listed ?? fallback.data?.items ?? []).filter(
    (u) => u.id !== detail.currentUnitId && !u.retiredAt,
  );
  return (
    <Select
      aria-label={label}
      mode={multiple ? 'multiple' : undefined}
      loading={!listed && fallback.loading}
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      data-testid="unit-picker"
      options={units.map((u) => ({ value: u.id, label: u.name }))}
    />
  );
}
