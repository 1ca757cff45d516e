import type { DedicatedType, RegionLevel } from '../tables.ts';
import { depthOf, parentProblem } from './codes.ts';
import type { DivisionRow, RowProblem } from './divisions-csv.ts';

/** What the database already holds for a code a divisions file names. */
export interface KnownRegion {
  code: string;
  level: RegionLevel;
  parentCode: string | null;
  path: string;
  retired: boolean;
  name: string;
  households: number | null;
  population: number | null;
  gridKind: 'basic' | 'dedicated' | null;
  dedicatedType: DedicatedType | null;
}

export interface NewRegion {
  code: string;
  parentCode: string | null;
  level: RegionLevel;
  name: string;
  path: string;
  depth: number;
  households: number | null;
  population: number | null;
  gridKind: 'basic' | 'dedicated' | null;
  dedicatedType: DedicatedType | null;
}

export type Changes = Partial<
  Pick<KnownRegion, 'name' | 'households' | 'population' | 'gridKind' | 'dedicatedType'>
>;

export interface RegionUpdate {
  code: string;
  before: Changes;
  after: Changes;
}

export interface DivisionsPlan {
  /** In depth order: every parent before its children. */
  creates: NewRegion[];
  updates: RegionUpdate[];
  unchanged: number;
}

export type PlanResult =
  | { ok: true; plan: DivisionsPlan }
  | { ok: false; problem: RowProblem; problems: RowProblem[] };

/**
 * Decide what importing `rows` does: create the new regions (parents from the file or the
 * database, each of the level above, codes extending the parent's), update the names and
 * figures of existing ones; any bad line refuses the whole file (every bad line is listed).
 */
export function planDivisionsImport(
  rows: DivisionRow[],
  known: ReadonlyMap<string, KnownRegion>,
): PlanResult {
  const problems: RowProblem[] = [];
  const placed = new Map<string, { level: RegionLevel; path: string }>();
  const plan: DivisionsPlan = { creates: [], updates: [], unchanged: 0 };
  const byDepth = [...rows].sort((a, b) => depthOf(a.level) - depthOf(b.level) || a.line - b.line);
  for (const row of byDepth) {
    const problem = (column: string, message: string) => problems.push({ line: row.line, column, message });
    const existing = known.get(row.code);
    if (existing) {
      if (existing.level !== row.level) {
        problem('level', `${row.code} already exists as a ${existing.level}`);
        continue;
      }
      if (existing.parentCode !== row.parentCode) {
        problem(
          'parent_code',
          `${row.code} already exists under ${existing.parentCode ?? 'no parent'}; move it instead`,
        );
        continue;
      }
      placed.set(row.code, { level: existing.level, path: existing.path });
      const update = changesOf(row, existing);
      if (update) plan.updates.push(update);
      else plan.unchanged++;
      continue;
    }
    const parentInFile = row.parentCode ? placed.get(row.parentCode) : undefined;
    const parentKnown = row.parentCode ? known.get(row.parentCode) : undefined;
    const parent = parentInFile ?? parentKnown;
    if (row.parentCode && !parent) {
      problem('parent_code', `${row.parentCode} is neither in the file nor an existing region`);
      continue;
    }
    if (!parentInFile && parentKnown?.retired) {
      problem('parent_code', `${row.parentCode} is retired`);
      continue;
    }
    const wrong = parentProblem(
      row,
      parent && row.parentCode ? { code: row.parentCode, level: parent.level } : null,
    );
    if (wrong) {
      problem(wrong.field === 'code' ? 'code' : 'parent_code', wrong.message);
      continue;
    }
    const path = `${parent?.path ?? ''}${row.code}/`;
    placed.set(row.code, { level: row.level, path });
    plan.creates.push({
      code: row.code,
      parentCode: row.parentCode,
      level: row.level,
      name: row.name,
      path,
      depth: depthOf(row.level),
      households: row.households,
      population: row.population,
      gridKind: row.level === 'grid' ? (row.gridKind ?? 'basic') : null,
      dedicatedType: row.dedicatedType,
    });
  }
  const sorted = problems.sort((a, b) => a.line - b.line);
  const first = sorted[0];
  return first ? { ok: false, problem: first, problems: sorted } : { ok: true, plan };
}

function changesOf(row: DivisionRow, existing: KnownRegion): RegionUpdate | null {
  const before: Changes = {};
  const after: Changes = {};
  const consider = <K extends keyof Changes>(key: K, value: KnownRegion[K] | null) => {
    if (value === null || value === existing[key]) return;
    before[key] = existing[key];
    after[key] = value;
  };
  consider('name', row.name);
  consider('households', row.households);
  consider('population', row.population);
  consider('gridKind', row.gridKind);
  if (row.gridKind === 'basic' && existing.dedicatedType !== null) {
    before.dedicatedType = existing.dedicatedType;
    after.dedicatedType = null;
  } else consider('dedicatedType', row.dedicatedType);
  return Object.keys(after).length ? { code: row.code, before, after } : null;
}
