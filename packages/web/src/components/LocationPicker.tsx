import { EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { ApiProblem, api, withQuery } from '../api/client.ts';
import type { LocateAnswer, Me } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useCityCode } from '../app/city.tsx';
import { useSession } from '../app/session.tsx';
import { mapLevelOfCode } from '../domain/region-code.ts';
import { useI18n } from '../i18n/index.tsx';
import type { BoundaryCollection } from './map-style.ts';
import { ProblemAlert } from './problem.tsx';
import RegionMap from './RegionMap.tsx';

export interface PickedLocation {
  lon: number;
  lat: number;
  located: LocateAnswer | null;
}

/**
 * Where the map opens: a grid worker's own grids, else the grids/communities of the user's post
 * region, else the city's districts (null until the city is known).
 */
export function homeBoundariesPath(me: Me | null, cityCode: string): string | null {
  const post = me?.posts.find((p) => p.gridCodes?.length) ?? me?.posts.find((p) => p.regionCode);
  const grid = post?.gridCodes?.[0];
  if (grid) return withQuery(`regions/${grid}/boundaries`, { level: 'grid' });
  const region = post?.regionCode ?? cityCode;
  if (!region) return null;
  return withQuery(`regions/${region}/boundaries`, { level: mapLevelOfCode(region) });
}

/** Click the map (or use the device's position, with its accuracy) to drop the point; it is located to its grid at once. */
export function LocationPicker({
  value,
  onChange,
  height = 360,
}: {
  value: PickedLocation | null;
  onChange(v: PickedLocation | null): void;
  height?: number;
}) {
  const { t } = useI18n();
  const { me } = useSession();
  const home = useApi<BoundaryCollection>(homeBoundariesPath(me, useCityCode()));
  const [error, setError] = useState<unknown>(null);
  const [gridShape, setGridShape] = useState<BoundaryCollection | null>(null);

  async function drop(lon: number, lat: number) {
    setError(null);
    onChange({ lon, lat, located: null });
    try {
      const located = await api<LocateAnswer>(
        withQuery('locate', { lon: lon.toFixed(6), lat: lat.toFixed(6) }),
      );
      onChange({ lon, lat, located });
    } catch (e) {
      setError(e);
    }
  }

  const gridCode = value?.located?.grid.code;
  useEffect(() => {
    if (!gridCode) return;
    api<BoundaryCollection>(withQuery(`regions/${gridCode}/boundaries`, { level: 'grid' }))
      .then(setGridShape)
      .catch(() => setGridShape(null));
  }, [gridCode]);

  const located = value?.located;
  const outside = error instanceof ApiProblem && (error.status === 404 || error.status === 422);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <RegionMap
        label={t('newCase.dropHint')}
        boundaries={home.data ?? gridShape}
        selectedCode={gridCode}
        point={value ? [value.lon, value.lat] : null}
        onMapClick={(lon, lat) => void drop(lon, lat)}
        onLocate={(lon, lat) => void drop(lon, lat)}
        height={height}
      />
      <Space wrap>
        {value ? (
          <Tag icon={<EnvironmentOutlined />}>
            {value.lon.toFixed(5)}, {value.lat.toFixed(5)}
          </Tag>
        ) : (
          <span style={{ color: '#888' }}>{t('newCase.dropHint')}</span>
        )}
      </Space>
      {located ? (
        <Alert
          type="success"
          showIcon
          data-testid="located-grid"
          title={`${t('newCase.located')}: ${[...located.ancestors.slice(1).map((a) => a.name), located.grid.name].join(' / ')}`}
          description={located.grid.code}
        />
      ) : null}
      {outside ? (
        <Alert type="warning" showIcon title={t('newCase.outside')} />
      ) : error ? (
        <ProblemAlert error={error} />
      ) : null}
    </Space>
  );
}
