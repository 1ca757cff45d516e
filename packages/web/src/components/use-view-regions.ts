import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Box } from './map-levels.ts';
import { viewRegions } from './map-levels.ts';
import type { BoundaryCollection } from './map-style.ts';

type Fetch = (path: string) => Promise<BoundaryCollection>;

/**
 * The regions a map names at its zoom (districts, streets, communities, grids): give the map
 * `shown` as its boundaries and `onView` as its view callback. Children are fetched for what is
 * in view only, once each, with `fetch` (the console's or the portal's API client).
 */
export function useViewRegions(cityCode: string | null | undefined, enabled: boolean, fetch: Fetch) {
  const [city, setCity] = useState<BoundaryCollection | null>(null);
  const [children, setChildren] = useState<ReadonlyMap<string, BoundaryCollection>>(new Map());
  const [view, setView] = useState<{ box: Box; zoom: number } | null>(null);
  const asked = useRef(new Set<string>());
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;

  useEffect(() => {
    if (!cityCode || !enabled) return;
    fetchRef.current(`regions/${cityCode}/boundaries?level=district`).then(setCity, () => setCity(null));
  }, [cityCode, enabled]);

  const { shown, wanted, level } = useMemo(() => viewRegions(city, children, view), [city, children, view]);

  useEffect(() => {
    for (const w of wanted) {
      if (asked.current.has(w.code)) continue;
      asked.current.add(w.code);
      fetchRef.current(`regions/${w.code}/boundaries?level=${w.level}`).then(
        (fc) => setChildren((m) => new Map(m).set(w.code, fc)),
        () => undefined, // the region itself stays drawn and named
      );
    }
  }, [wanted]);

  const onView = useCallback((box: Box, zoom: number) => setView({ box, zoom }), []);
  return { shown, level, onView };
}
