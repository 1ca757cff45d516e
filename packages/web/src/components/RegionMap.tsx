import type { GeoJSONSource, LngLatBoundsLike, StyleSpecification } from 'maplibre-gl';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre's ES build runs its tile work in a module worker shipped as its own file.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { useCity } from '../app/city.tsx';
import { type BoundaryCollection, boundsOf, colourExpression } from './map-style.ts';

maplibregl.setWorkerUrl(workerUrl);

// A blank style: our own boundaries on a plain background, no tile server, no fonts.
const BLANK: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } }],
};

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

  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: BLANK,
      center: home.current.centre ?? [0, 0],
      zoom: home.current.centre ? home.current.zoom : 1,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    mapRef.current = map;
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false });
    map.on('load', () => {
      map.addSource('regions', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('points', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({
        id: 'region-fill',
        type: 'fill',
        source: 'regions',
        paint: { 'fill-color': '#9ec5ea', 'fill-opacity': 0.55 },
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
        id: 'points',
        type: 'circle',
        source: 'points',
        paint: {
          'circle-radius': 5,
          'circle-color': ['match', ['get', 'card'], 'red', '#cf1322', 'yellow', '#faad14', '#1f4e8c'],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 1,
        },
      });
      loaded.current = true;
      sync(map, latest.current, true);
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
        onMapClick(e.lngLat.lng, e.lngLat.lat);
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
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map redraws from the latest props
  useEffect(() => {
    if (mapRef.current && loaded.current) sync(mapRef.current, props, false);
  }, [props.boundaries, props.values, props.selectedCode, props.points]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    marker.current?.remove();
    marker.current = props.point
      ? new maplibregl.Marker({ color: '#d4380d' }).setLngLat(props.point).addTo(map)
      : null;
  }, [props.point]);

  // the city's profile came after the map was made, and nothing has been fitted yet: open there
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !centre || lastFitted.has(map)) return;
    map.jumpTo({ center: centre, zoom });
  }, [centre, zoom]);

  return (
    <div
      ref={container}
      className="cg-map"
      role="application"
      aria-label={props.label}
      data-testid="region-map"
      style={{ height: props.height ?? 420 }}
    />
  );
}

const lastFitted = new WeakMap<maplibregl.Map, BoundaryCollection | null>();

function sync(map: maplibregl.Map, props: RegionMapProps, first: boolean) {
  const regions = map.getSource('regions') as GeoJSONSource | undefined;
  if (!regions) return;
  const data = props.boundaries ?? { type: 'FeatureCollection', features: [] };
  regions.setData(data as Parameters<GeoJSONSource['setData']>[0]);
  map.setPaintProperty('region-fill', 'fill-color', colourExpression(props.values));
  map.setFilter('region-selected', ['==', ['get', 'code'], props.selectedCode ?? '']);
  const points = map.getSource('points') as GeoJSONSource | undefined;
  points?.setData({
    type: 'FeatureCollection',
    features: (props.points ?? []).map((p) => ({
      type: 'Feature',
      properties: { card: p.card ?? 'none' },
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
    })),
  });
  const bounds = boundsOf(data);
  if (bounds && (first || lastFitted.get(map) !== props.boundaries)) {
    lastFitted.set(map, props.boundaries);
    map.fitBounds(bounds as LngLatBoundsLike, { padding: 24, duration: first ? 0 : 400 });
  }
}
