import { App, Button, Form, Input, InputNumber, Space } from 'antd';
import { api } from '../../api/client.ts';
import type { CityProfile } from '../../api/types.ts';
import { problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface Values {
  name: string;
  portalTitle?: string;
  portalIntro?: string;
  lon?: number | null;
  lat?: number | null;
}

/** The city's name, where its maps open and its residents' portal text (PATCH /setup/city). */
export function CityForm({ city, onSaved }: { city: CityProfile; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  async function save(v: Values) {
    try {
      await api('setup/city', {
        method: 'PATCH',
        body: {
          name: v.name,
          portalTitle: v.portalTitle?.trim() ? v.portalTitle : null,
          portalIntro: v.portalIntro?.trim() ? v.portalIntro : null,
          // the centre shown may be the middle of the city's boundary: saved only when changed
          ...(v.lon != null && v.lat != null && form.isFieldsTouched(['lon', 'lat'])
            ? { centre: [v.lon, v.lat] }
            : {}),
        },
      });
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      message.error([text, ...details].join(' — '));
    }
  }

  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 640 }}
      data-testid="city-form"
      initialValues={{
        name: city.name ?? '',
        portalTitle: city.portalTitle ?? '',
        portalIntro: city.portalIntro ?? '',
        lon: city.centre?.[0] ?? null,
        lat: city.centre?.[1] ?? null,
      }}
      onFinish={(v) => void save(v)}
    >
      <Form.Item name="name" label={t('setup.cityName')} rules={[{ required: true, max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="portalTitle" label={t('setup.portalTitle')} rules={[{ max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="portalIntro" label={t('setup.portalIntro')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item label={t('setup.centre')}>
        <Space>
          <Form.Item name="lon" noStyle>
            <InputNumber aria-label="lon" min={-180} max={180} step={0.01} />
          </Form.Item>
          <Form.Item name="lat" noStyle>
            <InputNumber aria-label="lat" min={-90} max={90} step={0.01} />
          </Form.Item>
        </Space>
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('common.save')}
      </Button>
    </Form>
  );
}
