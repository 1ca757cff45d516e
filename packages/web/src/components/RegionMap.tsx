import type { GeoJSONSource, LngLatBoundsLike } from 'maplibre-gl';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre's ES build runs its tile work in a module worker shipped as its own file.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { useCity } from '../app/city.tsx';
import { MapLocate } from './MapLocate.tsx';
import {
  type BaseMapSetting,
  type BoundaryCollection,
  baseStyle,
  boundariesToDisplay,
  boundsOf,
  circle,
  colourExpression,
  fromDisplay,
  labelPoints,
  type MapCrs,
  toDisplay,
} from './map-style.ts';

maplibregl.setWorkerUrl(workerUrl);

// Labels are drawn from the device's own fonts (no glyphs URL: nothing is fetched for them).
const CJK_FONTS =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', sans-serif";

export interface RegionMapProps {
  boundaries: BoundaryCollection | null;
  /** Figure per region code: regions are coloured from light to dark by it. */
  values?: Record<string, number> | undefined;
  selectedCode?: string | null | undefined;
  point?: [number, number] | null | undefined;
  points?: { lon: number; lat: number; card?: string | undefined }[] | undefined;
  onRegionClick?: ((code: string, name: string) => void) | undefined;
  onMapClick?: ((lon: number, lat: number) => void) | undefined;
  /** Text shown when hovering a region (defaults to its name). */
  describe?: ((code: string, name: string) => string) | undefined;
  label: string;
  height?: number | string;
  /** Offer "use my location": the device's position (WGS-84) and its accuracy in metres. */
  onLocate?: ((lon: number, lat: number, accuracy: number) => void) | undefined;
  /** Fit the first boundaries only: regions added later (a street's communities) leave the view alone. */
  fitOnce?: boolean | undefined;
  /** Told where the map looks after every move: [west, south, east, north] in WGS-84, and the zoom. */
  onView?: ((box: [number, number, number, number], zoom: number) => void) | undefined;
}

export default function RegionMap(props: RegionMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const loaded = useRef(false);
  const latest = useRef(props);
  latest.current = props;
  const marker = useRef<maplibregl.Marker | null>(null);
  // where the map opens before it has boundaries to fit: the city's centre (GET /api/v1/city)
  const { city } = useCity();
  const centre = city?.centre ?? null;
  const zoom = city?.zoom ?? 9;
  const home = useRef({ centre, zoom });
  home.current = { centre, zoom };
  // the city's base map (a setting): its tiles under our boundaries, in its coordinate system
  const base: BaseMapSetting | null = city?.baseMap ?? null;
  const baseKey = base ? `${base.crs}|${base.url}` : '';
  const crs = useRef<MapCrs>('wgs84');
  crs.current = base?.crs ?? 'wgs84';
  const baseRef = useRef(base);
  baseRef.current = base;
  const accuracy = useRef<{ at: [number, number]; metres: number } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new base map makes a new map
  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: baseStyle(baseRef.current),
      center: toDisplay(home.current.centre ?? [0, 0], crs.current),
      zoom: home.current.centre ? home.current.zoom : 1,
      attributionControl: baseRef.current ? { compact: true } : false,
      dragRotate: false,
      pitchWithRotate: false,
      localIdeographFontFamily: CJK_FONTS,
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    mapRef.current = map;
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false });
    map.on('load', () => {
      map.addSource('regions', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('points', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('labels', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('accuracy', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({
        id: 'region-fill',
        type: 'fill',
        source: 'regions',
        paint: { 'fill-color': '#9ec5ea', 'fill-opacity': baseRef.current ? 0.25 : 0.55 },
      });
      map.addLayer({
        id: 'region-line',
        type: 'line',
        source: 'regions',
        paint: { 'line-color': '#1f4e8c', 'line-width': 1 },
      });
      map.addLayer({
        id: 'region-selected',
        type: 'line',
        source: 'regions',
        paint: { 'line-color': '#d4380d', 'line-width': 3 },
        filter: ['==', ['get', 'code'], ''],
      });
      map.addLayer({
        id: 'accuracy',
        type: 'fill',
        source: 'accuracy',
        paint: { 'fill-color': '#1677ff', 'fill-opacity': 0.15, 'fill-outline-color': '#1677ff' },
      });
      map.addLayer({
        id: 'region-label',
        type: 'symbol',
        source: 'labels',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': ['sans-serif'],
          'text-size': ['match', ['get', 'level'], 'district', 15, 'street', 13, 'community', 12, 11],
          'text-max-width': 7,
          'text-padding': 3,
          // where names collide the larger region's is kept: districts first, then streets, …
          'symbol-sort-key': ['match', ['get', 'level'], 'district', 0, 'street', 1, 'community', 2, 3],
        },
        paint: { 'text-color': '#0b2f5b', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      });
      map.addLayer({
        id: 'points',
        type: 'circle',
        source: 'points',
        paint: {
          'circle-radius': 5,
          'circle-color': [
            'match',
            ['get', 'card'],
            'red',
            '#cf1322',
            'orange',
            '#fa8c16',
            'yellow',
            '#faad14',
            'blue',
            '#1677ff',
            '#1f4e8c',
          ],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 1,
        },
      });
      loaded.current = true;
      sync(map, latest.current, true, crs.current);
      showAccuracy(map, accuracy.current, crs.current);
      tellView(map, latest.current.onView, crs.current);
    });
    map.on('moveend', () => {
      placeLabels(map);
      tellView(map, latest.current.onView, crs.current);
    });
    // how many names are on screen (what a person sees; e2e reads it)
    map.on('idle', () => {
      if (!map.getLayer('region-label')) return;
      const shown = map.queryRenderedFeatures({ layers: ['region-label'] });
      container.current?.setAttribute('data-labels', String(shown.length));
      const levels = new Set(shown.map((f) => String(f.properties?.level)));
      container.current?.setAttribute('data-label-levels', [...levels].sort().join(' '));
    });
    map.on('mousemove', 'region-fill', (e) => {
      const f = e.features?.[0];
      if (!f) return;
      const { code, name } = f.properties as { code: string; name: string };
      map.getCanvas().style.cursor = latest.current.onRegionClick ? 'pointer' : '';
      popup
        .setLngLat(e.lngLat)
        .setText(latest.current.describe?.(code, name) ?? name)
        .addTo(map);
    });
    map.on('mouseleave', 'region-fill', () => {
      map.getCanvas().style.cursor = '';
      popup.remove();
    });
    map.on('click', (e) => {
      const { onMapClick, onRegionClick } = latest.current;
      if (onMapClick) {
        const [lon, lat] = fromDisplay([e.lngLat.lng, e.lngLat.lat], crs.current);
        onMapClick(lon, lat);
        return;
      }
      const f = map.queryRenderedFeatures(e.point, { layers: ['region-fill'] })[0];
      if (f && onRegionClick) {
        const { code, name } = f.properties as { code: string; name: string };
        popup.remove();
        onRegionClick(code, name);
      }
    });
    return () => {
      loaded.current = false;
      map.remove();
      mapRef.current = null;
    };
  }, [baseKey]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map redraws from the latest props
  useEffect(() => {
    if (mapRef.current && loaded.current) sync(mapRef.current, props, false, crs.current);
  }, [props.boundaries, props.values, props.selectedCode, props.points]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new map (base map changed) needs the marker again
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    marker.current?.remove();
    marker.current = props.point
      ? new maplibregl.Marker({ color: '#d4380d' }).setLngLat(toDisplay(props.point, crs.current)).addTo(map)
      : null;
  }, [props.point, baseKey]);

  // the city's profile came after the map was made, and nothing has been fitted yet: open there
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !centre || lastFitted.has(map)) return;
    map.jumpTo({ center: toDisplay(centre, crs.current), zoom });
  }, [centre, zoom]);

  function located(lon: number, lat: number, metres: number) {
    accuracy.current = { at: [lon, lat], metres };
    const map = mapRef.current;
    if (map && loaded.current) {
      showAccuracy(map, accuracy.current, crs.current);
      map.easeTo({ center: toDisplay([lon, lat], crs.current), zoom: Math.max(map.getZoom(), 15) });
    }
    latest.current.onLocate?.(lon, lat, metres);
  }

  return (
    <div style={{ position: 'relative' }}>
      <div
        ref={container}
        className="cg-map"
        role="application"
        aria-label={props.label}
        data-testid="region-map"
        style={{ height: props.height ?? 420 }}
      />
      {props.onLocate ? <MapLocate onLocated={located} /> : null}
    </div>
  );
}

/** The boundaries a map draws (display coordinates), to place their names again after a move. */
const shownData = new WeakMap<maplibregl.Map, BoundaryCollection>();

/** Each name in the middle of the part of its region in view. */
function placeLabels(map: maplibregl.Map) {
  const data = shownData.get(map);
  const source = map.getSource('labels') as GeoJSONSource | undefined;
  if (!data || !source) return;
  const b = map.getBounds();
  source.setData(labelPoints(data, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]));
}

function tellView(map: maplibregl.Map, onView: RegionMapProps['onView'], crs: MapCrs) {
  if (!onView) return;
  const b = map.getBounds();
  const [w, s] = fromDisplay([b.getWest(), b.getSouth()], crs);
  const [e, n] = fromDisplay([b.getEast(), b.getNorth()], crs);
  onView([w, s, e, n], map.getZoom());
}

function showAccuracy(map: maplibregl.Map, a: { at: [number, number]; metres: number } | null, crs: MapCrs) {
  const source = map.getSource('accuracy') as GeoJSONSource | undefined;
  source?.setData(a ? circle(toDisplay(a.at, crs), a.metres) : { type: 'FeatureCollection', features: [] });
}

const lastFitted = new WeakMap<maplibregl.Map, BoundaryCollection | null>();

function sync(map: maplibregl.Map, props: RegionMapProps, first: boolean, crs: MapCrs) {
  const regions = map.getSource('regions') as GeoJSONSource | undefined;
  if (!regions) return;
  const data = boundariesToDisplay(props.boundaries ?? { type: 'FeatureCollection', features: [] }, crs);
  regions.setData(data as Parameters<GeoJSONSource['setData']>[0]);
  shownData.set(map, data);
  placeLabels(map);
  map.setPaintProperty('region-fill', 'fill-color', colourExpression(props.values));
  map.setFilter('region-selected', ['==', ['get', 'code'], props.selectedCode ?? '']);
  const points = map.getSource('points') as GeoJSONSource | undefined;
  points?.setData({
    type: 'FeatureCollection',
    features: (props.points ?? []).map((p) => ({
      type: 'Feature',
      properties: { card: p.card ?? 'none' },
      geometry: { type: 'Point', coordinates: toDisplay([p.lon, p.lat], crs) },
    })),
  });
  const bounds = boundsOf(data);
  const refit = props.fitOnce ? !lastFitted.has(map) : lastFitted.get(map) !== props.boundaries;
  if (bounds && (first || refit)) {
    lastFitted.set(map, props.boundaries);
    map.fitBounds(bounds as LngLatBoundsLike, { padding: 24, duration: first ? 0 : 400 });
  }
}
