import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Card, Image, Space, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useCityCode } from '../app/city.tsx';
import type { BoundaryCollection } from '../components/map-style.ts';
import { useViewRegions } from '../components/use-view-regions.ts';
import { type CaseView, portalApi } from './api.ts';
import { usePortalText } from './text.ts';

// the map library is the heaviest download on a phone: loaded when the resident asks for the map
const RegionMap = lazy(() => import('../components/RegionMap.tsx'));
const fetchBoundaries = (path: string) => portalApi<BoundaryCollection>(path);

/** The regions in view with the case's grid among them (once: it is there when zoomed in). */
function withRegion(
  shown: BoundaryCollection | null,
  grid: BoundaryCollection | null,
): BoundaryCollection | null {
  if (!grid) return shown;
  const codes = new Set(grid.features.map((f) => f.properties.code));
  const others = (shown?.features ?? []).filter((f) => !codes.has(f.properties.code));
  return { type: 'FeatureCollection', features: [...others, ...grid.features] };
}

/** The photos of a case: the resident's own and the staff's (the handler's after-photo). */
export function TrackPhotos({ photos }: { photos: CaseView['photos'] }) {
  const { p } = usePortalText();
  if (!photos.length) return null;
  const groups = [
    { by: 'resident', title: p('photosResident') },
    { by: 'staff', title: p('photosStaff') },
  ] as const;
  return (
    <Card size="small" title={p('photos')} data-testid="track-photos">
      {groups.map((g) => {
        const list = photos.filter((x) => x.by === g.by);
        return list.length ? (
          <div key={g.by} style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{g.title}</Typography.Text>
            <Space wrap style={{ display: 'flex', marginTop: 4 }}>
              {list.map((x) => (
                <Image
                  key={x.url}
                  src={x.url}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover' }}
                  alt={g.title}
                  data-testid={`track-photo-${g.by}`}
                />
              ))}
            </Space>
          </div>
        ) : null;
      })}
    </Card>
  );
}

/** The place on a map: the case's grid with the point the resident dropped, on request. */
export function TrackMap({ view }: { view: CaseView }) {
  const { p } = usePortalText();
  const [open, setOpen] = useState(false);
  const [grid, setGrid] = useState<BoundaryCollection | null>(null);
  // the map opens on the case's grid; around it, the regions in view are named at each zoom
  const regions = useViewRegions(useCityCode(), open, fetchBoundaries);
  const shown = useMemo(() => withRegion(regions.shown, grid), [regions.shown, grid]);
  // the grid alone until the map has opened on it, then the named regions around it too
  const [fitted, setFitted] = useState(false);
  const gridRef = useRef(grid);
  gridRef.current = grid;
  const onView = useCallback(
    (box: [number, number, number, number], zoom: number) => {
      regions.onView(box, zoom);
      if (gridRef.current) setFitted(true);
    },
    [regions.onView],
  );
  useEffect(() => {
    if (!open || !view.gridCode) return;
    portalApi<BoundaryCollection>(`regions/${view.gridCode}/boundaries?level=grid`).then(setGrid, () =>
      setGrid(null),
    );
  }, [open, view.gridCode]);
  if (!view.location && !view.gridCode) return null;
  if (!open)
    return (
      <Button icon={<EnvironmentOutlined />} onClick={() => setOpen(true)} data-testid="track-show-map">
        {p('showMap')}
      </Button>
    );
  return (
    <Suspense fallback={<div style={{ height: 220 }} />}>
      <RegionMap
        label={p('place')}
        boundaries={fitted ? shown : grid}
        onView={onView}
        fitOnce
        selectedCode={view.gridCode}
        point={view.location ? [view.location.lon, view.location.lat] : null}
        height={220}
      />
    </Suspense>
  );
}
