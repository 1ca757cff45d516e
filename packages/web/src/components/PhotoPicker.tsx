import { CameraOutlined } from '@ant-design/icons';
import { Button, Space, Tag } from 'antd';
import { useRef } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

/** Pick photos (on a phone: the camera opens); they are uploaded once the case exists. */
export function PhotoPicker({ files, onChange }: { files: File[]; onChange(f: File[]): void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Space wrap>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        hidden
        // a stylesheet showing inputs would bring back the browser's own "Choose Files" (English)
        style={{ display: 'none' }}
        aria-label={t('field.camera')}
        onChange={(e) => onChange([...files, ...Array.from(e.target.files ?? [])])}
      />
      <Button icon={<CameraOutlined />} onClick={() => input.current?.click()}>
        {t('field.camera')}
      </Button>
      {files.map((f) => (
        <Tag
          key={`${f.name}-${f.size}-${f.lastModified}`}
          closable
          onClose={() => onChange(files.filter((x) => x !== f))}
        >
          {f.name}
        </Tag>
      ))}
    </Space>
  );
}

export async function uploadPhotos(caseId: number, files: File[]) {
  for (const file of files) {
    const form = new FormData();
    form.append('file', file, file.name);
    await api(`cases/${caseId}/attachments`, { body: form });
  }
}
