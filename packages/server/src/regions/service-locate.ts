import type { Db } from '../db/database.ts';
import { LocateIndex } from './locate/locate-index.ts';
import type { GeoJsonGeometry } from './tables.ts';

/** A grid's boundary changed (null: it no longer takes part in locating: retired or cleared). */
export interface GridBoundaryChange {
  code: string;
  boundary: GeoJsonGeometry | null;
}

/**
 * The in-memory point → grid index over every active grid's boundary, kept in step with each
 * committed change to a grid's boundary, creation or retirement.
 *
 * It is built from the database when first needed (Tianjin's 15,000 grids take a few seconds):
 * `warmUp()` starts that at once. Changes committed while a build reads the database are
 * replayed onto the new index (each change sets a grid's latest state, so replaying is safe).
 */
export class GridLocator {
  private index: LocateIndex | null = null;
  private building: Promise<LocateIndex> | null = null;
  private queued: GridBoundaryChange[] = [];
  /** Bumped by `invalidate`: a build that started before it must not install its index. */
  private generation = 0;
  /** Builds not finished yet, including any an `invalidate` made obsolete. */
  private readonly unsettled = new Set<Promise<LocateIndex>>();

  constructor(private readonly db: Db) {}

  /** The index, built on first use. */
  ready(): Promise<LocateIndex> {
    if (this.index) return Promise.resolve(this.index);
    if (!this.building) {
      const building = this.build().finally(() => {
        if (this.building === building) this.building = null;
        this.unsettled.delete(building);
      });
      this.building = building;
      this.unsettled.add(building);
    }
    return this.building;
  }

  /** Start building in the background (errors surface on the next `ready`). */
  warmUp(): void {
    this.ready().catch(() => {});
  }

  /** Forget the index (the grids were replaced wholesale, e.g. by seeding); the next use rebuilds. */
  invalidate(): void {
    this.generation++;
    this.index = null;
    this.building = null;
    this.queued = [];
  }

  /** Wait for builds in progress (before the database closes). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.unsettled]);
  }

  private async build(): Promise<LocateIndex> {
    const generation = this.generation;
    this.queued = [];
    const rows = await this.db
      .selectFrom('region')
      .select(['code', 'boundary'])
      .where('level', '=', 'grid')
      .where('retired_at', 'is', null)
      .where('boundary', 'is not', null)
      .execute();
    const index = LocateIndex.build(
      rows.map((r) => ({ code: r.code, geometry: r.boundary as GeoJsonGeometry })),
    );
    if (generation !== this.generation) return index;
    applyTo(index, this.queued);
    this.queued = [];
    this.index = index;
    return index;
  }

  /** Apply changes after their transaction committed. */
  apply(changes: GridBoundaryChange[]): void {
    if (this.index) applyTo(this.index, changes);
    else if (this.building) this.queued.push(...changes);
    // Otherwise there is no index yet: the next build reads the committed state.
  }

  async locate(lon: number, lat: number): Promise<string | null> {
    return (await this.ready()).locate(lon, lat);
  }

  /** Grids in the index (building it if needed). */
  async size(): Promise<number> {
    return (await this.ready()).size;
  }
}

function applyTo(index: LocateIndex, changes: GridBoundaryChange[]) {
  for (const change of changes) {
    if (change.boundary) index.upsert(change.code, change.boundary);
    else index.remove(change.code);
  }
}
