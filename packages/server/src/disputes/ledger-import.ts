import type { Transaction } from 'kysely';
import { type PreparedKindCase, prepareKindCase, writeKindCases } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { type FieldError, Problem } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { readTable, type XlsxCell, XlsxError } from '../lib/xlsx-reader.ts';
import { allowed } from './domain/access.ts';
import { isGroupDispute } from './domain/dispute-facts.ts';
import { type Cell, findHeader, type LedgerRow, readLedgerRow } from './domain/ledger.ts';
import { disputeIntake, type NewDispute } from './service-intake.ts';

export const MAX_LEDGER_ROWS = 20_000;
const MAX_ERRORS_SHOWN = 500;
const CHUNK = 1000;
/** Rows above the header (a title, a note) the ledger may have. */
const HEADER_ROOM = 20;

export interface LedgerImportResult {
  rows: number;
  created: number;
  updated: number;
  dryRun: boolean;
}

const unreadable = (message: string) =>
  new Problem(422, 'Unprocessable Content', `body.file: ${message}`, [{ field: 'body.file', message }]);
const refused = (errors: FieldError[], rows: number) =>
  new Problem(
    422,
    'Unprocessable Content',
    `${errors.length} problem(s) in the ledger; nothing was imported`,
    errors.slice(0, MAX_ERRORS_SHOWN),
    { rows, errorCount: errors.length },
  );

const cellOf = (v: XlsxCell): Cell => (typeof v === 'boolean' ? String(v) : v);

/** The ledger's first sheet, streamed (lib/xlsx-reader.ts), up to one row more than it may hold. */
async function readWorkbook(data: Buffer): Promise<Cell[][]> {
  try {
    const table = await readTable(data, { maxRows: MAX_LEDGER_ROWS + HEADER_ROOM });
    return table.map((cells) => cells.map(cellOf));
  } catch (e) {
    if (e instanceof XlsxError) throw unreadable(`not a readable Excel workbook (.xlsx): ${e.message}`);
    throw e;
  }
}

/** The disputes the keys name (their ledger key or their number), with where they lie. */
async function existingByKey(ctx: AppContext, keys: string[]) {
  const found = new Map<
    string,
    { caseId: number; type: string; grid: string; path: string; version: number }
  >();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const some = keys.slice(i, i + CHUNK);
    const rows = await ctx.db
      .selectFrom('dispute')
      .select(['case_id', 'ledger_key', 'number', 'type', 'grid_code', 'region_path', 'version'])
      .where((eb) => eb.or([eb('ledger_key', 'in', some), eb('number', 'in', some)]))
      .execute();
    for (const r of rows) {
      const v = {
        caseId: Number(r.case_id),
        type: r.type,
        grid: r.grid_code,
        path: r.region_path,
        version: r.version,
      };
      if (r.ledger_key && some.includes(r.ledger_key)) found.set(r.ledger_key, v);
      if (some.includes(r.number)) found.set(r.number, v);
    }
  }
  return found;
}

async function gridPaths(ctx: AppContext, codes: string[]) {
  const paths = new Map<string, string>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = await ctx.db
      .selectFrom('region')
      .select(['code', 'path'])
      .where('level', '=', 'grid')
      .where('retired_at', 'is', null)
      .where('code', 'in', codes.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) paths.set(r.code, r.path);
  }
  return paths;
}

/**
 * Import an existing disputes ledger (台账) from Excel: every row is read and checked first (type,
 * grid in the importer's area, numbers, dates, parties of new rows, keys); one bad row refuses the
 * whole file with each row's errors listed (`rows.<n>.<column>`). Then rows upsert by key: a key
 * that names a dispute (its ledger key or its number) updates its facts; a new key registers a
 * dispute through the case engine's intake (its case and its rows together) — the whole file in
 * one transaction, so a failure at any row (the database's too) leaves nothing. dryRun only checks.
 */
export async function importLedger(
  ctx: AppContext,
  actor: Actor,
  data: Buffer,
  options: { dryRun: boolean },
): Promise<LedgerImportResult> {
  const table = await readWorkbook(data);
  const { headerRow, columns, errors } = findHeader(table);
  if (errors.length) throw refused(errors, 0);
  const body = table.slice(headerRow + 1);
  if (body.length > MAX_LEDGER_ROWS) throw unreadable(`at most ${MAX_LEDGER_ROWS} rows`);
  const rows: LedgerRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c == null || String(c).trim() === '')) return;
    const read = readLedgerRow(cells, columns, headerRow + i + 2);
    if (read.row) rows.push(read.row);
    errors.push(...read.errors);
  });
  if (rows.length + errors.length === 0) throw unreadable('the ledger has no rows');
  const seen = new Map<string, number>();
  for (const r of rows) {
    const first = seen.get(r.key);
    if (first !== undefined)
      errors.push({ field: `rows.${r.row}.key`, message: `the key is also on row ${first}` });
    else seen.set(r.key, r.row);
  }
  const [paths, existing] = await Promise.all([
    gridPaths(ctx, [...new Set(rows.map((r) => r.grid))]),
    existingByKey(ctx, [...seen.keys()]),
  ]);
  for (const r of rows) {
    const path = paths.get(r.grid);
    // a grid outside the importer's area is answered like one that does not exist
    if (!path || !allowed(actor, 'register', { regionPath: path }))
      errors.push({ field: `rows.${r.row}.grid`, message: `no grid ${r.grid} in your area` });
    const known = existing.get(r.key);
    if (known) {
      if (!allowed(actor, 'register', { regionPath: known.path }))
        errors.push({
          field: `rows.${r.row}.key`,
          message: 'the key is taken by a dispute outside your area',
        });
      else if (known.type !== r.type)
        errors.push({
          field: `rows.${r.row}.type`,
          message: `dispute ${r.key} is of type ${known.type}: a type does not change`,
        });
      else if (known.grid !== r.grid)
        errors.push({ field: `rows.${r.row}.grid`, message: `dispute ${r.key} lies in grid ${known.grid}` });
    } else {
      if (!r.applicant)
        errors.push({ field: `rows.${r.row}.applicant`, message: 'a new dispute names its applicant' });
      if (!r.respondent)
        errors.push({ field: `rows.${r.row}.respondent`, message: 'a new dispute names its respondent' });
    }
  }
  if (errors.length) throw refused(errors, rows.length);
  const fresh = rows.filter((r) => !existing.has(r.key));
  const result = {
    rows: rows.length,
    created: fresh.length,
    updated: rows.length - fresh.length,
    dryRun: options.dryRun,
  };
  if (options.dryRun) return result;
  const now = serverNow(ctx);
  // new rows: checked, located and routed before the transaction (reads only) …
  const prepared: PreparedKindCase[] = [];
  for (let i = 0; i < fresh.length; i += PREPARE_AT_ONCE)
    prepared.push(
      ...(await Promise.all(
        fresh.slice(i, i + PREPARE_AT_ONCE).map(async (r) => {
          const { intake } = await disputeIntake(ctx, actor, newDisputeOf(r));
          return prepareKindCase(ctx, actor, intake, { now });
        }),
      )),
    );
  // … then the whole file in one transaction: the known keys' updates and the new disputes' cases
  // with their rows (the engine's intake, the kind's part included); any failure leaves nothing
  const written = await ctx.db.transaction().execute(async (trx) => {
    for (const r of rows) {
      const known = existing.get(r.key);
      if (known) await updateFacts(ctx, trx, actor, known.caseId, r, now);
    }
    const announce: (() => void)[] = [];
    for (let i = 0; i < prepared.length; i += WRITE_AT_ONCE)
      announce.push((await writeKindCases(trx, ctx, prepared.slice(i, i + WRITE_AT_ONCE))).published);
    return announce;
  });
  for (const published of written) published();
  return result;
}

const PREPARE_AT_ONCE = 50;
const WRITE_AT_ONCE = 500;

function newDisputeOf(r: LedgerRow): NewDispute {
  return {
    type: r.type,
    gridCode: r.grid,
    matter: r.matter,
    amount: r.amount,
    peopleInvolved: r.people,
    riskLevel: r.risk,
    parties: [
      { side: 'applicant', kind: 'person', ...(r.applicant as { name: string; phone: string | null }) },
      { side: 'respondent', kind: 'person', ...(r.respondent as { name: string; phone: string | null }) },
    ],
    ledgerKey: r.key,
    screenedAt: r.screenedAt,
  };
}

/** A known key's row updates its dispute's facts, with a history row on its case. */
async function updateFacts(
  ctx: AppContext,
  trx: Transaction<DB>,
  actor: Actor,
  caseId: number,
  r: LedgerRow,
  now: Date,
) {
  await trx
    .updateTable('dispute')
    .set((eb) => ({
      matter: r.matter,
      amount: r.amount,
      people_involved: r.people,
      is_group: isGroupDispute(r.people),
      risk_level: r.risk,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('case_id', '=', caseId)
    .execute();
  await ctx.services.cases.recordAction(trx, caseId, {
    action: 'dispute.ledger_update',
    actor,
    at: now,
    payload: { row: r.row, matter: r.matter, amount: r.amount, peopleInvolved: r.people, riskLevel: r.risk },
  });
}
