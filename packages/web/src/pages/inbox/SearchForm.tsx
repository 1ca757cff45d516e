import { Button, Checkbox, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/index.tsx';

export interface CaseFilters {
  q?: string;
  kind?: string;
  status?: string;
  region?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
}

const KINDS = ['request', 'dispute', 'hazard', 'incident', 'tip'];
const STATUSES = [
  'open',
  'reported',
  'accepted',
  'dispatched',
  'handling',
  'resolved',
  'suspended',
  'closed',
  'rejected',
];

interface Values {
  q?: string;
  kind?: string;
  status?: string;
  region?: string;
  range?: [Dayjs, Dayjs] | null;
  overdue?: boolean;
}

/** Filters over every case in the user's scope (the server applies the scope). */
export function SearchForm({ onSearch }: { onSearch(f: CaseFilters): void }) {
  const { t, tv } = useI18n();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    onSearch({
      ...(v.q ? { q: v.q } : {}),
      ...(v.kind ? { kind: v.kind } : {}),
      ...(v.status ? { status: v.status } : {}),
      ...(v.region ? { region: v.region } : {}),
      ...(v.range
        ? { from: v.range[0].startOf('day').toISOString(), to: v.range[1].endOf('day').toISOString() }
        : {}),
      ...(v.overdue ? { overdue: true } : {}),
    });
  return (
    <Form form={form} layout="inline" onFinish={submit} style={{ marginBottom: 16, rowGap: 8 }}>
      <Form.Item name="q" label={t('common.search')}>
        <Input allowClear placeholder={t('inbox.keyword')} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="kind" label={t('case.kind')}>
        <Select
          allowClear
          style={{ width: 120 }}
          options={KINDS.map((k) => ({ value: k, label: tv('kind', k) }))}
          aria-label={t('case.kind')}
        />
      </Form.Item>
      <Form.Item name="status" label={t('case.status')}>
        <Select
          allowClear
          style={{ width: 120 }}
          options={STATUSES.map((s) => ({ value: s, label: tv('status', s) }))}
          aria-label={t('case.status')}
        />
      </Form.Item>
      <Form.Item name="region" label={t('case.region')}>
        <Input allowClear placeholder="120101…" style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="range" label={t('case.reportedAt')}>
        <DatePicker.RangePicker />
      </Form.Item>
      <Form.Item name="overdue" valuePropName="checked">
        <Checkbox>{t('inbox.overdue')}</Checkbox>
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
    </Form>
  );
}
