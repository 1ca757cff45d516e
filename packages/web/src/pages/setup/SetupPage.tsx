import {
  Alert,
  App,
  Button,
  Card,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { SetupStatus, SetupStep, StaffImportResult } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useCity } from '../../app/city.tsx';
import { AsyncView, problemText } from '../../components/problem.tsx';
import { hasKey, useI18n } from '../../i18n/index.tsx';
import { AdminCard } from '../admin/admin-common.tsx';
import { CityForm } from './CityForm.tsx';
import { ImportStep } from './ImportStep.tsx';
import { downloadFile } from './setup-files.ts';
import { figuresText, missingText } from './step-text.ts';

const STATE_COLOUR = { done: 'green', todo: 'red', advice: 'gold' } as const;
type Sheet = NonNullable<StaffImportResult['passwordSheet']>;

/** The city administrator's go-live checklist: each step's state, what is missing, and how to do it here. */
export default function SetupPage() {
  const { t } = useI18n();
  const status = useApi<SetupStatus>('setup/status');
  return (
    <AdminCard title={t('setup.title')}>
      <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
      <AsyncView state={status}>{(s) => <Checklist status={s} reload={status.reload} />}</AsyncView>
    </AdminCard>
  );
}

function Checklist({ status, reload }: { status: SetupStatus; reload(): void }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {status.steps.map((step) => (
        <Card
          key={step.key}
          size="small"
          data-testid={`setup-step-${step.key}`}
          title={
            <Space>
              <span>
                {hasKey(`setup.step.${step.key}`)
                  ? t(`setup.step.${step.key}` as 'setup.step.city')
                  : step.key}
              </span>
              <Tag color={STATE_COLOUR[step.state]} data-testid={`setup-state-${step.key}`}>
                {t(`setup.state.${step.state}`)}
              </Tag>
            </Space>
          }
          extra={<Typography.Text type="secondary">{figuresText(t, step)}</Typography.Text>}
        >
          {missingText(t, step).map((m) => (
            <div key={m} style={{ color: step.state === 'todo' ? '#cf1322' : '#ad6800' }}>
              · {m}
            </div>
          ))}
          <StepAction step={step} status={status} reload={reload} />
        </Card>
      ))}
    </Space>
  );
}

function StepAction({ step, status, reload }: { step: SetupStep; status: SetupStatus; reload(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const city = useCity();
  const [crs, setCrs] = useState<'wgs84' | 'gcj02'>('wgs84');
  const [codeField, setCodeField] = useState('code');
  const [year, setYear] = useState(status.steps.find((s) => s.key === 'calendar')?.figures.year ?? 2026);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [taken, setTaken] = useState(false);
  const how = hasKey(`setup.how.${step.key}`) ? (
    <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
      {t(`setup.how.${step.key}` as 'setup.how.city')}
    </Typography.Paragraph>
  ) : null;
  const fail = (e: unknown) => {
    const { message: text, details } = problemText(t, e);
    message.error([text, ...details].join(' — '));
  };

  switch (step.key) {
    case 'divisions':
    case 'grids':
      return (
        <>
          {how}
          <ImportStep
            name={step.key}
            path={`setup/import/${step.key}`}
            accept=".csv,.xlsx"
            onImported={reload}
          />
        </>
      );
    case 'boundaries':
      return (
        <>
          {how}
          <ImportStep
            name="boundaries"
            path="setup/import/boundaries"
            accept=".geojson,.json,.zip"
            query={{ crs, codeField }}
            onImported={reload}
            options={
              <>
                <Select
                  aria-label={t('setup.crs')}
                  value={crs}
                  onChange={setCrs}
                  options={[
                    { value: 'wgs84', label: 'WGS-84' },
                    { value: 'gcj02', label: 'GCJ-02' },
                  ]}
                />
                <Input
                  aria-label={t('setup.codeField')}
                  value={codeField}
                  onChange={(e) => setCodeField(e.target.value)}
                  style={{ width: 120 }}
                />
              </>
            }
          />
        </>
      );
    case 'units':
      return (
        <>
          {how}
          <ImportStep<StaffImportResult>
            name="staff"
            path="setup/import/staff"
            accept=".xlsx"
            onImported={(r) => {
              setTaken(false);
              setSheet(r.passwordSheet);
              reload();
            }}
          />
          {sheet ? (
            <Alert
              style={{ marginTop: 8 }}
              type={taken ? 'success' : 'warning'}
              showIcon
              title={taken ? t('setup.passwordsTaken') : t('setup.passwordSheet', { n: sheet.users })}
              data-testid="password-sheet"
              action={
                taken ? undefined : (
                  <Button
                    type="primary"
                    onClick={() =>
                      downloadFile(`setup/password-sheets/${sheet.id}`, 'one-time-passwords.xlsx').then(
                        () => setTaken(true),
                        fail,
                      )
                    }
                  >
                    {t('setup.downloadPasswords')}
                  </Button>
                )
              }
            />
          ) : null}
        </>
      );
    case 'categories':
      return (
        <>
          {how}
          <Button
            style={{ marginBottom: 8 }}
            onClick={() => downloadFile('setup/export/categories', 'categories.xlsx').catch(fail)}
          >
            {t('setup.exportCategories')}
          </Button>
          <ImportStep name="categories" path="setup/import/categories" accept=".xlsx" onImported={reload} />
        </>
      );
    case 'calendar':
      return (
        <>
          {how}
          <ImportStep
            name="calendar"
            path="setup/import/calendar"
            accept=".csv,.xlsx"
            query={{ year }}
            onImported={reload}
            options={
              <InputNumber
                aria-label={t('setup.year')}
                value={year}
                min={2000}
                max={2100}
                onChange={(v) => v && setYear(v)}
              />
            }
          />
        </>
      );
    case 'portal':
      return (
        <CityForm
          city={status.city}
          onSaved={() => {
            reload();
            void city.reload();
          }}
        />
      );
    case 'live':
      return status.city.live ? (
        <Typography.Text data-testid="setup-live">
          {t('setup.isLive', { at: new Date(status.city.liveAt ?? '').toLocaleString() })}
        </Typography.Text>
      ) : (
        <Space orientation="vertical">
          {status.canGoLive ? null : (
            <Typography.Text type="danger">{t('setup.goLiveBlocked')}</Typography.Text>
          )}
          <Popconfirm
            title={t('setup.goLiveConfirm')}
            onConfirm={() =>
              api('setup/go-live', { method: 'POST' }).then(() => {
                reload();
                void city.reload();
              }, fail)
            }
          >
            <Button type="primary" danger disabled={!status.canGoLive} data-testid="go-live">
              {t('setup.goLive')}
            </Button>
          </Popconfirm>
        </Space>
      );
    default:
      return how;
  }
}
