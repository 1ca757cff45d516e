import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegionPicker } from '../admin/admin-pickers.tsx';
import {
  type Campaign,
  type CampaignBody,
  type ChecklistList,
  checklistTypeKey,
  PLACE_TYPES,
} from './place-types.ts';

interface Values {
  name: string;
  regionCode: string;
  placeTypes: CampaignBody['placeTypes'];
  period: [Dayjs, Dayjs];
  targetCoverage: number;
  targetFixed: number;
  templateId?: number;
}

/** Start a campaign (专项行动): place types, region, period, targets and its checklist. */
export function CampaignForm({ onClose, onSaved }: { onClose(): void; onSaved(c: Campaign): void }) {
  const { t, tv } = useI18n();
  const [form] = Form.useForm<Values>();
  const checklists = useApi<ChecklistList>('checklists');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const body: CampaignBody = {
        name: v.name,
        regionCode: v.regionCode,
        placeTypes: v.placeTypes,
        startsOn: v.period[0].format('YYYY-MM-DD'),
        endsOn: v.period[1].format('YYYY-MM-DD'),
        targetCoverage: v.targetCoverage / 100,
        targetFixed: v.targetFixed / 100,
        templateId: v.templateId ?? null,
      };
      onSaved(await api<Campaign>('campaigns', { body }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={640}
      title={t('campaigns.new')}
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
        data-testid="campaign-form"
        initialValues={{ targetCoverage: 100, targetFixed: 100 }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item name="name" label={t('campaigns.name')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="regionCode" label={t('campaigns.region')} rules={[{ required: true }]}>
          <RegionPicker testId="campaign-region" />
        </Form.Item>
        <Form.Item name="placeTypes" label={t('campaigns.types')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={PLACE_TYPES.map((v) => ({ value: v, label: tv('placeType', v) }))}
          />
        </Form.Item>
        <Form.Item name="period" label={t('campaigns.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="targetCoverage" label={`${t('campaigns.targetCoverage')} (%)`}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="targetFixed" label={`${t('campaigns.targetFixed')} (%)`}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="templateId" label={t('campaigns.checklist')}>
          <Select
            allowClear
            placeholder={t('campaigns.anyChecklist')}
            options={(checklists.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${tv(checklistTypeKey(c.placeType), c.placeType)} · ${c.title} · ${t('checklists.version', { version: c.version })}`,
            }))}
          />
        </Form.Item>
      </Form>
      {error ? <ProblemAlert error={error} /> : null}
    </Modal>
  );
}
