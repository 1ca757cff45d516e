import { Checkbox, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { withQuery } from '../../api/client.ts';
import type { Answer } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';

type HazardList = Answer<'/api/v1/hazards', 'get'>;
const STATUSES = ['open', 'rectified', 'closed', 'escalated'] as const;
const PAGE = 50;

/** The hazard ledger (隐患台账) in the user's scope: the nearest deadline first, each with its case. */
export default function HazardsPage() {
  const { t, tv } = useI18n();
  const [status, setStatus] = useState<string>('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const list = useApi<HazardList>(
    withQuery('hazards', {
      status: status || undefined,
      overdue: overdue || undefined,
      limit: PAGE,
      offset: (page - 1) * PAGE,
    }),
  );
  return (
    <div className="cg-page">
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('hazards.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 160 }}
          value={status}
          aria-label={t('hazards.all')}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={[
            { value: '', label: t('hazards.all') },
            ...STATUSES.map((s) => ({ value: s, label: tv('hazard.status', s) })),
          ]}
        />
        <Checkbox
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.target.checked);
            setPage(1);
          }}
        >
          {t('hazards.overdueOnly')}
        </Checkbox>
      </Space>
      <AsyncView state={list}>
        {(d) => (
          <Table
            size="small"
            rowKey="id"
            dataSource={d.items}
            scroll={{ x: true }}
            pagination={{
              current: page,
              pageSize: PAGE,
              total: d.total,
              onChange: setPage,
              showTotal: (n) => t('hazards.total', { n: `${n}${d.totalCapped ? '+' : ''}` }),
            }}
            columns={[
              { title: '#', dataIndex: 'id' },
              { title: t('hazards.item'), dataIndex: 'itemText' },
              {
                title: '',
                key: 'severity',
                render: (_, h) => (
                  <Space size={2} wrap>
                    <Tag color={h.severity === 'major' ? 'red' : 'orange'}>
                      {tv('hazard.severity', h.severity)}
                    </Tag>
                    <Tag>{tv('hazard.status', h.status)}</Tag>
                    {h.redCard ? <Tag color="red">{t('hazards.redCard')}</Tag> : null}
                    {h.recurrence ? <Tag color="purple">{t('hazards.recurrence')}</Tag> : null}
                  </Space>
                ),
              },
              {
                title: t('hazards.deadline'),
                key: 'deadline',
                render: (_, h) => (
                  <span style={{ color: h.overdue ? '#cf1322' : undefined }}>
                    {h.deadlineAt.slice(0, 10)}
                  </span>
                ),
              },
              {
                title: t('hazards.case'),
                key: 'case',
                render: (_, h) =>
                  h.caseNumber ? <Link to={`/cases/${h.caseNumber}`}>{h.caseNumber}</Link> : '',
              },
            ]}
          />
        )}
      </AsyncView>
    </div>
  );
}
