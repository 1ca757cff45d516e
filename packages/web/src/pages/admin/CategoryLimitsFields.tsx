import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, InputNumber, Select, Space } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { LIMIT_LEVELS, LIMIT_UNITS, type LimitRow, STEPS } from './admin-forms.ts';

const STEP_KEYS = {
  accept: 'admin.limit.accept',
  handle: 'admin.limit.handle',
  verify: 'admin.limit.verify',
} as const;

/** Time limits per level: accept/handle/verify as value + unit, and the yellow/red card fractions. */
export function CategoryLimitsFields() {
  const { t, tv } = useI18n();
  const form = Form.useFormInstance();
  const rows = (Form.useWatch<LimitRow[] | undefined>('limits') ?? []) as LimitRow[];
  const used = new Set(rows.map((r) => r?.level));
  return (
    <Form.List name="limits">
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.map((field) => {
            const level = rows[field.name]?.level ?? '';
            const levelName = level === 'default' ? t('admin.allLevels') : tv('level', level);
            return (
              <Card
                key={field.key}
                size="small"
                data-testid={`limits-${level}`}
                title={
                  <Form.Item name={[field.name, 'level']} noStyle>
                    <Select
                      aria-label={t('common.level')}
                      style={{ width: 160 }}
                      options={LIMIT_LEVELS.map((l) => ({
                        value: l,
                        label: l === 'default' ? t('admin.allLevels') : tv('level', l),
                        disabled: used.has(l) && l !== level,
                      }))}
                    />
                  </Form.Item>
                }
                extra={
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`${t('common.delete')} ${levelName}`}
                    onClick={() => remove(field.name)}
                  />
                }
              >
                <Space wrap align="start">
                  {STEPS.map((step) => (
                    <Space.Compact key={step}>
                      <Form.Item
                        name={[field.name, step, 'value']}
                        label={t(STEP_KEYS[step])}
                        rules={[{ type: 'number', min: 0.1, max: 10_000, message: t('admin.v.limitValue') }]}
                      >
                        <InputNumber
                          aria-label={`${levelName} ${t(STEP_KEYS[step])}`}
                          data-testid={`limit-${level}-${step}`}
                          min={0}
                          max={10_000}
                          style={{ width: 90 }}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, step, 'unit']} label=" " colon={false}>
                        <Select
                          aria-label={`${levelName} ${t(STEP_KEYS[step])} ${t('admin.limitUnit')}`}
                          style={{ width: 120 }}
                          options={LIMIT_UNITS.map((u) => ({ value: u, label: tv('limitUnit', u) }))}
                        />
                      </Form.Item>
                    </Space.Compact>
                  ))}
                  <Form.Item
                    name={[field.name, 'yellow']}
                    label={t('admin.yellow')}
                    tooltip={t('admin.yellowHint')}
                    rules={[{ type: 'number', min: 0.01, max: 1, message: t('admin.v.yellow') }]}
                  >
                    <InputNumber
                      aria-label={`${levelName} ${t('admin.yellow')}`}
                      step={0.05}
                      style={{ width: 90 }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'red']}
                    label={t('admin.red')}
                    tooltip={t('admin.redHint')}
                    dependencies={[['limits', field.name, 'yellow']]}
                    rules={[
                      { type: 'number', min: 0.01, max: 10, message: t('admin.v.red') },
                      {
                        validator: (_, red: number | null | undefined) => {
                          const yellow = form.getFieldValue(['limits', field.name, 'yellow']) as
                            | number
                            | null;
                          return (yellow ?? 0.8) > (red ?? 1)
                            ? Promise.reject(new Error(t('admin.v.yellowBeforeRed')))
                            : Promise.resolve();
                        },
                      },
                    ]}
                  >
                    <InputNumber
                      aria-label={`${levelName} ${t('admin.red')}`}
                      step={0.05}
                      style={{ width: 90 }}
                    />
                  </Form.Item>
                </Space>
              </Card>
            );
          })}
          <Button
            icon={<PlusOutlined />}
            disabled={used.size >= LIMIT_LEVELS.length}
            onClick={() =>
              add({
                level: LIMIT_LEVELS.find((l) => !used.has(l)),
                accept: { unit: 'working_hours' },
                handle: { unit: 'working_days' },
                verify: { unit: 'working_days' },
              })
            }
          >
            {t('admin.addLevel')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
