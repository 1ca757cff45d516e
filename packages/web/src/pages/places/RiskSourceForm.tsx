import { Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { LocationPicker, type PickedLocation } from '../../components/LocationPicker.tsx';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type RiskSource, type RiskSourceBody, TIERS } from './place-types.ts';

interface Values {
  name: string;
  kind: string;
  tier: RiskSourceBody['tier'];
  placeId?: number;
  checker: string;
  what: string;
  everyDays: number;
}

/** Register a risk source (风险源) with its control tier and plan, at a point on the map. */
export function RiskSourceForm({ onClose, onSaved }: { onClose(): void; onSaved(r: RiskSource): void }) {
  const { t, tv } = useI18n();
  const [form] = Form.useForm<Values>();
  const [point, setPoint] = useState<PickedLocation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(v: Values) {
    if (!point) {
      setError(new Error(t('riskMap.pickPoint')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: RiskSourceBody = {
        name: v.name,
        kind: v.kind,
        tier: v.tier,
        location: { lon: point.lon, lat: point.lat },
        plan: { checker: v.checker, what: v.what, everyDays: v.everyDays },
        ...(v.placeId ? { placeId: v.placeId } : {}),
      };
      onSaved(await api<RiskSource>('risk-sources', { body }));
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
      title={t('riskMap.new')}
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
        data-testid="risk-form"
        initialValues={{ tier: 'yellow', everyDays: 30 }}
        onFinish={(v) => void save(v)}
      >
        <Space wrap align="start">
          <Form.Item name="name" label={t('riskMap.name')} rules={[{ required: true, max: 200 }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="kind" label={t('riskMap.kind')} rules={[{ required: true, max: 50 }]}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="tier" label={t('riskMap.tier')}>
            <Select style={{ width: 150 }} options={TIERS.map((v) => ({ value: v, label: tv('tier', v) }))} />
          </Form.Item>
          <Form.Item name="placeId" label={t('riskMap.place')}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="checker" label={t('riskMap.checker')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="everyDays" label={t('riskMap.everyDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={366} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="what" label={t('riskMap.what')} rules={[{ required: true, max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item label={t('places.location')} required extra={t('riskMap.pickPoint')}>
          <LocationPicker value={point} onChange={setPoint} height={260} />
        </Form.Item>
      </Form>
      {error ? <ProblemAlert error={error} /> : null}
    </Modal>
  );
}
