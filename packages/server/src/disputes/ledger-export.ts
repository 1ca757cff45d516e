import { PassThrough, type Readable } from 'node:stream';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { type XlsxValue, XlsxWriter } from '../lib/xlsx-writer.ts';
import { pathsFor, unitsFor } from './domain/access.ts';
import { DISPUTE_TYPES, type DisputeType } from './domain/dispute-facts.ts';
import { LEDGER_COLUMNS, LEDGER_GROUPS } from './domain/ledger.ts';
import {
  LEDGER_PAGE,
  type LedgerPage,
  type LedgerRecord,
  type LedgerScope,
  readLedgerPage,
} from './ledger-pages.ts';

const STATE_ZH: Record<string, string> = {
  screened: '已排查',
  assigned: '已分派',
  mediating: '调解中',
  agreed: '已达成协议',
  referred: '已转出',
  closed: '已结案',
};
const RISK_ZH: Record<string, string> = { low: '低', medium: '中', high: '高' };

/** The disputes in the caller's scope (and the region asked for), one query's where. */
async function scoped(ctx: AppContext, actor: Actor, regionCode?: string): Promise<LedgerScope> {
  const paths = pathsFor(actor, 'read');
  const units = unitsFor(actor, 'read');
  let region: string | null = null;
  if (regionCode) {
    const r = await ctx.services.regions.find(regionCode);
    if (!r) throw notFound('region');
    region = r.path;
    // a region outside what the caller reads is answered like one that does not exist; a post at
    // a mediation organisation's unit reads the disputes the organisation holds (the kind's
    // `seenBy`), which lie in the organisation's area, whatever the post's own region
    const overlaps = (p: string) => r.path.startsWith(p) || p.startsWith(r.path);
    let reads = paths.some(overlaps);
    if (!reads && units.length) {
      const held = await ctx.db
        .selectFrom('mediation_org')
        .select('region_path')
        .where('unit_id', 'in', units)
        .execute();
      reads = held.some((o) => overlaps(o.region_path));
    }
    if (!reads) throw notFound('region');
  }
  return { paths, units, region };
}

export interface LedgerExportOptions {
  /** a region inside the caller's scope (its code) */
  region?: string;
  /** at most this many rows, the first in case order */
  limit?: number;
  pageSize?: number;
}

/**
 * The disputes ledger (台账) streamed as an Excel workbook: two header rows (the merged groups,
 * then the columns), one row per dispute in scope, read a page at a time by case id (the next
 * page read while the current one is written) and written by lib/xlsx-writer.ts, which waits
 * for the reply to drain. Parties are masked like every response (a reveal is per person and audited).
 */
export async function exportLedger(
  ctx: AppContext,
  actor: Actor,
  { region, limit, pageSize = LEDGER_PAGE }: LedgerExportOptions = {},
): Promise<Readable> {
  const scope = await scoped(ctx, actor, region);
  const out = new PassThrough();
  const write = async () => {
    const xlsx = await XlsxWriter.open(
      out,
      {
        name: '矛盾纠纷台账',
        creator: 'CivicGrid',
        columns: LEDGER_COLUMNS.map((c) => ({ width: c.width })),
        frozenRows: 2,
        merges: LEDGER_GROUPS.flatMap((g) => {
          const from = LEDGER_COLUMNS.findIndex((c) => c.group === g) + 1;
          const to = LEDGER_COLUMNS.map((c) => c.group).lastIndexOf(g) + 1;
          return to > from ? [{ row: 1, from, to }] : [];
        }),
      },
      { modified: serverNow(ctx) },
    );
    xlsx.row(
      LEDGER_COLUMNS.map((c, i) => (i === 0 || LEDGER_COLUMNS[i - 1]?.group !== c.group ? c.group : '')),
      'header',
    );
    xlsx.row(
      LEDGER_COLUMNS.map((c) => c.zh),
      'bold',
    );
    const names = await namesOf(ctx);
    let left = limit ?? Number.POSITIVE_INFINITY;
    const read = (after: number) => {
      const size = Math.min(pageSize, left);
      left -= size;
      return readLedgerPage(ctx, scope, after, size);
    };
    let next: Promise<LedgerPage> | null = read(0);
    while (next) {
      const page: LedgerPage = await next;
      // the whole page becomes XML at once, before anything is awaited: its rows die young (kept
      // across an await they would outlive the young generation and pile up as old garbage)
      for (const r of page.rows) xlsx.row(ledgerRow(r, page, names));
      // the next page is read while this one goes through the zip to the client
      next = page.next === null || left <= 0 ? null : read(page.next);
      await xlsx.flush();
    }
    await xlsx.close();
  };
  write().catch((e: unknown) => out.destroy(e as Error));
  return out;
}

interface Names {
  orgs: Map<number, string>;
  mediators: Map<number, string>;
}

async function namesOf(ctx: AppContext): Promise<Names> {
  const [orgs, mediators] = await Promise.all([
    ctx.db.selectFrom('mediation_org').select(['id', 'name']).execute(),
    ctx.db.selectFrom('mediator').select(['id', 'name']).execute(),
  ]);
  return {
    orgs: new Map(orgs.map((o) => [Number(o.id), o.name])),
    mediators: new Map(mediators.map((m) => [Number(m.id), m.name])),
  };
}

const OUTCOME_ZH: Record<string, string> = { agreement: '调解成功', failed: '调解不成' };

/** A dispute's ledger row: the cells of domain/ledger.ts's columns, in their order. */
function ledgerRow(r: LedgerRecord, page: LedgerPage, { orgs, mediators }: Names): XlsxValue[] {
  const a = r.a_person === null ? null : page.persons.get(Number(r.a_person));
  const b = r.b_person === null ? null : page.persons.get(Number(r.b_person));
  return [
    r.key,
    DISPUTE_TYPES[r.type as DisputeType]?.[0] ?? r.type,
    r.grid_code,
    r.screened,
    r.matter,
    r.amount,
    r.people_involved,
    RISK_ZH[r.risk_level] ?? r.risk_level,
    a ? a.name : (r.a_org ?? ''),
    a ? a.phone : '',
    b ? b.name : (r.b_org ?? ''),
    b ? b.phone : '',
    r.org_id === null ? '' : (orgs.get(Number(r.org_id)) ?? ''),
    (r.mediator_ids ?? []).map((m) => mediators.get(Number(m)) ?? '').join('、'),
    r.accepted,
    r.due,
    r.sessions,
    STATE_ZH[r.status] ?? r.status,
    r.outcome === null ? '' : (OUTCOME_ZH[r.outcome] ?? r.outcome),
    `${r.referral_to ?? ''} ${r.referral_where ?? ''}`.trim(),
    r.closed,
    r.follow_up_at === null && r.follow_up_satisfied === null
      ? ''
      : `${r.follow_up_at ?? ''} ${r.follow_up_satisfied ? '满意' : '不满意'}`,
  ];
}
