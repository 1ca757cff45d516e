import { App, Button, Divider, Drawer, Form, Input, InputNumber, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSaving } from './admin-common.tsx';
import {
  type AttributeForm,
  attributesFromForm,
  type LevelLimits,
  type LimitRow,
  limitRows,
  limitsFromRows,
  yellowAfterRed,
} from './admin-forms.ts';
import { CategoryAttributesFields } from './CategoryAttributesFields.tsx';
import { CategoryLimitsFields } from './CategoryLimitsFields.tsx';

interface CategoryAnswer {
  code: string;
  nameZh: string;
  nameEn: string;
  timeLimits?: Record<string, LevelLimits>;
  duplicateRadiusM?: number;
  duplicateWindowHours?: number;
  openToResidents?: boolean;
  attributes?: AttributeForm[];
}

interface CategoryValues {
  nameZh: string;
  nameEn: string;
  limits: LimitRow[];
  duplicateRadiusM: number;
  duplicateWindowHours: number;
  openToResidents: boolean;
  attributes: AttributeForm[];
}

/** Edit one category: names, time limits per level, duplicate radius and window, residents, attributes. */
export function CategoryEditor({
  code,
  onClose,
  onSaved,
}: {
  code: string | null;
  onClose(): void;
  onSaved(): void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryValues>();
  const [loaded, setLoaded] = useState<CategoryAnswer | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const { busy, save } = useSaving(form);

  useEffect(() => {
    if (!code) return;
    setLoaded(null);
    setLoadError(null);
    api<CategoryAnswer>(`categories/${code}`)
      .then((c) => {
        setLoaded(c);
        form.setFieldsValue({
          nameZh: c.nameZh,
          nameEn: c.nameEn,
          limits: limitRows(c.timeLimits),
          duplicateRadiusM: c.duplicateRadiusM ?? 0,
          duplicateWindowHours: c.duplicateWindowHours ?? 0,
          openToResidents: !!c.openToResidents,
          attributes: c.attributes ?? [],
        });
      })
      .catch(setLoadError);
  }, [code, form]);

  async function submit(v: CategoryValues) {
    if (!code) return;
    const bad = yellowAfterRed(v.limits ?? []);
    if (bad.length) {
      message.error(t('admin.v.yellowBeforeRed'));
      return;
    }
    await save(
      () =>
        api(`categories/${code}`, {
          method: 'PATCH',
          body: {
            nameZh: v.nameZh.trim(),
            nameEn: v.nameEn.trim(),
            timeLimits: limitsFromRows(v.limits ?? []),
            duplicateRadiusM: v.duplicateRadiusM,
            duplicateWindowHours: v.duplicateWindowHours,
            openToResidents: v.openToResidents,
            attributes: attributesFromForm(v.attributes ?? []),
          },
        }),
      onSaved,
    );
  }

  const title = loaded
    ? `${t('admin.editCategory')} · ${lang === 'en' ? loaded.nameEn : loaded.nameZh}`
    : t('admin.editCategory');
  return (
    <Drawer
      open={!!code}
      title={title}
      size="large"
      width={920}
      onClose={onClose}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={busy}
            disabled={!loaded}
            onClick={() => form.submit()}
            data-testid="category-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {loadError ? <ProblemAlert error={loadError} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} name="category" disabled={!loaded}>
        <Space wrap>
          <Form.Item
            name="nameZh"
            label={t('admin.nameZh')}
            rules={[{ required: true, whitespace: true, message: t('admin.v.labelZh') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t('admin.nameEn')}
            rules={[{ required: true, whitespace: true, message: t('admin.v.labelEn') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="openToResidents" label={t('admin.openToResidents')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Divider titlePlacement="start">{t('admin.timeLimits')}</Divider>
        <Typography.Paragraph type="secondary">{t('admin.limitsHint')}</Typography.Paragraph>
        <CategoryLimitsFields />
        <Divider titlePlacement="start">{t('admin.duplicates')}</Divider>
        <Space wrap>
          <Form.Item
            name="duplicateRadiusM"
            label={t('admin.duplicateRadius')}
            rules={[{ required: true, type: 'integer', min: 0, max: 10_000, message: t('admin.v.radius') }]}
          >
            <InputNumber min={0} max={10_000} precision={0} />
          </Form.Item>
          <Form.Item
            name="duplicateWindowHours"
            label={t('admin.duplicateWindow')}
            rules={[{ required: true, type: 'integer', min: 0, max: 24 * 365, message: t('admin.v.window') }]}
          >
            <InputNumber min={0} max={24 * 365} precision={0} />
          </Form.Item>
        </Space>
        <Divider titlePlacement="start">{t('admin.attributes')}</Divider>
        <CategoryAttributesFields />
      </Form>
    </Drawer>
  );
}
