import { App, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { ApiProblem, api, newKey } from '../../api/client.ts';
import type { CaseDetail, CaseSummary } from '../../api/types.ts';
import { PhotoPicker } from '../../components/PhotoPicker.tsx';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface Values {
  result: 'pass' | 'fail';
  comment?: string;
}

/** Upload the photos one by one; the first that fails stops and is named. */
async function uploadAll(caseId: number, files: File[]): Promise<CaseDetail | null> {
  let last: CaseDetail | null = null;
  for (const file of files) {
    const form = new FormData();
    form.append('clientId', `verify-${newKey()}`);
    form.append('file', file, file.name);
    try {
      last = await api<CaseDetail>(`cases/${caseId}/attachments`, { body: form });
    } catch (e) {
      throw Object.assign(e instanceof Error ? e : new Error(String(e)), { photo: file.name });
    }
  }
  return last;
}

/**
 * Verify on the spot: pass (the case closes) or fail with what is still wrong (the case goes back
 * to its handling unit), with photos taken there. Photos are uploaded first: a failed upload says
 * so and nothing is decided.
 */
export function VerifyDialog({
  item,
  onClose,
  onDone,
}: {
  item: CaseSummary | null;
  onClose(): void;
  onDone(result: 'pass' | 'fail'): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const result = Form.useWatch('result', form);
  const [photos, setPhotos] = useState<File[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    if (!item) return;
    setBusy(true);
    setError(null);
    setPhotoError(null);
    try {
      let detail: CaseDetail | null = null;
      try {
        detail = await uploadAll(item.id, photos);
      } catch (e) {
        setPhotoError(t('field.photoFailed', { name: (e as { photo?: string }).photo ?? '' }));
        setError(e instanceof ApiProblem ? e : null);
        return;
      }
      detail ??= await api<CaseDetail>(`cases/${item.id}`);
      const comment = v.comment?.trim() ?? '';
      await api(`cases/${item.id}/actions`, {
        body:
          v.result === 'pass'
            ? { action: 'verify_pass', clientId: newKey(), version: detail.version, payload: { comment } }
            : {
                action: 'verify_fail',
                clientId: newKey(),
                version: detail.version,
                payload: { reason: comment },
              },
      });
      message.success(v.result === 'pass' ? t('field.verifyPassed') : t('field.verifyFailed'));
      form.resetFields();
      setPhotos([]);
      onDone(v.result);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={item !== null}
      title={`${t('field.verifyTitle')} · ${item?.title ?? ''}`}
      okText={t('field.verifySubmit')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, 'data-testid': 'verify-submit' } as never}
      onCancel={onClose}
      destroyOnHidden
      width={520}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ result: 'pass' }}>
        <Form.Item name="result" label={t('field.verifyResult')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'pass', label: t('field.verifyPass') },
              { value: 'fail', label: t('field.verifyFail') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('field.verifyComment')}
          rules={
            result === 'fail'
              ? [{ required: true, whitespace: true, message: t('field.verifyCommentRequired') }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('field.photos')}>
          <PhotoPicker files={photos} onChange={setPhotos} />
        </Form.Item>
      </Form>
      {photoError ? (
        <div className="cg-flag-red" data-testid="photo-failed">
          {photoError}
        </div>
      ) : null}
      {error ? <ProblemAlert error={error} /> : null}
    </Modal>
  );
}
