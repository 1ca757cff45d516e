import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiProblem } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { rowMessage } from './row-message.ts';
import { sendSetupFile } from './setup-files.ts';
import { resultText, rowProblems } from './step-text.ts';

type Query = Record<string, string | number | boolean | undefined>;

/**
 * One setup file: choose it, dry run (every row's problem listed, nothing written), then import.
 * Import stays disabled until the same file has passed its dry run.
 */
export function ImportStep<T>({
  name,
  path,
  accept,
  query = {},
  options,
  onImported,
}: {
  name: string;
  path: string;
  accept: string;
  query?: Query;
  /** Extra inputs beside the file (coordinate system, year). */
  options?: ReactNode;
  onImported(result: T): void;
}) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text?: string; error?: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  const queryKey = JSON.stringify(query);

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    try {
      const result = await sendSetupFile<T>(path, file, query, dryRun);
      const text = resultText(t, result);
      setOutcome({
        ok: true,
        text: dryRun ? t('setup.dryRunOk', { result: text }) : t('setup.imported', { result: text }),
      });
      setChecked(dryRun ? `${file.name}|${file.size}|${queryKey}` : null);
      if (!dryRun) onImported(result);
    } catch (error) {
      setChecked(null);
      setOutcome({ ok: false, error });
    } finally {
      setBusy(false);
    }
  }

  const rows =
    outcome?.error instanceof ApiProblem && outcome.error.status === 422
      ? rowProblems(outcome.error.errors)
      : [];
  const ready = file !== null && checked === `${file.name}|${file.size}|${queryKey}`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`import-${name}`}>
      <Space wrap>
        <Upload
          accept={accept}
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setChecked(null);
            setOutcome(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setChecked(null);
            setOutcome(null);
          }}
        >
          <Button icon={<UploadOutlined />}>{t('setup.file')}</Button>
        </Upload>
        {options}
        <Button
          disabled={!file}
          loading={busy}
          onClick={() => void send(true)}
          data-testid={`dry-run-${name}`}
        >
          {t('setup.dryRun')}
        </Button>
        <Button
          type="primary"
          disabled={!ready}
          loading={busy}
          onClick={() => void send(false)}
          data-testid={`import-run-${name}`}
        >
          {t('setup.import')}
        </Button>
      </Space>
      {outcome?.ok ? (
        <Alert type="success" showIcon title={outcome.text} data-testid={`import-ok-${name}`} />
      ) : null}
      {rows.length ? (
        <div data-testid={`import-errors-${name}`}>
          <Alert type="error" showIcon title={t('setup.rowErrors', { n: rows.length })} />
          <Table
            size="small"
            rowKey="key"
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            dataSource={rows}
            columns={[
              { title: t('setup.row'), dataIndex: 'where', width: 120 },
              { title: t('setup.column'), dataIndex: 'column', width: 160 },
              {
                title: t('setup.error'),
                dataIndex: 'message',
                render: (m: string) => rowMessage(lang, m),
              },
            ]}
          />
        </div>
      ) : outcome && !outcome.ok ? (
        <ProblemAlert error={outcome.error} />
      ) : null}
    </Space>
  );
}
