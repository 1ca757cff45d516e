import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, List, Modal, Space, Upload } from 'antd';
import { useState } from 'react';
import { ApiProblem, api } from '../../api/client.ts';
import { problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  dryRun: boolean;
}

/** The ledger (台账) as Excel, and an existing ledger imported: every row checked first, a dry run, each row's errors listed. */
export function LedgerButtons({ onImported }: { onImported(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [dryRun, setDryRun] = useState(true);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(file: File) {
    setBusy(true);
    setResult(null);
    setProblem(null);
    const body = new FormData();
    body.append('file', file);
    try {
      const r = await api<ImportResult>(`disputes-ledger/import?dryRun=${dryRun}`, { body });
      setResult(r);
      if (!r.dryRun) onImported();
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(e);
      else message.error(problemText(t, e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space>
      <Button icon={<DownloadOutlined />} href="/api/v1/disputes-ledger" data-testid="ledger-export">
        {t('dispute.export')}
      </Button>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {t('dispute.import')}
      </Button>
      <Modal open={open} title={t('dispute.import')} footer={null} onCancel={() => setOpen(false)}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
            {t('dispute.dryRun')}
          </Checkbox>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy}>
              {t('dispute.import')}
            </Button>
          </Upload>
          {result ? (
            <Alert
              type="success"
              showIcon
              title={
                result.dryRun
                  ? t('dispute.importChecked', { rows: result.rows })
                  : t('dispute.importOk', { created: result.created, updated: result.updated })
              }
            />
          ) : null}
          {problem ? (
            <Alert
              type="error"
              showIcon
              title={t('dispute.importRefused', { n: problem.errors.length })}
              description={
                <List
                  size="small"
                  dataSource={problem.errors}
                  renderItem={(e) => {
                    const [, row, column] = /^rows\.(\d+)\.(.+)$/.exec(e.field) ?? [];
                    return (
                      <List.Item>
                        {row ? `${t('dispute.row', { n: row })} ${column}` : e.field}: {e.message}
                      </List.Item>
                    );
                  }}
                />
              }
            />
          ) : null}
        </Space>
      </Modal>
    </Space>
  );
}
