import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, List, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { AsyncView } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ChecklistEditor } from './ChecklistEditor.tsx';
import { CHECKLIST_TYPES, type ChecklistList, checklistTypeKey } from './place-types.ts';
import { mayEditChecklists } from './roles.ts';

type ChecklistType = (typeof CHECKLIST_TYPES)[number];

/** Checklist templates per place type with their versions; a city administrator edits them. */
export default function ChecklistsPage() {
  const { t, tv, lang } = useI18n();
  const { me } = useSession();
  const [type, setType] = useState<ChecklistType>('small_venue');
  const [versionId, setVersionId] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const newest = useApi<ChecklistList>('checklists');
  const versions = useApi<ChecklistList>(withQuery('checklists', { placeType: type }));
  const editor = mayEditChecklists(me);
  const typeName = (v: string) => tv(checklistTypeKey(v), v);
  return (
    <div className="cg-page">
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('checklists.title')}
      </Typography.Title>
      {editor ? null : (
        <Typography.Paragraph type="secondary">{t('checklists.adminOnly')}</Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('checklists.type')}>
            <AsyncView state={newest}>
              {(d) => (
                <List
                  size="small"
                  data-testid="checklist-types"
                  dataSource={[...CHECKLIST_TYPES]}
                  renderItem={(ty) => {
                    const c = d.items.find((i) => i.placeType === ty);
                    return (
                      <List.Item
                        onClick={() => {
                          setType(ty);
                          setVersionId(null);
                        }}
                        style={{
                          cursor: 'pointer',
                          background: ty === type ? '#e6f4ff' : undefined,
                          paddingInline: 8,
                        }}
                      >
                        <span>{typeName(ty)}</span>
                        {c ? (
                          <Space size={2}>
                            <Tag>{t('checklists.version', { version: c.version })}</Tag>
                            <Tag>{t('checklists.items', { n: c.items.length })}</Tag>
                          </Space>
                        ) : (
                          <Tag>{t('common.empty')}</Tag>
                        )}
                      </List.Item>
                    );
                  }}
                />
              )}
            </AsyncView>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <AsyncView state={versions}>
            {(d) => {
              const shown = d.items.find((v) => v.id === versionId) ?? d.items[0] ?? null;
              return (
                <Card
                  size="small"
                  title={shown ? `${typeName(type)} · ${shown.title}` : typeName(type)}
                  extra={
                    <Space wrap>
                      {d.items.length ? (
                        <Select
                          aria-label={t('checklists.versions')}
                          value={shown?.id}
                          onChange={setVersionId}
                          style={{ minWidth: 200 }}
                          options={d.items.map((v) => ({
                            value: v.id,
                            label: `${t('checklists.version', { version: v.version })} · ${v.createdAt.slice(0, 10)}`,
                          }))}
                        />
                      ) : null}
                      {editor ? (
                        <Button
                          icon={<EditOutlined />}
                          onClick={() => setEditing(true)}
                          data-testid="checklist-edit"
                        >
                          {t('checklists.edit')}
                        </Button>
                      ) : null}
                    </Space>
                  }
                >
                  <Table
                    size="small"
                    rowKey="code"
                    data-testid="checklist-items"
                    dataSource={shown?.items ?? []}
                    pagination={false}
                    scroll={{ x: true }}
                    columns={[
                      { title: '#', key: 'n', render: (_, _i, n) => n + 1, width: 40 },
                      {
                        title: t('checklists.text'),
                        key: 'text',
                        render: (_, i) => (lang === 'en' ? i.textEn : i.textZh),
                      },
                      { title: t('checklists.basis'), dataIndex: 'legalBasis' },
                      {
                        title: t('checklists.severity'),
                        key: 'sev',
                        render: (_, i) => (
                          <Tag
                            color={
                              i.severity === 'major' ? 'red' : i.severity === 'general' ? 'orange' : undefined
                            }
                          >
                            {tv('hazard.severity', i.severity)}
                          </Tag>
                        ),
                      },
                      {
                        title: t('checklists.answer'),
                        key: 'answer',
                        render: (_, i) =>
                          `${tv('answer', i.answerType)}${i.min != null ? ` ≥ ${i.min}` : ''}`,
                      },
                      {
                        title: t('checklists.photo'),
                        key: 'photo',
                        render: (_, i) => (i.photoOnFail ? t('common.yes') : t('common.no')),
                      },
                    ]}
                  />
                  {editing ? (
                    <ChecklistEditor
                      placeType={type}
                      from={d.items[0] ?? null}
                      onClose={() => setEditing(false)}
                      onSaved={(saved) => {
                        setEditing(false);
                        setVersionId(saved.id);
                        versions.reload();
                        newest.reload();
                      }}
                    />
                  ) : null}
                </Card>
              );
            }}
          </AsyncView>
        </Col>
      </Row>
    </div>
  );
}
