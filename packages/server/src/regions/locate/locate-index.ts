import type { GeoJsonGeometry } from '../tables.ts';
import { type CompiledPolygon, compilePolygon, polygonContains } from './compiled-polygon.ts';
import { buildRaster, type Raster } from './raster.ts';

export interface LocateEntry {
  code: string;
  geometry: GeoJsonGeometry;
}

/** Changes kept beside the raster before it is rebuilt (a rebuild costs about one build). */
const MIN_PENDING_CHANGES = 64;

/**
 * Which grid a point is in, from memory: a raster over all grids where a cell wholly inside one
 * grid answers at once and a cell on outlines keeps only the few grids that cross it.
 *
 * A point on an edge shared by two grids belongs to exactly one of them, the same every time
 * (the one to its right, or above it on a horizontal edge; see compiled-polygon.ts). Where grids
 * overlap (bad data), the one with the smallest code wins. Upserts and removals apply at once:
 * changed grids are kept beside the raster until enough have piled up to rebuild it.
 */
export class LocateIndex {
  private polygons: CompiledPolygon[] = [];
  private raster: Raster = buildRaster([]);
  /** Raster polygons by code, and those since replaced or removed. */
  private rank = new Map<string, number>();
  private retired = new Uint8Array(0);
  private retiredCount = 0;
  /** Grids added or replaced since the raster was built, by code. */
  private pending = new Map<string, CompiledPolygon | null>();
  private pendingPolygons: CompiledPolygon[] = [];

  static build(entries: Iterable<LocateEntry>): LocateIndex {
    const byCode = new Map<string, CompiledPolygon>();
    for (const { code, geometry } of entries) {
      const compiled = compilePolygon(code, geometry);
      if (compiled) byCode.set(code, compiled);
      else byCode.delete(code);
    }
    const index = new LocateIndex();
    index.rebuild([...byCode.values()]);
    return index;
  }

  /** How many grids the index holds. */
  get size(): number {
    return this.polygons.length - this.retiredCount + this.pendingPolygons.length;
  }

  /** The code of the grid containing the point, or null when none does. */
  locate(lon: number, lat: number): string | null {
    let found = this.locateInRaster(lon, lat);
    for (const p of this.pendingPolygons) {
      if (found !== null && p.code >= found) break;
      if (polygonContains(p, lon, lat)) found = p.code;
    }
    return found;
  }

  /** Add a grid or replace its geometry. */
  upsert(code: string, geometry: GeoJsonGeometry): void {
    this.change(code, compilePolygon(code, geometry));
  }

  /** Forget a grid (nothing happens when it is not there). */
  remove(code: string): void {
    this.change(code, null);
  }

  private change(code: string, polygon: CompiledPolygon | null) {
    const rank = this.rank.get(code);
    if (rank !== undefined && this.retired[rank] === 0) {
      this.retired[rank] = 1;
      this.retiredCount++;
    }
    this.pending.set(code, polygon);
    this.pendingPolygons = [...this.pending.values()]
      .filter((p): p is CompiledPolygon => p !== null)
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    if (this.pending.size > Math.max(MIN_PENDING_CHANGES, this.polygons.length >> 6)) this.compact();
  }

  private compact() {
    const live = this.polygons.filter((_, i) => this.retired[i] === 0);
    this.rebuild([...live, ...this.pendingPolygons]);
  }

  private rebuild(polygons: CompiledPolygon[]) {
    this.polygons = polygons.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.rank = new Map(this.polygons.map((p, i) => [p.code, i]));
    this.retired = new Uint8Array(this.polygons.length);
    this.retiredCount = 0;
    this.pending.clear();
    this.pendingPolygons = [];
    this.raster = buildRaster(this.polygons);
  }

  private locateInRaster(lon: number, lat: number): string | null {
    const r = this.raster;
    const x = Math.floor((lon - r.minX) * r.scaleX);
    const y = Math.floor((lat - r.minY) * r.scaleY);
    if (!(x >= 0 && x < r.nx && y >= 0 && y < r.ny)) return null;
    const value = r.cells[y * r.nx + x] as number;
    // A cell wholly inside one grid answers without a test.
    if (value >= 0) return this.retired[value] === 0 ? (this.polygons[value] as CompiledPolygon).code : null;
    if (value === -1) return null;
    const lists = r.lists;
    const offset = -2 - value;
    const end = offset + 1 + (lists[offset] as number);
    for (let k = offset + 1; k < end; k++) {
      const id = lists[k] as number;
      if (this.retired[id] === 0 && polygonContains(this.polygons[id] as CompiledPolygon, lon, lat)) {
        return (this.polygons[id] as CompiledPolygon).code;
      }
    }
    return null;
  }
}
