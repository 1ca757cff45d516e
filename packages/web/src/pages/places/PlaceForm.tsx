import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { LocationPicker, type PickedLocation } from '../../components/LocationPicker.tsx';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegionPicker } from '../admin/admin-pickers.tsx';
import {
  PLACE_TYPES,
  type PlaceBody,
  type PlacePageData,
  type PlacePatch,
  RISK_TIERS,
  SIZES,
} from './place-types.ts';

type Place = PlacePageData['place'];
interface Values {
  key: string;
  name: string;
  type: PlaceBody['type'];
  sizeClass: NonNullable<PlaceBody['sizeClass']>;
  areaM2?: number | null;
  address?: string;
  gridCode?: string;
  safetyGridCode?: string;
  responsibleName?: string;
  responsiblePhone?: string;
  licences?: { kind: string; number: string; validUntil?: string }[];
  riskTier: NonNullable<PlaceBody['riskTier']>;
}

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** Register a place, or edit one (its version guards against a change made meanwhile). */
export function PlaceForm({
  place,
  onClose,
  onSaved,
}: {
  place?: Place;
  onClose(): void;
  onSaved(page: PlacePageData): void;
}) {
  const { t, tv } = useI18n();
  const [form] = Form.useForm<Values>();
  const [point, setPoint] = useState<PickedLocation | null>(
    place?.location ? { ...place.location, located: null } : null,
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(v: Values) {
    setBusy(true);
    setError(null);
    const body = {
      name: v.name,
      type: v.type,
      sizeClass: v.sizeClass,
      areaM2: v.areaM2 ?? null,
      address: blank(v.address),
      safetyGridCode: blank(v.safetyGridCode),
      licences: (v.licences ?? []).map((l) => ({ ...l, validUntil: blank(l.validUntil) })),
      riskTier: v.riskTier,
      ...(point ? { location: { lon: point.lon, lat: point.lat } } : {}),
      ...(!point && v.gridCode ? { gridCode: v.gridCode } : {}),
      ...(v.responsibleName || v.responsiblePhone
        ? { responsible: { name: blank(v.responsibleName), phone: blank(v.responsiblePhone) } }
        : {}),
    };
    try {
      const saved = place
        ? await api<PlacePageData>(`places/${place.id}`, {
            method: 'PATCH',
            body: { ...body, version: place.version } satisfies PlacePatch,
          })
        : await api<PlacePageData>('places', { body: { ...body, key: v.key } satisfies PlaceBody });
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={720}
      title={place ? `${t('common.edit')} · ${place.name}` : t('places.new')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        data-testid="place-form"
        initialValues={{
          key: place?.key,
          name: place?.name,
          type: place?.type,
          sizeClass: place?.sizeClass ?? 'small',
          areaM2: place?.areaM2 ?? null,
          address: place?.address ?? '',
          gridCode: place?.gridCode,
          safetyGridCode: place?.safetyGridCode ?? undefined,
          licences: (place?.licences ?? []).map((l) => ({ ...l, validUntil: l.validUntil ?? '' })),
          riskTier: place?.riskTier ?? 'low',
        }}
      >
        <Space wrap align="start">
          <Form.Item name="key" label={t('places.key')} rules={[{ required: true, max: 100 }]}>
            <Input disabled={!!place} />
          </Form.Item>
          <Form.Item name="name" label={t('places.name')} rules={[{ required: true, max: 200 }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="type" label={t('places.type')} rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              options={PLACE_TYPES.map((v) => ({ value: v, label: tv('placeType', v) }))}
            />
          </Form.Item>
          <Form.Item name="riskTier" label={t('places.tier')}>
            <Select
              style={{ width: 120 }}
              options={RISK_TIERS.map((v) => ({ value: v, label: tv('risk', v) }))}
            />
          </Form.Item>
          <Form.Item name="sizeClass" label={t('places.size')}>
            <Select style={{ width: 100 }} options={SIZES.map((v) => ({ value: v, label: tv('size', v) }))} />
          </Form.Item>
          <Form.Item name="areaM2" label={t('places.area')}>
            <InputNumber min={0} />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('places.address')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item label={t('places.location')} extra={t('places.locationHint')}>
          <LocationPicker value={point} onChange={setPoint} height={240} />
        </Form.Item>
        <Space wrap align="start">
          {point ? null : (
            <Form.Item name="gridCode" label={t('places.grid')}>
              <RegionPicker levels={['grid']} testId="place-grid" />
            </Form.Item>
          )}
          <Form.Item name="safetyGridCode" label={t('places.safetyGrid')}>
            <RegionPicker levels={['grid']} />
          </Form.Item>
          <Form.Item name="responsibleName" label={t('places.responsible')} extra={place?.responsible?.name}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="responsiblePhone"
            label={t('places.phone')}
            rules={[{ pattern: /^[0-9+\- ]{5,20}$/ }]}
            extra={place?.responsible?.phone}
          >
            <Input />
          </Form.Item>
        </Space>
        <Form.List name="licences">
          {(fields, { add, remove }) => (
            <Form.Item label={t('places.licences')}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true, max: 50 }]}>
                    <Input placeholder={t('places.licenceKind')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'number']} rules={[{ required: true, max: 100 }]}>
                    <Input placeholder={t('places.licenceNumber')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'validUntil']} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
                    <Input placeholder={`${t('places.licenceUntil')} YYYY-MM-DD`} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: '', number: '', validUntil: '' })}>
                {t('places.addLicence')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
      {error ? <ProblemAlert error={error} /> : null}
    </Modal>
  );
}
