import { CheckCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, newKey } from '../../api/client.ts';
import type { CaseDetail, CaseSummary, Inbox } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { CardTag, DueText, StatusTag } from '../../components/case-tags.tsx';
import { AsyncView, problemText } from '../../components/problem.tsx';
import { SimpleList } from '../../components/SimpleList.tsx';
import { overdueFirst } from '../../domain/time-left.ts';
import { useI18n } from '../../i18n/index.tsx';
import { NewCaseForm } from '../new-case/NewCasePage.tsx';

/** The grid worker's phone: my tasks (verify on the spot), report with location and camera, my grids. */
export default function FieldPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState('tasks');
  const navigate = useNavigate();
  return (
    <div className="cg-page" style={{ maxWidth: 720, margin: '0 auto' }}>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('field.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'tasks', label: t('field.myTasks'), children: <MyTasks /> },
          {
            key: 'report',
            label: t('field.report'),
            children: (
              <Card size="small">
                <NewCaseForm compact onCreated={(id) => navigate(`/cases/${id}`)} />
              </Card>
            ),
          },
          { key: 'grids', label: t('field.myGrids'), children: <MyGrids /> },
        ]}
      />
    </div>
  );
}

function MyTasks() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const inbox = useApi<Inbox>('cases/inbox');
  const [busy, setBusy] = useState<number | null>(null);

  async function verify(c: CaseSummary) {
    setBusy(c.id);
    try {
      const detail = await api<CaseDetail>(`cases/${c.id}`);
      await api(`cases/${c.id}/actions`, {
        body: { action: 'verify_pass', clientId: newKey(), version: detail.version, payload: {} },
      });
      message.success(t('action.done'));
      inbox.reload();
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      message.error([text, ...details].join(' — '));
    } finally {
      setBusy(null);
    }
  }

  return (
    <AsyncView state={inbox}>
      {(d) => (
        <SimpleList
          items={overdueFirst(d.items)}
          rowKey={(c) => c.id}
          empty={t('field.noTasks')}
          className="cg-field-tasks"
          render={(c) => (
            <>
              <div
                className={
                  c.card === 'red' || c.overdue ? 'cg-flag-red' : c.card === 'yellow' ? 'cg-flag-yellow' : ''
                }
              >
                <Link to={`/cases/${c.id}`} style={{ fontWeight: 600 }}>
                  {c.title}
                </Link>
                <Space wrap size={4} style={{ display: 'flex', marginTop: 4 }}>
                  <span style={{ color: '#888' }}>{c.number}</span>
                  <StatusTag status={c.status} />
                  <CardTag card={c.card} />
                  <DueText dueAt={c.dueAt} />
                </Space>
              </div>
              {c.status === 'resolved' ? (
                <Button
                  type="primary"
                  icon={<CheckCircleOutlined />}
                  loading={busy === c.id}
                  onClick={() => void verify(c)}
                >
                  {t('field.verify')}
                </Button>
              ) : null}
            </>
          )}
        />
      )}
    </AsyncView>
  );
}

function MyGrids() {
  const { me } = useSession();
  const grids = [...new Set((me?.posts ?? []).flatMap((p) => p.gridCodes ?? []))];
  return <SimpleList items={grids} rowKey={(g) => g} render={(g) => <Link to={`/regions/${g}`}>{g}</Link>} />;
}
