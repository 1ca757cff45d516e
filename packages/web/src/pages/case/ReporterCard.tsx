import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Form, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { CaseDetail } from '../../api/types.ts';
import { problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface Person {
  id?: number;
  name?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
  masked?: boolean;
}

/** The reporter, masked; "reveal" asks for a reason, which the server audits. */
export function ReporterCard({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [revealed, setRevealed] = useState<Person | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const masked = detail.reporter;
  const personId = masked?.id ?? null;
  const shown = revealed ?? masked;

  async function reveal({ reason }: { reason: string }) {
    setBusy(true);
    try {
      setRevealed(await api<Person>(`persons/${personId}/reveal`, { body: { reason } }));
      setAsking(false);
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      message.error([text, ...details].join(' — '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={t('case.reporter')}
      size="small"
      extra={
        personId && !revealed ? (
          <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
            {t('case.reveal')}
          </Button>
        ) : revealed ? (
          <Tag color="orange">{t('case.revealed')}</Tag>
        ) : null
      }
    >
      {detail.anonymous ? (
        <Tag>{t('case.anonymous')}</Tag>
      ) : shown ? (
        <Descriptions size="small" column={1} data-testid="reporter">
          <Descriptions.Item label={t('newCase.reporterName')}>{shown.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('case.phone')}>{shown.phone ?? '—'}</Descriptions.Item>
          {shown.address ? (
            <Descriptions.Item label={t('case.address')}>{shown.address}</Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : (
        '—'
      )}
      <Modal
        open={asking}
        title={t('case.reveal')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setAsking(false)}
        onOk={() => form.submit()}
      >
        <Form form={form} layout="vertical" onFinish={reveal}>
          <Form.Item
            name="reason"
            label={t('case.revealReason')}
            rules={[
              { required: true, whitespace: true, message: t('form.required', { field: t('form.reason') }) },
            ]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
