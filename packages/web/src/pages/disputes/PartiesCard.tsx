import { EyeOutlined, LinkOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { DisputeDetail, DisputeParty } from './dispute-types.ts';

interface Revealed {
  name?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
}

/**
 * The parties, masked; revealing a person asks for a reason, which the server audits. A party's
 * secret portal link is made here and shown once.
 */
export function PartiesCard({ d }: { d: DisputeDetail }) {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const [revealed, setRevealed] = useState<Record<number, Revealed>>({});
  const [asking, setAsking] = useState<DisputeParty | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const fail = (e: unknown) => {
    const { message: text, details } = problemText(t, e);
    message.error([text, ...details].join(' — '));
  };

  async function reveal({ reason }: { reason: string }) {
    if (!asking?.personId) return;
    try {
      const r = await api<Revealed>(`persons/${asking.personId}/reveal`, { body: { reason } });
      setRevealed((m) => ({ ...m, [asking.id]: r }));
      setAsking(null);
      form.resetFields();
    } catch (e) {
      fail(e);
    }
  }
  async function makeLink(p: DisputeParty) {
    try {
      const r = await api<{ path: string }>(`disputes/${d.caseId}/parties/${p.id}/link`, { body: {} });
      setLink(`${window.location.origin}${r.path}`);
    } catch (e) {
      fail(e);
    }
  }
  const shown = (p: DisputeParty): Revealed => revealed[p.id] ?? p;

  return (
    <Card size="small" title={t('dispute.parties')}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.parties}
        data-testid="parties"
        scroll={{ x: 700 }}
        columns={[
          { title: t('dispute.side'), dataIndex: 'side', render: (v: string) => tv('dispute.sideOf', v) },
          {
            title: t('dispute.partyKind'),
            dataIndex: 'kind',
            render: (v: string) => tv('dispute.kindOf', v),
          },
          { title: t('dispute.name'), key: 'name', render: (_, p) => shown(p).name ?? '—' },
          { title: t('dispute.phone'), key: 'phone', render: (_, p) => shown(p).phone ?? '—' },
          { title: t('dispute.idNumber'), key: 'id', render: (_, p) => shown(p).idNumber ?? '—' },
          { title: t('dispute.address'), key: 'address', render: (_, p) => shown(p).address ?? '—' },
          {
            title: t('common.actions'),
            key: 'act',
            render: (_, p) => (
              <Space size={4} wrap>
                {revealed[p.id] ? (
                  <Tag color="orange">{t('dispute.revealed')}</Tag>
                ) : p.personId ? (
                  <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(p)}>
                    {t('dispute.reveal')}
                  </Button>
                ) : null}
                <Button size="small" icon={<LinkOutlined />} onClick={() => makeLink(p)}>
                  {t('dispute.link')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {link ? (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {t('dispute.linkMade')}{' '}
          <Typography.Text copyable code data-testid="party-link">
            {link}
          </Typography.Text>
        </Typography.Paragraph>
      ) : null}
      <Modal
        open={asking !== null}
        title={t('dispute.reveal')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        onCancel={() => setAsking(null)}
        onOk={() => form.submit()}
      >
        <Form form={form} layout="vertical" onFinish={reveal}>
          <Form.Item
            name="reason"
            label={t('dispute.revealReason')}
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
