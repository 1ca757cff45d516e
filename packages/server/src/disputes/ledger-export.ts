import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Selectable } from 'kysely';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { pathsFor, unitsFor } from './domain/access.ts';
import { DISPUTE_TYPES, type DisputeType } from './domain/dispute-facts.ts';
import { LEDGER_COLUMNS, LEDGER_GROUPS } from './domain/ledger.ts';
import { LEDGER_PAGE, type LedgerPage, type LedgerScope, readLedgerPage } from './ledger-pages.ts';
import type { DisputeTable } from './tables.ts';

const STATE_ZH: Record<string, string> = {
  screened: '已排查',
  assigned: '已分派',
  mediating: '调解中',
  agreed: '已达成协议',
  referred: '已转出',
  closed: '已结案',
};
const RISK_ZH: Record<string, string> = { low: '低', medium: '中', high: '高' };
const day = (d: Date | string | null) =>
  d ? new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '';

/** The disputes in the caller's scope (and the region asked for), one query's where. */
async function scoped(ctx: AppContext, actor: Actor, regionCode?: string): Promise<LedgerScope> {
  const paths = pathsFor(actor, 'read');
  const units = unitsFor(actor, 'read');
  let region: string | null = null;
  if (regionCode) {
    const r = await ctx.services.regions.find(regionCode);
    if (!r) throw notFound('region');
    region = r.path;
    // a region outside what the caller reads is answered like one that does not exist
    const reads = paths.some((p) => r.path.startsWith(p) || p.startsWith(r.path));
    if (!reads) throw notFound('region');
  }
  return { paths, units, region };
}

/**
 * The disputes ledger (台账) streamed as an Excel workbook: two header rows (the merged groups,
 * then the columns), one row per dispute in scope, read a page at a time by case id. Parties are
 * masked like every response (a reveal is per person and audited).
 */
export async function exportLedger(
  ctx: AppContext,
  actor: Actor,
  regionCode?: string,
  pageSize = LEDGER_PAGE,
): Promise<Readable> {
  const scope = await scoped(ctx, actor, regionCode);
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  book.creator = 'CivicGrid';
  const sheet = book.addWorksheet('矛盾纠纷台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const groups = sheet.addRow(LEDGER_COLUMNS.map((c) => c.group));
  groups.font = { bold: true };
  groups.alignment = { horizontal: 'center' };
  const header = sheet.addRow(LEDGER_COLUMNS.map((c) => c.zh));
  header.font = { bold: true };
  for (const g of LEDGER_GROUPS) {
    const first = LEDGER_COLUMNS.findIndex((c) => c.group === g) + 1;
    const last = LEDGER_COLUMNS.map((c) => c.group).lastIndexOf(g) + 1;
    if (last > first) sheet.mergeCells(1, first, 1, last);
  }
  groups.commit();
  header.commit();
  const write = async () => {
    const orgs = new Map(
      (await ctx.db.selectFrom('mediation_org').select(['id', 'name']).execute()).map((o) => [
        Number(o.id),
        o.name,
      ]),
    );
    const mediators = new Map(
      (await ctx.db.selectFrom('mediator').select(['id', 'name']).execute()).map((m) => [
        Number(m.id),
        m.name,
      ]),
    );
    // the next page is read while the current one is written; the reply's pace holds both back
    let next: Promise<LedgerPage> | null = readLedgerPage(ctx, scope, 0, pageSize);
    while (next) {
      const page: LedgerPage = await next;
      next = page.next === null ? null : readLedgerPage(ctx, scope, page.next, pageSize);
      for (const r of page.rows) sheet.addRow(ledgerRow(r, page, orgs, mediators)).commit();
      while (out.writableNeedDrain && !out.destroyed) await once(out, 'drain');
    }
    await book.commit();
  };
  write().catch((e: unknown) => out.destroy(e as Error));
  return out;
}

/** A dispute's ledger row (the columns of domain/ledger.ts). */
function ledgerRow(
  r: Selectable<DisputeTable>,
  page: LedgerPage,
  orgs: Map<number, string>,
  mediators: Map<number, string>,
) {
  const id = Number(r.case_id);
  const none = { name: '', phone: '' };
  const a = page.firstParty.get(`${id}:applicant`) ?? none;
  const b = page.firstParty.get(`${id}:respondent`) ?? none;
  const referral = r.referral as { to?: string; where?: string } | null;
  const followUp = r.follow_up as { at?: string; satisfied?: boolean } | null;
  return {
    key: r.ledger_key ?? r.number,
    type: DISPUTE_TYPES[r.type as DisputeType]?.[0] ?? r.type,
    grid: r.grid_code,
    screenedAt: day(r.screened_at),
    matter: r.matter,
    amount: r.amount === null ? '' : Number(r.amount),
    people: r.people_involved,
    risk: RISK_ZH[r.risk_level] ?? r.risk_level,
    applicant: a.name,
    applicantPhone: a.phone,
    respondent: b.name,
    respondentPhone: b.phone,
    org: r.org_id === null ? '' : (orgs.get(Number(r.org_id)) ?? ''),
    mediators: (r.mediator_ids ?? []).map((m) => mediators.get(Number(m)) ?? '').join('、'),
    acceptedAt: day(r.accepted_at),
    dueAt: day(r.due_at),
    sessions: page.sessions.get(id) ?? 0,
    status: STATE_ZH[r.status] ?? r.status,
    outcome: r.outcome === 'agreement' ? '调解成功' : r.outcome === 'failed' ? '调解不成' : (r.outcome ?? ''),
    referral: referral ? `${referral.to ?? ''} ${referral.where ?? ''}`.trim() : '',
    closedAt: day(r.closed_at),
    followUp: followUp ? `${day(followUp.at ?? null)} ${followUp.satisfied ? '满意' : '不满意'}` : '',
  };
}
