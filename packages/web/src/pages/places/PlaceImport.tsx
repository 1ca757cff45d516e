import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiProblem, api, withQuery } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { ImportResult } from './place-types.ts';

/** `rows.<row>.<column>` of a 422 into a table row. */
function rowErrors(errors: { field: string; message: string }[]) {
  return errors.map((e, i) => {
    const m = /^rows\.(\d+)\.(.+)$/.exec(e.field);
    return { key: `${i}`, row: m?.[1] ?? '', column: m?.[2] ?? e.field, message: e.message };
  });
}

/**
 * The places workbook: a dry run lists every bad row (nothing written), and the import stays
 * disabled until the same file has passed it (the pattern of setup/ImportStep.tsx).
 */
export function PlaceImport({ onImported }: { onImported(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const r = await api<ImportResult>(withQuery('places/import', { dryRun }), {
        method: 'POST',
        body: form,
      });
      setResult(r);
      setChecked(dryRun ? file : null);
      if (!dryRun) onImported();
    } catch (e) {
      setChecked(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const rows = error instanceof ApiProblem && error.status === 422 ? rowErrors(error.errors) : [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="place-import">
      <Typography.Paragraph type="secondary">{t('places.importHint')}</Typography.Paragraph>
      <Space wrap>
        <Upload
          accept=".xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setChecked(null);
            setResult(null);
            setError(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setChecked(null);
          }}
        >
          <Button icon={<UploadOutlined />}>{t('places.file')}</Button>
        </Upload>
        <Button disabled={!file} loading={busy} onClick={() => void send(true)} data-testid="place-dry-run">
          {t('places.dryRun')}
        </Button>
        <Button
          type="primary"
          disabled={!file || checked !== file}
          loading={busy}
          onClick={() => void send(false)}
          data-testid="place-import-run"
        >
          {t('places.runImport')}
        </Button>
      </Space>
      {result ? (
        <Alert
          type="success"
          showIcon
          data-testid="place-import-ok"
          title={t(result.dryRun ? 'places.dryRunOk' : 'places.imported', {
            rows: result.rows,
            created: result.created,
            updated: result.updated,
          })}
        />
      ) : null}
      {rows.length ? (
        <div data-testid="place-import-errors">
          <Alert type="error" showIcon title={t('places.rowErrors', { n: rows.length })} />
          <Table
            size="small"
            rowKey="key"
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            columns={[
              { title: t('places.row'), dataIndex: 'row', width: 80 },
              { title: t('places.column'), dataIndex: 'column', width: 160 },
              { title: t('places.error'), dataIndex: 'message' },
            ]}
          />
        </div>
      ) : error ? (
        <ProblemAlert error={error} />
      ) : null}
    </Space>
  );
}
