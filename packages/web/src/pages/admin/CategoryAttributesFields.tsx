import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, Select, Space } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { ATTRIBUTE_TYPES, type AttributeForm, hasOptions } from './admin-forms.ts';

const CODE = /^[a-z][a-z0-9_]{0,39}$/;

/** The options of one choice attribute: value and labels, added and removed. */
function OptionFields({ name }: { name: number }) {
  const { t } = useI18n();
  return (
    <Form.List
      name={[name, 'options']}
      rules={[
        {
          validator: (_, list: unknown[] | undefined) =>
            list?.length ? Promise.resolve() : Promise.reject(new Error(t('admin.v.options'))),
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div style={{ paddingLeft: 16 }}>
          {fields.map((f) => (
            <Space key={f.key} align="start" wrap>
              <Form.Item
                name={[f.name, 'value']}
                rules={[{ required: true, whitespace: true, message: t('admin.v.optionValue') }]}
              >
                <Input
                  aria-label={t('admin.optionValue')}
                  placeholder={t('admin.optionValue')}
                  maxLength={60}
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'label_zh']}
                rules={[{ required: true, whitespace: true, message: t('admin.v.labelZh') }]}
              >
                <Input aria-label={t('admin.labelZh')} placeholder={t('admin.labelZh')} maxLength={100} />
              </Form.Item>
              <Form.Item name={[f.name, 'label_en']}>
                <Input aria-label={t('admin.labelEn')} placeholder={t('admin.labelEn')} maxLength={100} />
              </Form.Item>
              <Button
                aria-label={t('admin.removeOption')}
                icon={<DeleteOutlined />}
                onClick={() => remove(f.name)}
              />
            </Space>
          ))}
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            {t('admin.addOption')}
          </Button>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}

/** A category's typed attributes (the extra fields of its case form): add, remove, reorder. */
export function CategoryAttributesFields() {
  const { t, tv } = useI18n();
  const list = (Form.useWatch<AttributeForm[] | undefined>('attributes') ?? []) as AttributeForm[];
  return (
    <Form.List name="attributes">
      {(fields, { add, remove, move }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.map((f, i) => {
            const a = list[f.name];
            return (
              <Card
                key={f.key}
                size="small"
                data-testid={`attribute-${i}`}
                title={`${i + 1}. ${a?.label_zh || a?.code || ''}`}
                extra={
                  <Space>
                    <Button
                      size="small"
                      aria-label={t('admin.moveUp')}
                      icon={<ArrowUpOutlined />}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    />
                    <Button
                      size="small"
                      aria-label={t('admin.moveDown')}
                      icon={<ArrowDownOutlined />}
                      disabled={i === fields.length - 1}
                      onClick={() => move(i, i + 1)}
                    />
                    <Button
                      size="small"
                      danger
                      aria-label={t('common.delete')}
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                    />
                  </Space>
                }
              >
                <Space wrap align="start">
                  <Form.Item
                    name={[f.name, 'code']}
                    label={t('common.code')}
                    rules={[
                      { required: true, message: t('admin.v.attrCode') },
                      { pattern: CODE, message: t('admin.v.attrCodePattern') },
                      {
                        validator: (_, code: string | undefined) =>
                          code && list.filter((x) => x?.code === code).length > 1
                            ? Promise.reject(new Error(t('admin.v.attrCodeTaken')))
                            : Promise.resolve(),
                      },
                    ]}
                  >
                    <Input style={{ width: 140 }} maxLength={40} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'label_zh']}
                    label={t('admin.labelZh')}
                    rules={[{ required: true, whitespace: true, message: t('admin.v.labelZh') }]}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label_en']} label={t('admin.labelEn')}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'type']}
                    label={t('admin.attrType')}
                    rules={[{ required: true, message: t('admin.v.attrType') }]}
                  >
                    <Select
                      style={{ width: 130 }}
                      options={ATTRIBUTE_TYPES.map((x) => ({ value: x, label: tv('attrType', x) }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'required']}
                    valuePropName="checked"
                    label={t('admin.attrRequired')}
                  >
                    <Checkbox />
                  </Form.Item>
                </Space>
                {hasOptions(a?.type) ? <OptionFields name={f.name} /> : null}
              </Card>
            );
          })}
          <Button
            icon={<PlusOutlined />}
            disabled={fields.length >= 50}
            onClick={() => add({ type: 'text', required: false })}
          >
            {t('admin.addAttribute')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
