import { Card, Descriptions } from 'antd';
import { lazy, Suspense } from 'react';
import { withQuery } from '../../api/client.ts';
import type { Region } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import type { BoundaryCollection } from '../../components/map-style.ts';
import { AsyncView, Loading } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';

// the map library is the heaviest download: only this tab loads it
const RegionMap = lazy(() => import('../../components/RegionMap.tsx'));

/** My grid: its name, community and street, households and population, and its map. */
export function MyGrid({ code }: { code: string }) {
  const { t } = useI18n();
  const region = useApi<Region>(`regions/${code}`);
  const shape = useApi<BoundaryCollection>(withQuery(`regions/${code}/boundaries`, { level: 'grid' }));
  return (
    <AsyncView state={region}>
      {(r) => {
        const community = r.ancestors.find((a) => a.level === 'community');
        const street = r.ancestors.find((a) => a.level === 'street');
        return (
          <Card size="small" title={r.name} style={{ marginBottom: 12 }} data-testid="field-grid">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('common.code')}>{r.code}</Descriptions.Item>
              {community ? (
                <Descriptions.Item label={t('field.community')}>{community.name}</Descriptions.Item>
              ) : null}
              {street ? <Descriptions.Item label={t('field.street')}>{street.name}</Descriptions.Item> : null}
              {r.households != null ? (
                <Descriptions.Item label={t('field.households')}>{r.households}</Descriptions.Item>
              ) : null}
              {r.population != null ? (
                <Descriptions.Item label={t('field.population')}>{r.population}</Descriptions.Item>
              ) : null}
            </Descriptions>
            <Suspense fallback={<Loading />}>
              <RegionMap
                label={t('field.map')}
                boundaries={shape.data ?? null}
                selectedCode={r.code}
                height={260}
              />
            </Suspense>
          </Card>
        );
      }}
    </AsyncView>
  );
}
