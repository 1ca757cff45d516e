import { Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../components/problem.tsx';
import { SimpleList } from '../../components/SimpleList.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Place, PlaceList } from './inspect-types.ts';
import { VisitForm } from './VisitForm.tsx';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/**
 * The inspector's phone (one hand, one column): the places due today (overdue first) or found by
 * name, then the visit form of the chosen place. The server decides which places the user sees.
 */
export default function InspectPage() {
  const { t, tv } = useI18n();
  const [q, setQ] = useState('');
  const [place, setPlace] = useState<Place | null>(null);
  const list = useApi<PlaceList>(
    place ? null : withQuery('places', q ? { q, limit: 50 } : { overdue: true, limit: 50 }),
  );
  if (place)
    return (
      <div className="cg-page cg-inspect" style={{ maxWidth: 560, margin: '0 auto' }}>
        <VisitForm
          place={place}
          onBack={() => {
            setPlace(null);
            list.reload();
          }}
        />
      </div>
    );
  return (
    <div className="cg-page cg-inspect" style={{ maxWidth: 560, margin: '0 auto' }}>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('insp.title')}
      </Typography.Title>
      <Input.Search
        allowClear
        size="large"
        placeholder={t('insp.search')}
        aria-label={t('insp.search')}
        onSearch={(v) => setQ(v.trim())}
        style={{ marginBottom: 12 }}
      />
      <Typography.Text type="secondary">{q ? q : t('insp.due')}</Typography.Text>
      <AsyncView state={list}>
        {(d) => (
          <SimpleList
            items={d.items}
            rowKey={(p) => p.id}
            empty={t('insp.noPlaces')}
            className="cg-inspect-places"
            render={(p) => (
              <button
                type="button"
                className="cg-inspect-place"
                data-testid={`place-${p.id}`}
                onClick={() => setPlace(p)}
                style={{
                  all: 'unset',
                  cursor: 'pointer',
                  display: 'block',
                  width: '100%',
                  padding: '10px 0',
                  minHeight: 44,
                }}
              >
                <div style={{ fontWeight: 600 }}>{p.name}</div>
                <Space wrap size={4} style={{ marginTop: 4 }}>
                  <Tag>{tv('placeType', p.type)}</Tag>
                  <Tag color={p.riskTier === 'high' ? 'red' : p.riskTier === 'medium' ? 'orange' : 'green'}>
                    {tv('risk', p.riskTier)}
                  </Tag>
                  {p.overdue ? <Tag color="red">{t('insp.overdue')}</Tag> : null}
                  <span style={{ color: '#888' }}>{t('insp.nextDue', { date: day(p.nextDueAt) })}</span>
                </Space>
                {p.address ? <div style={{ color: '#888', fontSize: 13 }}>{p.address}</div> : null}
              </button>
            )}
          />
        )}
      </AsyncView>
    </div>
  );
}
