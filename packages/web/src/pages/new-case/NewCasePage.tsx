import { App, Button, Card, Col, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { leafCategories, normaliseCategories } from '../../api/categories.ts';
import { api, newKey, withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { AttributeFields, attributeValues } from '../../components/AttributeFields.tsx';
import { LocationPicker, type PickedLocation } from '../../components/LocationPicker.tsx';
import { PhotoPicker, uploadPhotos } from '../../components/PhotoPicker.tsx';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';

const KINDS = ['request', 'dispute', 'hazard', 'incident', 'tip'];
const CHANNELS = ['field', 'phone', 'walk_in'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

interface Values {
  kind: string;
  category: string;
  title: string;
  description: string;
  address?: string;
  channel: string;
  priority: string;
  anonymous: boolean;
  reporterName?: string;
  reporterPhone?: string;
  attributes?: Record<string, unknown>;
}

/** Report a case: kind and category, its attributes, the point on the map, photos, the reporter. */
export function NewCaseForm({
  compact = false,
  onCreated,
}: {
  compact?: boolean;
  onCreated(id: number): void;
}) {
  const { t, tv, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'request';
  const categoryCode = Form.useWatch('category', form);
  const anonymous = Form.useWatch('anonymous', form);
  const categories = useApi<unknown>(withQuery('categories', { kind }));
  const leaves = useMemo(() => leafCategories(normaliseCategories(categories.data)), [categories.data]);
  const category = leaves.find((c) => c.code === categoryCode);
  const [location, setLocation] = useState<PickedLocation | null>(null);
  const [photos, setPhotos] = useState<File[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newKey);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const created = await api<{ id: number; number: string }>('cases', {
        headers: { 'idempotency-key': key },
        body: {
          kind: v.kind,
          category: v.category,
          title: v.title,
          description: v.description,
          attributes: attributeValues(v.attributes),
          ...(location ? { location: { lon: location.lon, lat: location.lat } } : {}),
          ...(location?.located ? { gridCode: location.located.grid.code } : {}),
          ...(v.address ? { address: v.address } : {}),
          channel: v.channel,
          priority: v.priority,
          anonymous: !!v.anonymous,
          ...(!v.anonymous && (v.reporterName || v.reporterPhone)
            ? { reporter: { name: v.reporterName || null, phone: v.reporterPhone || null } }
            : {}),
        },
      });
      if (photos.length) await uploadPhotos(created.id, photos);
      message.success(t('newCase.submitted', { number: created.number }));
      onCreated(created.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ kind: 'request', channel: 'field', priority: 'normal', anonymous: false }}
      data-testid="new-case-form"
    >
      <Row gutter={16}>
        <Col xs={24} lg={compact ? 24 : 12}>
          <Form.Item name="kind" label={t('newCase.kind')} rules={[{ required: true }]}>
            <Select
              options={KINDS.map((k) => ({ value: k, label: tv('kind', k) }))}
              onChange={() => form.setFieldValue('category', undefined)}
            />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('newCase.category')}
            rules={[{ required: true, message: t('form.required', { field: t('newCase.category') }) }]}
          >
            <Select
              loading={categories.loading}
              showSearch={{ optionFilterProp: 'label' }}
              options={leaves.map((c) => ({ value: c.code, label: lang === 'en' ? c.nameEn : c.nameZh }))}
              data-testid="category-select"
            />
          </Form.Item>
          {categories.error ? <ProblemAlert error={categories.error} onRetry={categories.reload} /> : null}
          <Form.Item
            name="title"
            label={t('newCase.titleField')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('form.required', { field: t('newCase.titleField') }),
              },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('newCase.description')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('form.required', { field: t('newCase.description') }),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <AttributeFields attributes={category?.attributes ?? []} />
          <Row gutter={8}>
            <Col span={12}>
              <Form.Item name="priority" label={t('newCase.priority')}>
                <Select options={PRIORITIES.map((p) => ({ value: p, label: tv('priority', p) }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="channel" label={t('newCase.channel')}>
                <Select options={CHANNELS.map((c) => ({ value: c, label: tv('channel', c) }))} />
              </Form.Item>
            </Col>
          </Row>
        </Col>
        <Col xs={24} lg={compact ? 24 : 12}>
          <Form.Item label={t('newCase.location')} required>
            <LocationPicker value={location} onChange={setLocation} height={compact ? 280 : 360} />
          </Form.Item>
          <Form.Item name="address" label={t('newCase.address')}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item label={t('newCase.photos')}>
            <PhotoPicker files={photos} onChange={setPhotos} />
          </Form.Item>
          <Form.Item name="anonymous" label={t('newCase.anonymous')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {anonymous ? null : (
            <Row gutter={8}>
              <Col span={12}>
                <Form.Item name="reporterName" label={t('newCase.reporterName')}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="reporterPhone" label={t('newCase.reporterPhone')}>
                  <Input inputMode="tel" autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
          )}
        </Col>
      </Row>
      {error ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={error} />
        </div>
      ) : null}
      <Button type="primary" htmlType="submit" loading={busy} disabled={!location?.located} size="large">
        {t('common.submit')}
      </Button>
    </Form>
  );
}

export default function NewCasePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="cg-page">
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
            {t('newCase.title')}
          </Typography.Title>
        }
      >
        <NewCaseForm onCreated={(id) => navigate(`/cases/${id}`)} />
      </Card>
    </div>
  );
}
