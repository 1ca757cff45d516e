import { App, Button, Form, Input, InputNumber, Modal, Rate, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, newKey, withQuery } from '../../api/client.ts';
import type { CaseDetail, Unit } from '../../api/types.ts';
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

/** Only the actions the server allows now, each opening the form it needs. */
export function ActionPanel({ detail, onDone }: { detail: CaseDetail; onDone(c: CaseDetail): void }) {
  const { t, tv } = useI18n();
  const allowed = detail.allowedActions ?? [];
  const [open, setOpen] = useState<string | null>(null);
  const empty = useEmptyTargets(detail, allowed);
  const actions = offeredActions(allowed)
    .filter((a) => !empty.includes(a))
    .sort((a, b) => Number(PRIMARY_ACTIONS.has(b)) - Number(PRIMARY_ACTIONS.has(a)));
  const reasons = empty.length ? (
    <Typography.Paragraph type="secondary" data-testid="no-target" style={{ marginTop: 8 }}>
      {empty.map((a) => t(`case.noTarget.${a}` as 'case.noTarget.dispatch')).join('；')}
    </Typography.Paragraph>
  ) : null;
  if (!actions.length)
    return (
      <>
        <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>
        {reasons}
      </>
    );
  return (
    <>
      <Space wrap data-testid="case-actions">
        {actions.map((a) => (
          <Button
            key={a}
            type={PRIMARY_ACTIONS.has(a) ? 'primary' : 'default'}
            data-action={a}
            onClick={() => setOpen(a)}
          >
            {tv('action', a)}
          </Button>
        ))}
      </Space>
      {reasons}
      {open ? (
        <ActionModal
          detail={detail}
          action={open}
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
  action,
  onClose,
  onDone,
}: {
  detail: CaseDetail;
  action: string;
  onClose(): void;
  onDone(c: CaseDetail): void;
}) {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [busy, setBusy] = useState(false);
  const [clientId] = useState(newKey);
  const fields = ACTION_FORMS[action] ?? [];

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    try {
      const updated = await api<CaseDetail>(`cases/${detail.id}/actions`, {
        body: {
          action: action,
          clientId,
          version: detail.version,
          payload: buildPayload(action, values),
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
      title={tv('action', action)}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid={`action-form-${action}`}>
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
            initialValue={f.kind === 'hours' && action === 'summon' ? 24 : undefined}
          >
            <FieldInput field={f} detail={detail} action={action} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function FieldInput({
  field,
  detail,
  action,
  value,
  onChange,
}: {
  field: ActionField;
  detail: CaseDetail;
  action: string;
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
          action={action}
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

const TARGETED = ['dispatch', 'summon', 'copy_notify'] as const;

/** Allowed actions that need a unit, but for which no unit can be chosen now (their buttons are not shown). */
function useEmptyTargets(detail: CaseDetail, allowed: readonly string[]): string[] {
  const wanted = TARGETED.filter((a) => allowed.includes(a));
  const [empty, setEmpty] = useState<string[]>([]);
  const key = `${detail.id}:${detail.version}:${wanted.join(',')}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key says when to ask again
  useEffect(() => {
    const controller = new AbortController();
    Promise.all(
      wanted.map((action) =>
        api<{ items: Unit[] }>(withQuery(`console/cases/${detail.id}/targets`, { action }), {
          signal: controller.signal,
        }).then((r) => (r.items.length ? null : action)),
      ),
    )
      .then((found) => setEmpty(found.filter((a): a is (typeof TARGETED)[number] => a !== null)))
      .catch(() => setEmpty([]));
    return () => controller.abort();
  }, [key]);
  return empty.filter((a) => wanted.includes(a as (typeof TARGETED)[number]));
}

/**
 * Units the action may go to, as the server's rule says (dispatch: the current unit's jurisdiction;
 * summon: departments covering the case's place). The action still checks them.
 */
function UnitPicker({
  detail,
  action,
  multiple,
  label,
  value,
  onChange,
}: {
  detail: CaseDetail;
  action: string;
  multiple: boolean;
  label: string;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  const targets = useApi<{ items: Unit[] }>(withQuery(`console/cases/${detail.id}/targets`, { action }));
  return (
    <Select
      aria-label={label}
      mode={multiple ? 'multiple' : undefined}
      loading={targets.loading}
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      data-testid="unit-picker"
      options={(targets.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
    />
  );
}
