import type { SheetRow } from '../../lib/spreadsheet.ts';
import { ROLES, type Role } from '../actor.ts';
import type { UnitKind } from '../tables.ts';
import { DEPARTMENT_TYPE_CODES, MEDIATION_TYPES, unitCode } from './unit-catalog.ts';

/** A problem with one cell (or a whole row, column null) of one sheet. */
export interface SheetProblem {
  sheet: 'units' | 'users';
  row: number;
  column: string | null;
  message: string;
}

export const UNIT_COLUMNS = [
  'kind',
  'department_type',
  'region_code',
  'name',
  'phone',
  'parent_unit',
] as const;
export const USER_COLUMNS = ['username', 'display_name', 'role', 'unit', 'region_code'] as const;
const KINDS: readonly UnitKind[] = ['centre', 'department', 'station', 'mediation'];

export interface UnitRow {
  row: number;
  code: string;
  kind: UnitKind;
  departmentType: string | null;
  regionCode: string;
  name: string;
  phone: string | null;
  parentUnit: string | null;
}

export interface UserPostRow {
  row: number;
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
  regionCode: string | null;
}

function headerProblems(
  sheet: SheetProblem['sheet'],
  columns: string[],
  required: readonly string[],
  known: readonly string[],
) {
  return [
    ...required
      .filter((c) => !columns.includes(c))
      .map((c) => ({ sheet, row: 1, column: c, message: `the header lacks the column ${c}` })),
    ...columns
      .filter((c) => !known.includes(c))
      .map((c) => ({
        sheet,
        row: 1,
        column: c,
        message: `unknown column "${c}" (known: ${known.join(', ')})`,
      })),
  ];
}

/** The units sheet: one unit a row; its code is `centre:<region>` or `<department type>:<region>`. Pure. */
export function parseUnitRows(
  columns: string[],
  rows: SheetRow[],
): { units: UnitRow[]; problems: SheetProblem[] } {
  const problems: SheetProblem[] = headerProblems(
    'units',
    columns,
    ['kind', 'region_code', 'name'],
    UNIT_COLUMNS,
  );
  if (problems.length) return { units: [], problems };
  const units: UnitRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const before = problems.length;
    const bad = (column: string, message: string) => problems.push({ sheet: 'units', row, column, message });
    const kind = cells.kind as UnitKind;
    if (!KINDS.includes(kind)) bad('kind', `"${cells.kind ?? ''}" is not one of ${KINDS.join(', ')}`);
    const type = cells.department_type || null;
    const types: readonly string[] = kind === 'mediation' ? MEDIATION_TYPES : DEPARTMENT_TYPE_CODES;
    if (kind === 'centre' && type) bad('department_type', 'a centre has none');
    if (kind !== 'centre' && KINDS.includes(kind) && (!type || !types.includes(type)))
      bad('department_type', `required for a ${kind}: one of ${types.join(', ')}`);
    const regionCode = cells.region_code ?? '';
    if (!/^\d{12}$/.test(regionCode)) bad('region_code', 'a 12-digit division code');
    const name = cells.name ?? '';
    if (!name || name.length > 100) bad('name', 'must be 1–100 characters');
    if (problems.length > before) continue;
    const code = unitCode(kind === 'centre' ? 'centre' : (type as string), regionCode);
    if (seen.has(code)) {
      bad('region_code', `the unit ${code} repeats row ${seen.get(code)}`);
      continue;
    }
    seen.set(code, row);
    units.push({
      row,
      code,
      kind,
      departmentType: kind === 'centre' ? null : type,
      regionCode,
      name,
      phone: cells.phone || null,
      parentUnit: cells.parent_unit || null,
    });
  }
  return { units, problems };
}

/** The users sheet: one post a row; rows with the same user name are one user's posts. Pure. */
export function parseUserRows(
  columns: string[],
  rows: SheetRow[],
): { posts: UserPostRow[]; problems: SheetProblem[] } {
  const problems: SheetProblem[] = headerProblems(
    'users',
    columns,
    ['username', 'display_name', 'role'],
    USER_COLUMNS,
  );
  if (problems.length) return { posts: [], problems };
  const posts: UserPostRow[] = [];
  const seen = new Set<string>();
  for (const { row, cells } of rows) {
    const before = problems.length;
    const bad = (column: string, message: string) => problems.push({ sheet: 'users', row, column, message });
    const username = cells.username ?? '';
    if (!/^[A-Za-z0-9_.-]{3,40}$/.test(username)) bad('username', '3–40 letters, digits, _ . or -');
    const displayName = cells.display_name ?? '';
    if (!displayName || displayName.length > 100) bad('display_name', 'must be 1–100 characters');
    const role = cells.role as Role;
    if (!ROLES.includes(role)) bad('role', `"${cells.role ?? ''}" is not one of ${ROLES.join(', ')}`);
    const regionCode = cells.region_code || null;
    if (regionCode && !/^\d{12,}$/.test(regionCode)) bad('region_code', 'a division or grid code');
    const unit = cells.unit || null;
    if (!unit && !regionCode) bad('unit', 'a post needs a unit or a region_code');
    const key = `${username.toLowerCase()}|${role}|${unit}|${regionCode}`;
    if (seen.has(key)) bad('username', 'the same post repeats');
    seen.add(key);
    if (problems.length === before) posts.push({ row, username, displayName, role, unit, regionCode });
  }
  return { posts, problems };
}
