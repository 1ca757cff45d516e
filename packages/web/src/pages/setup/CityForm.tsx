import { App, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { api } from '../../api/client.ts';
import type { CityProfile } from '../../api/types.ts';
import { useCity } from '../../app/city.tsx';
import { problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface Values {
  name: string;
  portalTitle?: string;
  portalIntro?: string;
  lon?: number | null;
  lat?: number | null;
  baseUrl?: string;
  baseCrs?: 'wgs84' | 'gcj02';
  baseAttribution?: string;
}

/** The city's name, where its maps open and its residents' portal text (PATCH /setup/city). */
export function CityForm({ city, onSaved }: { city: CityProfile; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { reload } = useCity();

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
          // tiles under the boundaries; an empty URL: the boundaries and their labels alone
          baseMap: v.baseUrl?.trim()
            ? {
                url: v.baseUrl.trim(),
                crs: v.baseCrs ?? 'wgs84',
                ...(v.baseAttribution?.trim() ? { attribution: v.baseAttribution.trim() } : {}),
              }
            : null,
        },
      });
      message.success(t('common.saved'));
      await reload();
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
        baseUrl: city.baseMap?.url ?? '',
        baseCrs: city.baseMap?.crs ?? 'wgs84',
        baseAttribution: city.baseMap?.attribution ?? '',
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
            <InputNumber aria-label={t('map.lon')} min={-180} max={180} step={0.01} />
          </Form.Item>
          <Form.Item name="lat" noStyle>
            <InputNumber aria-label={t('map.lat')} min={-90} max={90} step={0.01} />
          </Form.Item>
        </Space>
      </Form.Item>
      <Form.Item name="baseUrl" label={t('map.baseUrl')} extra={t('map.baseUrlHint')}>
        <Input placeholder="https://…/{z}/{x}/{y}.png" data-testid="base-map-url" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="baseCrs" label={t('map.baseCrs')}>
          <Select
            style={{ width: 220 }}
            options={[
              { value: 'wgs84', label: t('map.crs.wgs84') },
              { value: 'gcj02', label: t('map.crs.gcj02') },
            ]}
          />
        </Form.Item>
        <Form.Item name="baseAttribution" label={t('map.baseAttribution')}>
          <Input maxLength={200} style={{ width: 260 }} />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit">
        {t('common.save')}
      </Button>
    </Form>
  );
}
