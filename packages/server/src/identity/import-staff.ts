import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { Problem } from '../http/problem.ts';
import type { SheetRow } from '../lib/spreadsheet.ts';
import type { Actor } from './actor.ts';
import { can } from './domain/policy.ts';
import { isGridCode } from './domain/scope.ts';
import { parseUnitRows, parseUserRows, type SheetProblem, type UserPostRow } from './domain/staff-rows.ts';
import { upsertUnit, writeUsers } from './import-staff-write.ts';
import { passwordHasher } from './passwords.ts';
import type { AuditService } from './service-audit.ts';
import { UNIT_KINDS } from './user-posts.ts';

type Sheet = { columns: string[]; rows: SheetRow[] };
const UNIT_LEVELS: readonly string[] = ['city', 'district', 'street', 'community'];

export interface StaffImportResult {
  units: { created: number; updated: number };
  users: { created: number; updated: number; posts: number };
  dryRun: boolean;
  /** New users' one-time passwords, for the importing administrator to download once. */
  passwords: { username: string; displayName: string; password: string; posts: string }[];
}

/** Every sheet problem as one 422 (fields `file.units.<row>.<column>`), nothing written. */
export function sheetsRefused(problems: SheetProblem[]): Problem {
  const sorted = [...problems].sort((a, b) => a.sheet.localeCompare(b.sheet) * -1 || a.row - b.row);
  const [first] = sorted as [SheetProblem];
  return new Problem(
    422,
    'Unprocessable Content',
    `${sorted.length} problem(s), first ${first.sheet} row ${first.row}${first.column ? ` ${first.column}` : ''}: ${first.message} — nothing was imported`,
    sorted.slice(0, 500).map((p) => ({
      field: ['file', p.sheet, String(p.row), p.column].filter(Boolean).join('.'),
      message: p.message,
    })),
    { refused: sorted.length },
  );
}

/** A unit code without the `#n` a code taken again carries. */
const baseCode = (code: string) => code.replace(/#\d+$/, '');

export function newPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const pick = () =>
    alphabet[
      Math.floor(((crypto.getRandomValues(new Uint32Array(1))[0] as number) / 2 ** 32) * alphabet.length)
    ];
  const part = () => Array.from({ length: 5 }, pick).join('');
  return `${part()}-${part()}-${part()}-9Qa`;
}

/**
 * Units (centres, departments, stations, mediation) and users with their posts from two sheets.
 * Units are keyed by code (re-import updates name, phone, parent); users by user name (re-import
 * updates the display name and adds posts they do not hold). Every row checked first; any
 * problem refuses both sheets (422 listing all). New users get one-time passwords.
 */
export async function importStaff(
  db: Db,
  audit: AuditService,
  actor: Actor,
  sheets: { units?: Sheet; users?: Sheet },
  options: {
    dryRun?: boolean;
    ip?: string;
    now?: Date;
    /** Keeps the new users' one-time passwords inside the import's transaction (all or nothing). */
    keepPasswords?: (trx: Db, rows: StaffImportResult['passwords']) => Promise<void>;
  } = {},
): Promise<StaffImportResult> {
  const now = options.now ?? new Date();
  const u = sheets.units
    ? parseUnitRows(sheets.units.columns, sheets.units.rows)
    : { units: [], problems: [] };
  const p = sheets.users
    ? parseUserRows(sheets.users.columns, sheets.users.rows)
    : { posts: [], problems: [] };
  const problems: SheetProblem[] = [...u.problems, ...p.problems];
  const regionCodes = [
    ...new Set([
      ...u.units.map((x) => x.regionCode),
      ...p.posts.flatMap((x) => (x.regionCode ? [x.regionCode] : [])),
    ]),
  ];
  const regions = new Map(
    regionCodes.length
      ? (
          await db
            .selectFrom('region')
            .select(['code', 'path', 'level', 'retired_at'])
            .where('code', 'in', regionCodes)
            .execute()
        ).map((r) => [r.code, r])
      : [],
  );
  const unitRefs = [
    ...new Set([
      ...u.units.map((x) => x.code),
      ...u.units.flatMap((x) => (x.parentUnit ? [x.parentUnit] : [])),
      ...p.posts.flatMap((x) => (x.unit ? [x.unit] : [])),
    ]),
  ];
  // Active units by the code the sheet names: a unit that took a retired unit's code holds it
  // as `code#2` (codes are never reused), and the sheet still names it by `code`.
  const dbUnits = new Map(
    unitRefs.length
      ? (
          await db
            .selectFrom('unit')
            .select(['id', 'code', 'kind', 'region_code', 'region_path'])
            .where(sql<string>`split_part(code, '#', 1)`, 'in', unitRefs)
            .where('retired_at', 'is', null)
            .orderBy('id')
            .execute()
        ).map((r) => [baseCode(r.code), r])
      : [],
  );
  const fileUnits = new Map(u.units.map((x) => [x.code, x]));
  const unitPlace = (code: string) => {
    const inDb = dbUnits.get(code);
    if (inDb)
      return { kind: inDb.kind as string, regionCode: inDb.region_code, regionPath: inDb.region_path };
    const inFile = fileUnits.get(code);
    const region = inFile && regions.get(inFile.regionCode);
    return inFile && region
      ? { kind: inFile.kind as string, regionCode: inFile.regionCode, regionPath: region.path }
      : undefined;
  };
  for (const unit of u.units) {
    const bad = (column: string, message: string) =>
      problems.push({ sheet: 'units', row: unit.row, column, message });
    const region = regions.get(unit.regionCode);
    if (!region || region.retired_at) bad('region_code', `no active region ${unit.regionCode}`);
    else if (!UNIT_LEVELS.includes(region.level))
      bad('region_code', 'units sit at city, district, street or community level');
    else if (!can(actor, 'unit.manage', { regionPath: region.path }))
      bad('region_code', `${unit.regionCode} is outside your scope`);
    if (unit.parentUnit && !unitPlace(unit.parentUnit)) bad('parent_unit', `unknown unit ${unit.parentUnit}`);
  }
  for (const post of p.posts) {
    const bad = (column: string, message: string) =>
      problems.push({ sheet: 'users', row: post.row, column, message });
    const place = post.unit ? unitPlace(post.unit) : undefined;
    if (post.unit && !place) {
      bad('unit', `unknown unit ${post.unit} (neither in the units sheet nor an active unit)`);
      continue;
    }
    const kinds = UNIT_KINDS[post.role];
    if (kinds && !kinds.includes(place?.kind ?? ''))
      bad('unit', `a ${post.role} post needs a unit of kind ${kinds.join(' or ')}`);
    const code = post.regionCode ?? place?.regionCode;
    const region = code ? regions.get(code) : undefined;
    const path = region?.path ?? (code === place?.regionCode ? place?.regionPath : undefined);
    if (!code || !path) {
      bad('region_code', `no region ${code ?? ''}`);
      continue;
    }
    if (region?.retired_at) bad('region_code', `${code} is retired`);
    if (place && !path.startsWith(place.regionPath))
      bad('region_code', "must lie inside the unit's jurisdiction");
    if ((post.role === 'grid_worker' || post.role === 'grid_head') !== isGridCode(code))
      bad('region_code', 'grid workers and grid heads (only) are posted to grids');
    if (!can(actor, 'user.manage', { regionPath: path })) bad('region_code', `${code} is outside your scope`);
  }
  if (problems.length) throw sheetsRefused(problems);

  const usernames = [...new Set(p.posts.map((x) => x.username.toLowerCase()))];
  const existingUsers = new Map(
    usernames.length
      ? (
          await db
            .selectFrom('app_user')
            .select(['id', 'username'])
            .where(sql<string>`lower(username)`, 'in', usernames)
            .execute()
        ).map((r) => [r.username.toLowerCase(), Number(r.id)])
      : [],
  );
  const byUser = new Map<string, UserPostRow[]>();
  for (const post of p.posts)
    byUser.set(post.username.toLowerCase(), [...(byUser.get(post.username.toLowerCase()) ?? []), post]);
  const newUsers = [...byUser.values()].filter(
    (posts) => !existingUsers.has((posts[0] as UserPostRow).username.toLowerCase()),
  );
  const unitsCreated = u.units.filter((x) => !dbUnits.has(x.code)).length;
  const counts = {
    units: { created: unitsCreated, updated: u.units.length - unitsCreated },
    users: { created: newUsers.length, updated: byUser.size - newUsers.length, posts: p.posts.length },
  };
  if (options.dryRun) return { ...counts, dryRun: true, passwords: [] };

  const passwords = new Map<string, { password: string; hash: string }>();
  for (const posts of newUsers) {
    const password = newPassword();
    passwords.set((posts[0] as UserPostRow).username.toLowerCase(), {
      password,
      hash: await passwordHasher.hash(password),
    });
  }
  const passwordRows = newUsers.map((posts) => {
    const first = posts[0] as UserPostRow;
    return {
      username: first.username,
      displayName: first.displayName,
      password: passwords.get(first.username.toLowerCase())?.password as string,
      posts: posts.map((x) => `${x.role} ${x.unit ?? ''} ${x.regionCode ?? ''}`.trim()).join('; '),
    };
  });
  let postsAdded = 0;
  await db.transaction().execute(async (trx) => {
    const ids = new Map<string, number>([...dbUnits].map(([code, r]) => [code, Number(r.id)]));
    for (const unit of u.units)
      ids.set(
        unit.code,
        await upsertUnit(
          trx as Db,
          unit,
          ids.get(unit.code),
          regions.get(unit.regionCode) as { path: string; level: string },
          now,
        ),
      );
    for (const unit of u.units)
      if (unit.parentUnit)
        await trx
          .updateTable('unit')
          .set({ parent_id: ids.get(unit.parentUnit) ?? null })
          .where('id', '=', ids.get(unit.code) as number)
          .execute();
    await audit.record(trx, {
      actor,
      action: 'unit.import',
      objectType: 'unit',
      ip: options.ip,
      detail: { ...counts.units, codes: u.units.map((x) => x.code).slice(0, 200) },
    });
    postsAdded = await writeUsers(trx as Db, {
      audit,
      actor,
      ip: options.ip,
      now,
      byUser,
      existingUsers,
      passwordHashes: new Map([...passwords].map(([k, v]) => [k, v.hash])),
      unitIds: ids,
      unitRegion: (code) => unitPlace(code)?.regionCode as string,
    });
    if (passwordRows.length && options.keepPasswords) await options.keepPasswords(trx as Db, passwordRows);
  });
  return {
    ...counts,
    users: { ...counts.users, posts: postsAdded },
    dryRun: false,
    passwords: passwordRows,
  };
}
