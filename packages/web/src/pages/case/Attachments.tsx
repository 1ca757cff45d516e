import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Image, Space, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Attachment, CaseDetail } from '../../api/types.ts';
import { EmptyState, problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';

const isImage = (a: Attachment) => a.mediaType.startsWith('image/');
const nameOf = (a: Attachment) => a.fileName ?? a.sha256.slice(0, 12);

/** Photos preview inline; other files download. Upload is offered when the server allows `attach`. */
export function Attachments({ detail, onChange }: { detail: CaseDetail; onChange(c: CaseDetail): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const list = detail.attachments ?? [];
  const canAttach = detail.allowedActions.includes('attach');

  async function upload(file: File) {
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      onChange(await api<CaseDetail>(`cases/${detail.id}/attachments`, { body: form }));
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      message.error([text, ...details].join(' — '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="case-attachments">
      {list.length ? (
        <Image.PreviewGroup>
          <Space wrap>
            {list.filter(isImage).map((a) => (
              <Image
                key={a.sha256}
                width={96}
                height={96}
                style={{ objectFit: 'cover' }}
                src={`/api/v1/attachments/${a.sha256}`}
                alt={nameOf(a)}
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      ) : (
        <EmptyState description={t('case.attachmentsEmpty')} />
      )}
      {list
        .filter((a) => !isImage(a))
        .map((a) => (
          <a key={a.sha256} href={`/api/v1/attachments/${a.sha256}`} target="_blank" rel="noreferrer">
            <PaperClipOutlined /> {nameOf(a)}
          </a>
        ))}
      {canAttach ? (
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            {t('case.upload')}
          </Button>
        </Upload>
      ) : null}
    </Space>
  );
}
