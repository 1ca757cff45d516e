import { EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useCityCode } from '../app/city.tsx';
import type { BoundaryCollection } from '../components/map-style.ts';
import { useViewRegions } from '../components/use-view-regions.ts';
import {
  type NearbyItem,
  type PortalCategory,
  PortalProblem,
  portalApi,
  rememberCase,
  type Tracked,
} from './api.ts';
import { usePortalText } from './text.ts';

const RegionMap = lazy(() => import('../components/RegionMap.tsx'));
const fetchBoundaries = (path: string) => portalApi<BoundaryCollection>(path);

interface Located {
  lon: number;
  lat: number;
  names: string | null;
  outside: boolean;
}

interface Values {
  category: string;
  description: string;
  address?: string;
  anonymous: boolean;
  name?: string;
  phone?: string;
  attributes?: Record<string, unknown>;
}

/** Report a problem: category, words, place (map point or address), photos, contact or anonymous. */
export function ReportForm({
  onDone,
}: {
  onDone(t: Tracked, followed: boolean, photoProblem?: string): void;
}) {
  const { p, status, lang } = usePortalText();
  const [showMap, setShowMap] = useState(false);
  const [form] = Form.useForm<Values>();
  const [categories, setCategories] = useState<PortalCategory[]>([]);
  const [point, setPoint] = useState<Located | null>(null);
  const [nearby, setNearby] = useState<NearbyItem[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const category = Form.useWatch('category', form);
  const anonymous = Form.useWatch('anonymous', form);

  useEffect(() => {
    portalApi<PortalCategory[]>(`portal/categories?lang=${lang === 'en' ? 'en' : 'zh'}`).then(
      setCategories,
      () => setCategories([]),
    );
  }, [lang]);
  // districts, streets, communities and grids, each named at the zoom where it can be read
  const regions = useViewRegions(useCityCode(), showMap, fetchBoundaries);
  useEffect(() => {
    if (!category || !point || point.outside) return setNearby([]);
    portalApi<{ items: NearbyItem[] }>(
      `portal/nearby?category=${encodeURIComponent(category)}&lon=${point.lon}&lat=${point.lat}`,
    ).then(
      (r) => setNearby(r.items),
      () => setNearby([]),
    );
  }, [category, point]);

  async function drop(lon: number, lat: number) {
    setPoint({ lon, lat, names: null, outside: false });
    try {
      const r = await portalApi<{ grid: { name: string }; ancestors: { code: string; name: string }[] }>(
        `locate?lon=${lon.toFixed(6)}&lat=${lat.toFixed(6)}`,
      );
      setPoint({
        lon,
        lat,
        names: [...r.ancestors.slice(1).map((a) => a.name), r.grid.name].join(' / '),
        outside: false,
      });
    } catch {
      setPoint({ lon, lat, names: null, outside: true });
    }
  }

  async function followCase(number: string) {
    setError(null);
    try {
      const t = await portalApi<Tracked>(`portal/cases/${number}/follow`, { method: 'POST' });
      rememberCase(t);
      onDone(t, true);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const attributes = Object.fromEntries(
        Object.entries(v.attributes ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== ''),
      );
      const made = await portalApi<Tracked>('portal/reports', {
        body: {
          category: v.category,
          description: v.description,
          attributes,
          ...(point && !point.outside ? { location: { lon: point.lon, lat: point.lat } } : {}),
          ...(v.address?.trim() ? { address: v.address.trim() } : {}),
          anonymous: v.anonymous,
          ...(!v.anonymous && (v.name || v.phone)
            ? { contact: { ...(v.name ? { name: v.name } : {}), ...(v.phone ? { phone: v.phone } : {}) } }
            : {}),
        },
      });
      // the report stands without its photos; a failed upload is said, not swallowed
      let photoProblem: string | undefined;
      if (files.length) {
        const photos = new FormData();
        for (const f of files.slice(0, 3)) photos.append('file', f, f.name);
        await portalApi(`portal/cases/${made.number}/photos`, { form: photos, secret: made.secret }).catch(
          (e: unknown) => {
            photoProblem =
              e instanceof PortalProblem && e.status === 429 ? p('tooMany') : (e as Error).message;
          },
        );
      }
      rememberCase(made);
      onDone(made, false, photoProblem);
    } catch (e) {
      setError(e instanceof PortalProblem && e.status === 429 ? p('tooMany') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const chosen = categories.find((c) => c.code === category);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ anonymous: true }}
      onFinish={(v) => void submit(v)}
      data-testid="report-form"
    >
      <Form.Item name="category" label={p('category')} rules={[{ required: true, message: p('required') }]}>
        <Select
          placeholder={p('categoryPick')}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="category"
          options={categories.map((c) => ({
            value: c.code,
            label: c.group ? `${c.group} · ${c.name}` : c.name,
          }))}
        />
      </Form.Item>
      {chosen?.attributes.map((a) => (
        <Form.Item
          key={a.code}
          name={['attributes', a.code]}
          label={a.label}
          rules={a.required ? [{ required: true, message: p('required') }] : []}
        >
          {a.type === 'number' ? (
            <InputNumber style={{ width: '100%' }} />
          ) : a.type === 'date' ? (
            <Input type="date" />
          ) : a.type === 'single' || a.type === 'multiple' ? (
            <Select mode={a.type === 'multiple' ? 'multiple' : undefined} options={a.options} allowClear />
          ) : (
            <Input maxLength={2000} />
          )}
        </Form.Item>
      ))}
      <Form.Item
        name="description"
        label={p('description')}
        rules={[{ required: true, min: 5, message: p('descriptionHint') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={p('descriptionHint')} />
      </Form.Item>
      <Form.Item label={p('place')} extra={p('placeHint')}>
        {showMap ? (
          <Suspense fallback={<div style={{ height: 240 }} />}>
            <RegionMap
              label={p('placeHint')}
              boundaries={regions.shown}
              onView={regions.onView}
              fitOnce
              point={point ? [point.lon, point.lat] : null}
              onMapClick={(lon, lat) => void drop(lon, lat)}
              onLocate={(lon, lat) => void drop(lon, lat)}
              height={240}
            />
          </Suspense>
        ) : (
          // the map is the heaviest download on a phone: loaded when the resident asks for it
          <Button icon={<EnvironmentOutlined />} onClick={() => setShowMap(true)} data-testid="pick-on-map">
            {p('pickOnMap')}
          </Button>
        )}
        {point ? (
          <Tag
            color={point.outside ? 'red' : 'green'}
            style={{ marginTop: 8, whiteSpace: 'normal' }}
            data-testid="located"
          >
            {point.outside ? p('outside') : `${p('located')} ${point.names ?? '…'}`}
          </Tag>
        ) : null}
      </Form.Item>
      <Form.Item name="address" label={p('address')}>
        <Input maxLength={200} placeholder={p('addressHint')} />
      </Form.Item>
      {nearby.length ? (
        <Card size="small" title={p('nearbyTitle')} style={{ marginBottom: 16 }} data-testid="nearby">
          <Typography.Paragraph type="secondary">{p('nearbyHint')}</Typography.Paragraph>
          <ul className="cg-list">
            {nearby.map((n) => (
              <li key={n.number}>
                <div>
                  <div>{`${n.number} · ${status(n.status)}`}</div>
                  <Typography.Text type="secondary">
                    {[n.address, p('distance', { m: n.distanceM }), p('followers', { n: n.followers })]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                </div>
                <Button size="small" onClick={() => void followCase(n.number)}>
                  {p('follow')}
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Form.Item label={p('photo')}>
        <input
          type="file"
          accept="image/*"
          multiple
          aria-label={p('photo')}
          onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 3))}
        />
      </Form.Item>
      <Form.Item name="anonymous" label={p('anonymous')} valuePropName="checked">
        <Switch data-testid="anonymous" />
      </Form.Item>
      {anonymous === false ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Form.Item name="name" label={p('name')}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={p('phone')}
            rules={[{ pattern: /^\+?[0-9 ()-]{5,20}$/, message: p('phone') }]}
          >
            <Input inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Typography.Paragraph type="secondary">{p('contactNote')}</Typography.Paragraph>
        </Space>
      ) : null}
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="report-error" />
      ) : null}
      <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="submit">
        {busy ? p('submitting') : p('submit')}
      </Button>
    </Form>
  );
}
