import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { notFound } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { pathsFor, unitsFor } from './domain/access.ts';
import { DISPUTE_TYPES, type DisputeType } from './domain/dispute-facts.ts';
import { LEDGER_COLUMNS, LEDGER_GROUPS } from './domain/ledger.ts';

const PAGE = 2000;
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
async function scoped(ctx: AppContext, actor: Actor, regionCode?: string) {
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
export async function exportLedger(ctx: AppContext, actor: Actor, regionCode?: string): Promise<Readable> {
  const { paths, units, region } = await scoped(ctx, actor, regionCode);
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
    let after = 0;
    for (;;) {
      const rows = await page(ctx.db, paths, units, region, after);
      if (rows.length === 0) break;
      after = Number(rows[rows.length - 1]?.case_id);
      const ids = rows.map((r) => Number(r.case_id));
      const [parties, sessions] = await Promise.all([
        ctx.db
          .selectFrom('dispute_party')
          .select(['case_id', 'side', 'person_id', 'org_name'])
          .where('case_id', 'in', ids)
          .orderBy('seq')
          .execute(),
        ctx.db
          .selectFrom('mediation_session')
          .select((eb) => ['case_id', eb.fn.countAll<number>().as('n')])
          .where('case_id', 'in', ids)
          .groupBy('case_id')
          .execute(),
      ]);
      const masked = await ctx.services.identity.persons.masked(
        parties.flatMap((p) => (p.person_id === null ? [] : [Number(p.person_id)])),
      );
      // each case's first party on each side (parties come in seq order): one lookup per row
      const first = new Map<string, (typeof parties)[number]>();
      for (const x of parties) {
        const key = `${Number(x.case_id)}:${x.side}`;
        if (!first.has(key)) first.set(key, x);
      }
      const who = (caseId: number, side: string) => {
        const p = first.get(`${caseId}:${side}`);
        if (!p) return { name: '', phone: '' };
        const m = p.person_id === null ? null : masked.get(Number(p.person_id));
        return { name: m?.name ?? p.org_name ?? '', phone: m?.phone ?? '' };
      };
      const count = new Map(sessions.map((s) => [Number(s.case_id), Number(s.n)]));
      for (const r of rows) {
        const id = Number(r.case_id);
        const a = who(id, 'applicant');
        const b = who(id, 'respondent');
        const referral = r.referral as { to?: string; where?: string } | null;
        const followUp = r.follow_up as { at?: string; satisfied?: boolean } | null;
        sheet
          .addRow({
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
            sessions: count.get(id) ?? 0,
            status: STATE_ZH[r.status] ?? r.status,
            outcome:
              r.outcome === 'agreement'
                ? '调解成功'
                : r.outcome === 'failed'
                  ? '调解不成'
                  : (r.outcome ?? ''),
            referral: referral ? `${referral.to ?? ''} ${referral.where ?? ''}`.trim() : '',
            closedAt: day(r.closed_at),
            followUp: followUp ? `${day(followUp.at ?? null)} ${followUp.satisfied ? '满意' : '不满意'}` : '',
          })
          .commit();
      }
      if (rows.length < PAGE) break;
    }
    await book.commit();
  };
  write().catch((e: unknown) => out.destroy(e as Error));
  return out;
}

function page(db: Kysely<DB>, paths: string[], units: number[], region: string | null, after: number) {
  let q = db
    .selectFrom('dispute')
    .selectAll()
    .where('case_id', '>', after)
    .where((eb) =>
      eb.or([
        ...paths.map((p) => eb('region_path', 'like', `${p}%`)),
        ...(units.length
          ? [eb('org_id', 'in', eb.selectFrom('mediation_org').select('id').where('unit_id', 'in', units))]
          : []),
      ]),
    );
  if (region) q = q.where('region_path', 'like', `${region}%`);
  return q.orderBy('case_id').limit(PAGE).execute();
}
