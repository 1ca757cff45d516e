import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { CategoryAttribute } from '../api/types.ts';
import { useI18n } from '../i18n/index.tsx';

/** A category's own attributes as form fields (under `attributes.<code>`). */
export function AttributeFields({ attributes }: { attributes: CategoryAttribute[] }) {
  const { t, lang } = useI18n();
  const label = (a: { label_zh: string; label_en: string }) => (lang === 'en' ? a.label_en : a.label_zh);
  return (
    <>
      {attributes.map((a) => (
        <Form.Item
          key={a.code}
          name={['attributes', a.code]}
          label={label(a)}
          rules={a.required ? [{ required: true, message: t('form.required', { field: label(a) }) }] : []}
        >
          {a.type === 'number' ? (
            <InputNumber style={{ width: '100%' }} />
          ) : a.type === 'date' ? (
            <DatePicker />
          ) : a.type === 'single' || a.type === 'multiple' ? (
            <Select
              mode={a.type === 'multiple' ? 'multiple' : undefined}
              allowClear
              options={(a.options ?? []).map((o) => ({ value: o.value, label: label(o) }))}
            />
          ) : (
            <Input />
          )}
        </Form.Item>
      ))}
    </>
  );
}

/** Form values of attributes as the API takes them (dates as YYYY-MM-DD, empties left out). */
export function attributeValues(values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values ?? {})) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
    const maybeDay = v as { format?: (f: string) => string };
    out[k] = typeof maybeDay.format === 'function' ? maybeDay.format('YYYY-MM-DD') : v;
  }
  return out;
}
