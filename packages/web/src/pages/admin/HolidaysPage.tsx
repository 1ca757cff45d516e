import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert, problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AdminCard, itemsOf } from './admin-common.tsx';

interface Holiday {
  day: string;
  kind: 'off' | 'work';
  nameZh: string;
  nameEn: string;
  provisional: boolean;
}

/** The holiday calendar deadlines are counted on: public holidays and make-up working days. */
export default function HolidaysPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const list = useApi<unknown>(withQuery('calendar/holidays', { year }));
  const [form] = Form.useForm<{ day: Dayjs; kind: 'off' | 'work'; nameZh: string; nameEn: string }>();

  async function run(fn: () => Promise<unknown>) {
    try {
      await fn();
      message.success(t('common.saved'));
      list.reload();
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      message.error([text, ...details].join(' — '));
    }
  }

  return (
    <AdminCard
      title={t('admin.holidays')}
      extra={
        <InputNumber
          aria-label={t('admin.date')}
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => v && setYear(v)}
        />
      }
    >
      <Form
        form={form}
        layout="inline"
        initialValues={{ kind: 'off' }}
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) =>
          void run(() =>
            api('calendar/holidays', {
              body: {
                day: v.day.format('YYYY-MM-DD'),
                kind: v.kind,
                nameZh: v.nameZh,
                nameEn: v.nameEn || v.nameZh,
              },
            }),
          )
        }
      >
        <Form.Item name="day" label={t('admin.date')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.holidayKind')}>
          <Select
            style={{ width: 200 }}
            options={[
              { value: 'off', label: t('admin.dayOff') },
              { value: 'work', label: t('admin.dayWork') },
            ]}
          />
        </Form.Item>
        <Form.Item name="nameZh" label={t('admin.nameZh')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.nameEn')}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.create')}
        </Button>
      </Form>
      {list.error ? <ProblemAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<Holiday>
        rowKey="day"
        size="small"
        loading={list.loading}
        dataSource={itemsOf<Holiday>(list.data)}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('admin.date'), dataIndex: 'day' },
          { title: t('common.name'), key: 'name', render: (_, h) => (lang === 'en' ? h.nameEn : h.nameZh) },
          {
            title: t('admin.holidayKind'),
            dataIndex: 'kind',
            render: (k: string, h) => (
              <Space>
                <Tag color={k === 'off' ? 'red' : 'blue'}>
                  {k === 'off' ? t('admin.dayOff') : t('admin.dayWork')}
                </Tag>
                {h.provisional ? <Tag>{t('admin.provisional')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, h) => (
              <Popconfirm
                title={t('common.delete')}
                onConfirm={() => void run(() => api(`calendar/holidays/${h.day}`, { method: 'DELETE' }))}
              >
                <Button size="small" danger>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </AdminCard>
  );
}
