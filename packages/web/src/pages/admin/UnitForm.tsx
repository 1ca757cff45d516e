import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSaving } from './admin-common.tsx';
import { departmentTypesFor, UNIT_KINDS } from './admin-forms.ts';
import { RegionPicker, UnitPicker } from './admin-pickers.tsx';

interface UnitValues {
  name: string;
  kind: string;
  departmentType?: string | null;
  regionCode: string;
  parentId?: number | null;
  phone?: string | null;
}

/**
 * Create a unit (kind, department type, jurisdiction region — its level follows the region —,
 * parent unit) or edit one (name, parent, phone: kind and jurisdiction are fixed once created).
 */
export function UnitFormModal({
  open,
  unit,
  onClose,
  onDone,
}: {
  open: boolean;
  unit: Unit | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t, tv } = useI18n();
  const [form] = Form.useForm<UnitValues>();
  const { busy, save } = useSaving(form);
  const kind = Form.useWatch('kind', form);
  const types = departmentTypesFor(kind);
  const editing = !!unit;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (unit)
      form.setFieldsValue({
        name: unit.name,
        kind: unit.kind ?? 'centre',
        departmentType: unit.departmentType ?? null,
        regionCode: unit.regionCode ?? '',
        parentId: unit.parentId ?? null,
        phone: unit.phone ?? null,
      });
  }, [open, unit, form]);

  function submit(v: UnitValues) {
    const phone = v.phone?.trim() ? v.phone.trim() : null;
    return save(
      () =>
        unit
          ? api(`units/${unit.id}`, {
              method: 'PATCH',
              body: { name: v.name, parentId: v.parentId ?? null, phone },
            })
          : api('units', {
              body: {
                name: v.name,
                kind: v.kind,
                departmentType: v.kind === 'centre' ? null : (v.departmentType ?? null),
                regionCode: v.regionCode,
                parentId: v.parentId ?? null,
                phone,
              },
            }),
      onDone,
    );
  }

  return (
    <Modal
      open={open}
      title={editing ? `${t('admin.editUnit')} · ${unit?.name}` : t('admin.newUnit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} name="unit">
        <Form.Item
          name="name"
          label={t('common.name')}
          rules={[{ required: true, whitespace: true, message: t('admin.v.unitName') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('admin.unitKind')}
          rules={[{ required: true, message: t('admin.v.unitKind') }]}
        >
          <Select
            disabled={editing}
            options={UNIT_KINDS.map((k) => ({ value: k, label: tv('unitKind', k) }))}
            onChange={() => form.setFieldValue('departmentType', null)}
          />
        </Form.Item>
        {types.length ? (
          <Form.Item
            name="departmentType"
            label={t('admin.departmentType')}
            rules={[{ required: true, message: t('admin.v.departmentType') }]}
          >
            <Select disabled={editing} options={types.map((d) => ({ value: d, label: tv('dept', d) }))} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="regionCode"
          label={t('admin.jurisdiction')}
          extra={t('admin.levelFollowsRegion')}
          rules={[{ required: true, message: t('admin.v.region') }]}
        >
          {editing ? (
            <Input disabled />
          ) : (
            <RegionPicker levels={['city', 'district', 'street', 'community']} testId="unit-region" />
          )}
        </Form.Item>
        <Form.Item name="parentId" label={t('admin.parentUnit')}>
          <UnitPicker testId="unit-parent" />
        </Form.Item>
        <Form.Item name="phone" label={t('case.phone')}>
          <Input maxLength={30} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
