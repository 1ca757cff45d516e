import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Drawer, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { AsyncView } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegionPicker } from '../admin/admin-pickers.tsx';
import { PlaceForm } from './PlaceForm.tsx';
import { PlaceImport } from './PlaceImport.tsx';
import { day, PLACE_TYPES, type PlaceList, RISK_TIERS, tierColour } from './place-types.ts';
import { mayManage } from './roles.ts';

const PAGE = 50;

/** The places registry (场所台账) in the user's scope: filters, a new place, the Excel import. */
export default function PlacesPage() {
  const { t, tv } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const [region, setRegion] = useState<string | undefined>();
  const [type, setType] = useState('');
  const [tier, setTier] = useState('');
  const [q, setQ] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useApi<PlaceList>(
    withQuery('places', {
      region,
      type: type || undefined,
      riskTier: tier || undefined,
      q: q || undefined,
      overdue: overdue || undefined,
      limit: PAGE,
      offset: (page - 1) * PAGE,
    }),
  );
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const manager = mayManage(me, 'place');
  return (
    <div className="cg-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('places.title')}
        </Typography.Title>
        {manager ? (
          <Space>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="place-new"
            >
              {t('places.new')}
            </Button>
            <Button
              icon={<UploadOutlined />}
              onClick={() => setImporting(true)}
              data-testid="place-import-open"
            >
              {t('places.import')}
            </Button>
          </Space>
        ) : null}
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <div style={{ minWidth: 220 }}>
          <RegionPicker value={region} onChange={(v) => reset(setRegion)(v as string | undefined)} />
        </div>
        <Select
          style={{ minWidth: 140 }}
          value={type}
          aria-label={t('places.type')}
          onChange={reset(setType)}
          options={[
            { value: '', label: t('places.allTypes') },
            ...PLACE_TYPES.map((v) => ({ value: v, label: tv('placeType', v) })),
          ]}
        />
        <Select
          style={{ minWidth: 140 }}
          value={tier}
          aria-label={t('places.tier')}
          onChange={reset(setTier)}
          options={[
            { value: '', label: t('places.allTiers') },
            ...RISK_TIERS.map((v) => ({ value: v, label: tv('risk', v) })),
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('places.search')}
          aria-label={t('places.search')}
          onSearch={(v) => reset(setQ)(v.trim())}
        />
        <Checkbox checked={overdue} onChange={(e) => reset(setOverdue)(e.target.checked)}>
          {t('places.overdueOnly')}
        </Checkbox>
      </Space>
      <AsyncView state={list}>
        {(d) => (
          <Table
            size="small"
            rowKey="id"
            data-testid="place-table"
            dataSource={d.items}
            scroll={{ x: true }}
            pagination={{
              current: page,
              pageSize: PAGE,
              total: d.total,
              onChange: setPage,
              showTotal: (n) => t('places.total', { n: `${n}${d.totalCapped ? '+' : ''}` }),
            }}
            columns={[
              { title: t('places.key'), dataIndex: 'key' },
              {
                title: t('places.name'),
                key: 'name',
                render: (_, p) => <Link to={`/places/${p.id}`}>{p.name}</Link>,
              },
              { title: t('places.type'), key: 'type', render: (_, p) => tv('placeType', p.type) },
              {
                title: t('places.tier'),
                key: 'tier',
                render: (_, p) => (
                  <Space size={2}>
                    <Tag color={tierColour(p.riskTier)}>{tv('risk', p.riskTier)}</Tag>
                    {p.retired ? <Tag>{t('places.retired')}</Tag> : null}
                  </Space>
                ),
              },
              { title: t('places.grid'), dataIndex: 'gridCode' },
              { title: t('places.lastInspected'), key: 'last', render: (_, p) => day(p.lastInspectedAt) },
              {
                title: t('places.nextDue'),
                key: 'next',
                render: (_, p) => (
                  <span style={{ color: p.overdue ? '#cf1322' : undefined }}>{day(p.nextDueAt)}</span>
                ),
              },
              { title: t('places.recurrences'), dataIndex: 'recurrences' },
            ]}
          />
        )}
      </AsyncView>
      {creating ? (
        <PlaceForm onClose={() => setCreating(false)} onSaved={(p) => navigate(`/places/${p.place.id}`)} />
      ) : null}
      <Drawer open={importing} onClose={() => setImporting(false)} size="large" title={t('places.import')}>
        <PlaceImport onImported={list.reload} />
      </Drawer>
    </div>
  );
}
