import type { AppContext } from '../context.ts';
import { type FieldError, Problem } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { can } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { placesChanged } from './board-counters.ts';
import { headerMap, type ImportedPlace, readPlaceRow } from './domain/place-import.ts';
import { nextDue } from './domain/places.ts';
import { sheetRows, unreadable } from './place-sheet.ts';
import { districtOf } from './scope.ts';

export const MAX_PLACE_ROWS = 100_000;
const MAX_ERRORS_SHOWN = 200;
const CHUNK = 1000;

export interface PlaceImportResult {
  rows: number;
  created: number;
  updated: number;
  dryRun: boolean;
}

/**
 * Import places from a spreadsheet: every row is read, located and checked first (type, point in
 * the city, the importer's area, keys); one bad row refuses the whole file with each row's
 * errors listed. Then, in one transaction, rows upsert by key: new keys make places, known keys
 * update theirs. A dry run stops after the checks.
 */
export async function importPlaces(
  ctx: AppContext,
  actor: Actor,
  data: Buffer,
  options: { dryRun: boolean },
): Promise<PlaceImportResult> {
  const places: ImportedPlace[] = [];
  const errors: FieldError[] = [];
  let columns: ReturnType<typeof headerMap>['columns'] | null = null;
  let rows = 0;
  // streamed: each row is read into a place (or its errors) as it comes; nothing else is kept
  for await (const { n, cells } of sheetRows(data)) {
    if (columns === null) {
      const header = headerMap(cells);
      if (header.errors.length) throw refused(header.errors, 0);
      columns = header.columns;
      continue;
    }
    if (cells.every((c) => c == null || String(c).trim() === '')) continue;
    if (++rows > MAX_PLACE_ROWS) throw unreadable(`at most ${MAX_PLACE_ROWS} rows`);
    const read = readPlaceRow(cells, columns, n);
    if (read.place) places.push(read.place);
    else errors.push(...read.errors);
  }
  if (places.length + errors.length === 0) throw unreadable('the file has no rows');
  const grids = new Map(
    (
      await ctx.db
        .selectFrom('region')
        .select(['code', 'path'])
        .where('level', '=', 'grid')
        .where('retired_at', 'is', null)
        .execute()
    ).map((g) => [g.code, g.path]),
  );
  const seen = new Map<string, number>();
  const located: { place: ImportedPlace; gridCode: string; path: string }[] = [];
  for (const place of places) {
    const first = seen.get(place.key);
    if (first !== undefined)
      errors.push({ field: `rows.${place.row}.key`, message: `the key is also on row ${first}` });
    seen.set(place.key, place.row);
    const gridCode = place.location
      ? await ctx.services.regions.locator.locate(place.location.lon, place.location.lat)
      : place.gridCode;
    const path = gridCode ? grids.get(gridCode) : undefined;
    if (!gridCode || !path) {
      errors.push(
        place.location
          ? { field: `rows.${place.row}.lon`, message: 'the point is outside the city' }
          : { field: `rows.${place.row}.gridCode`, message: `no active grid ${place.gridCode}` },
      );
      continue;
    }
    if (!can(actor, 'place.manage', { regionPath: path }))
      errors.push({ field: `rows.${place.row}.gridCode`, message: 'outside your area' });
    if (place.safetyGridCode && !grids.has(place.safetyGridCode))
      errors.push({
        field: `rows.${place.row}.safetyGridCode`,
        message: `no active grid ${place.safetyGridCode}`,
      });
    located.push({ place, gridCode, path });
  }
  const existing = new Map<
    string,
    { id: number; path: string; tier: string; last: Date | null; created: Date }
  >();
  const keys = [...seen.keys()];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await ctx.db
      .selectFrom('place')
      .select(['id', 'key', 'region_path', 'risk_tier', 'last_inspected_at', 'created_at'])
      .where('key', 'in', keys.slice(i, i + CHUNK))
      .execute();
    for (const r of rows)
      existing.set(r.key, {
        id: Number(r.id),
        path: r.region_path,
        tier: r.risk_tier,
        last: r.last_inspected_at ? new Date(r.last_inspected_at) : null,
        created: new Date(r.created_at),
      });
  }
  for (const { place } of located) {
    const known = existing.get(place.key);
    if (known && !can(actor, 'place.manage', { regionPath: known.path }))
      errors.push({
        field: `rows.${place.row}.key`,
        message: 'the key belongs to a place outside your area',
      });
  }
  if (errors.length) throw refused(errors, places.length + errors.length);
  const fresh = located.filter((l) => !existing.has(l.place.key));
  const result = {
    rows: located.length,
    created: fresh.length,
    updated: located.length - fresh.length,
    dryRun: options.dryRun,
  };
  if (options.dryRun) return result;
  const now = serverNow(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < located.length; i += CHUNK) {
      const chunk = located.slice(i, i + CHUNK);
      const withPerson = chunk.filter((l) => l.place.responsible);
      const personIds = await ctx.services.identity.persons.createMany(
        trx,
        withPerson.map((l) => ({ ...l.place.responsible, regionPath: l.path })),
      );
      const personOf = new Map(withPerson.map((l, j) => [l.place.key, personIds[j] ?? null]));
      const values = chunk.map(({ place, gridCode, path }) => {
        const known = existing.get(place.key);
        return {
          key: place.key,
          name: place.name,
          place_type: place.type,
          size_class: place.sizeClass,
          area_m2: place.areaM2,
          address: place.address,
          lon: place.location?.lon ?? null,
          lat: place.location?.lat ?? null,
          grid_code: gridCode,
          region_path: path,
          district_code: districtOf(path),
          safety_grid_code: place.safetyGridCode,
          responsible_person_id: personOf.get(place.key) ?? null,
          licences: JSON.stringify(place.licences),
          risk_tier: place.riskTier,
          next_due_at: known ? nextDue(place.riskTier, known.last ?? known.created) : now,
          created_at: now,
          updated_at: now,
        };
      });
      // what the places were, for the campaigns' boards (read in the transaction that changes them)
      const before = await trx
        .selectFrom('place')
        .select(['id', 'place_type', 'region_path', 'retired_at'])
        .where(
          'key',
          'in',
          chunk.map((l) => l.place.key),
        )
        .forUpdate()
        .execute();
      const after = await trx
        .insertInto('place')
        .values(values)
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            place_type: eb.ref('excluded.place_type'),
            size_class: eb.ref('excluded.size_class'),
            area_m2: eb.ref('excluded.area_m2'),
            address: eb.ref('excluded.address'),
            lon: eb.ref('excluded.lon'),
            lat: eb.ref('excluded.lat'),
            grid_code: eb.ref('excluded.grid_code'),
            region_path: eb.ref('excluded.region_path'),
            district_code: eb.ref('excluded.district_code'),
            safety_grid_code: eb.ref('excluded.safety_grid_code'),
            responsible_person_id: eb.fn.coalesce(
              'excluded.responsible_person_id',
              'place.responsible_person_id',
            ),
            licences: eb.ref('excluded.licences'),
            risk_tier: eb.ref('excluded.risk_tier'),
            next_due_at: eb.ref('excluded.next_due_at'),
            updated_at: eb.ref('excluded.updated_at'),
            version: eb(eb.ref('place.version'), '+', 1),
          })),
        )
        .returning(['id', 'place_type', 'region_path', 'retired_at'])
        .execute();
      const id = (p: { id: number | string }) => ({ id: Number(p.id) });
      await placesChanged(
        trx,
        before.map((p) => ({ ...p, ...id(p) })),
        after.map((p) => ({ ...p, ...id(p) })),
      );
    }
  });
  return result;
}

function refused(errors: FieldError[], rows: number): Problem {
  return new Problem(
    422,
    'Unprocessable Content',
    `${errors.length} problem(s) in the file; nothing was imported`,
    errors.slice(0, MAX_ERRORS_SHOWN),
    { rows, errorCount: errors.length },
  );
}
