import { CheckCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, newKey } from '../../api/client.ts';
import type { CaseDetail, CaseSummary, Inbox } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { CardTag, DueText, StatusTag } from '../../components/case-tags.tsx';
import { AsyncView, problemText } from '../../components/problem.tsx';
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
  const { t, tv } = useI18n();
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
        <List
          dataSource={overdueFirst(d.items)}
          locale={{ emptyText: t('field.noTasks') }}
          renderItem={(c) => (
            <List.Item
              className={c.card === 'red' ? 'cg-card-red' : c.card === 'yellow' ? 'cg-card-yellow' : ''}
              style={{ paddingLeft: 8 }}
              actions={
                c.status === 'resolved'
                  ? [
                      <Button
                        key="verify"
                        type="primary"
                        icon={<CheckCircleOutlined />}
                        loading={busy === c.id}
                        onClick={() => void verify(c)}
                      >
                        {t('field.verify')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={<Link to={`/cases/${c.id}`}>{c.title}</Link>}
                description={
                  <Space wrap size={4}>
                    <span>{c.number}</span>
                    <StatusTag status={c.status} />
                    <CardTag card={c.card} />
                    {c.step ? <Tag>{tv('step', c.step)}</Tag> : null}
                    <DueText dueAt={c.dueAt} />
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </AsyncView>
  );
}

function MyGrids() {
  const { t } = useI18n();
  const { me } = useSession();
  const grids = [...new Set((me?.posts ?? []).flatMap((p) => p.gridCodes ?? []))];
  return (
    <List
      dataSource={grids}
      locale={{ emptyText: t('common.empty') }}
      renderItem={(g) => (
        <List.Item>
          <Link to={`/regions/${g}`}>{g}</Link>
        </List.Item>
      )}
    />
  );
}
