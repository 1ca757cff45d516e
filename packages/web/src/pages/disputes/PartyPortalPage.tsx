import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, List, Result, Space, Tag, Typography, Upload } from 'antd';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { Loading, problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { PartyView } from './dispute-types.ts';

const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * A party's page (互联网+调解), reached through the secret link a mediator gave them: the schedule,
 * the records of sessions they attended, the agreement draft to confirm, their evidence. Nothing of
 * the other parties' personal data is sent here.
 */
export default function PartyPortalPage() {
  const { token = '' } = useParams();
  const { t, tv, lang, setLang } = useI18n();
  const { message } = App.useApp();
  const view = useApi<PartyView>(`portal/mediation/${encodeURIComponent(token)}`);
  const v = view.data;
  const fail = (e: unknown) => {
    const { message: text, details } = problemText(t, e);
    message.error([text, ...details].join(' — '));
  };
  async function confirm(body: { what: 'agreement' } | { what: 'record'; sessionId: number }) {
    try {
      await api(`portal/mediation/${encodeURIComponent(token)}/confirm`, { body });
      message.success(t('dispute.confirmed'));
      view.reload();
    } catch (e) {
      fail(e);
    }
  }
  async function upload(file: File) {
    try {
      await api(`portal/mediation/${encodeURIComponent(token)}/evidence`, {
        body: { filename: file.name, contentType: file.type, data: await base64Of(file) },
      });
      message.success(t('party.uploaded'));
      view.reload();
    } catch (e) {
      fail(e);
    }
  }

  const page = (body: React.ReactNode) => (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: 12 }} data-testid="party-portal">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('party.title')}
        </Typography.Title>
        <Button size="small" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
          {t('lang.switch')}
        </Button>
      </Space>
      {body}
    </div>
  );
  if (view.error) return page(<Result status="warning" title={t('party.invalid')} />);
  if (!v) return page(<Loading />);
  return page(
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('dispute.number')}>{v.number}</Descriptions.Item>
          <Descriptions.Item label={t('dispute.type')}>{tv('dispute.type', v.type)}</Descriptions.Item>
          <Descriptions.Item label={t('dispute.status')}>{tv('dispute.state', v.status)}</Descriptions.Item>
          <Descriptions.Item label={t('party.me')}>{tv('dispute.sideOf', v.me.side)}</Descriptions.Item>
          {v.organisation ? (
            <Descriptions.Item label={t('dispute.org')}>
              {v.organisation.name} {v.organisation.phone ?? ''}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card size="small" title={t('party.schedule')}>
        <List
          dataSource={v.sessions}
          locale={{ emptyText: t('common.empty') }}
          renderItem={(s) => (
            <List.Item
              actions={
                s.attended && s.record && !s.confirmedByMe
                  ? [
                      <Button
                        key="c"
                        size="small"
                        onClick={() => confirm({ what: 'record', sessionId: s.id })}
                      >
                        {t('party.confirmRecord')}
                      </Button>,
                    ]
                  : s.confirmedByMe
                    ? [
                        <Tag key="c" color="green">
                          {t('dispute.confirmed')}
                        </Tag>,
                      ]
                    : []
              }
            >
              <List.Item.Meta
                title={new Date(s.at).toLocaleString()}
                description={
                  <>
                    {s.place ?? (s.onlineLink ? <a href={s.onlineLink}>{s.onlineLink}</a> : null)}
                    {s.record ? (
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                        {s.record}
                      </Typography.Paragraph>
                    ) : null}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {v.agreement ? (
        <Card size="small" title={t('dispute.agreement')} data-testid="party-agreement">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('dispute.facts')}>{v.agreement.facts}</Descriptions.Item>
            <Descriptions.Item label={t('dispute.terms')}>{v.agreement.terms}</Descriptions.Item>
            <Descriptions.Item label={t('dispute.performance')}>{v.agreement.performance}</Descriptions.Item>
            <Descriptions.Item label={t('dispute.performBy')}>{v.agreement.performBy}</Descriptions.Item>
          </Descriptions>
          {v.agreement.confirmedByMe ? (
            <Tag color="green">
              {t('party.agreementConfirmed', {
                confirmed: v.agreement.confirmed,
                parties: v.agreement.parties,
              })}
            </Tag>
          ) : (
            <Button type="primary" onClick={() => confirm({ what: 'agreement' })}>
              {t('party.confirmAgreement')}
            </Button>
          )}
          {v.agreement.effective ? <Tag color="green">{t('dispute.effective')}</Tag> : null}
        </Card>
      ) : null}
      <Card size="small" title={t('dispute.evidence')}>
        <List
          size="small"
          dataSource={v.evidence}
          locale={{ emptyText: t('common.empty') }}
          renderItem={(e) => (
            <List.Item>
              {e.filename} · {new Date(e.uploadedAt).toLocaleString()}
            </List.Item>
          )}
        />
        <Upload
          accept={EVIDENCE_TYPES.join(',')}
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t('party.upload')}</Button>
        </Upload>
      </Card>
    </Space>,
  );
}
