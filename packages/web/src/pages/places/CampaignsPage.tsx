import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { AsyncView } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { CampaignForm } from './CampaignForm.tsx';
import { type CampaignList, percent } from './place-types.ts';
import { mayManage } from './roles.ts';

/** Campaigns (专项行动) over or inside the user's area; each opens its board. */
export default function CampaignsPage() {
  const { t, tv } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useApi<CampaignList>('campaigns');
  return (
    <div className="cg-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('campaigns.title')}
        </Typography.Title>
        {mayManage(me, 'campaign') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="campaign-new"
          >
            {t('campaigns.new')}
          </Button>
        ) : null}
      </Space>
      <AsyncView state={list}>
        {(d) => (
          <Table
            size="small"
            rowKey="id"
            data-testid="campaign-table"
            dataSource={d.items}
            locale={{ emptyText: t('campaigns.none') }}
            pagination={d.items.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: true }}
            columns={[
              {
                title: t('campaigns.name'),
                key: 'name',
                render: (_, c) => <Link to={`/campaigns/${c.id}`}>{c.name}</Link>,
              },
              { title: t('campaigns.region'), dataIndex: 'regionCode' },
              {
                title: t('campaigns.types'),
                key: 'types',
                render: (_, c) => (
                  <Space size={2} wrap>
                    {c.placeTypes.map((p) => (
                      <Tag key={p}>{tv('placeType', p)}</Tag>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('campaigns.period'),
                key: 'period',
                render: (_, c) => `${c.startsOn} ~ ${c.endsOn}`,
              },
              {
                title: t('campaigns.targetCoverage'),
                key: 'tc',
                render: (_, c) => percent(c.targetCoverage),
              },
              { title: t('campaigns.targetFixed'), key: 'tf', render: (_, c) => percent(c.targetFixed) },
            ]}
          />
        )}
      </AsyncView>
      {creating ? (
        <CampaignForm onClose={() => setCreating(false)} onSaved={(c) => navigate(`/campaigns/${c.id}`)} />
      ) : null}
    </div>
  );
}
