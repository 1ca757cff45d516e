import { readFileSync } from 'node:fs';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import type { AppContext } from '../context.ts';
import { conflict } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { cityDay } from '../lib/clock.ts';
import { DISPUTE_TYPES, type DisputeType } from './domain/dispute-facts.ts';
import { judicialWindow } from './domain/time-limits.ts';
import { disputeFor } from './service-read.ts';

/** The committed templates (templates/make-templates.py builds them): People's Mediation Law art. 28–33. */
const TEMPLATES = {
  agreement: new URL('./templates/agreement.docx', import.meta.url),
  judicial: new URL('./templates/judicial-application.docx', import.meta.url),
};
const cache = new Map<string, Buffer>();
const template = (which: keyof typeof TEMPLATES) => {
  const hit = cache.get(which) ?? readFileSync(TEMPLATES[which]);
  cache.set(which, hit);
  return hit;
};

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const SIDES = { applicant: '申请人', respondent: '被申请人', other: '其他当事人' } as const;
const cnDate = (d: Date) => {
  const [y, m, day] = cityDay(d).split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

/**
 * The agreement (or the judicial-confirmation application) as a Word document, filled from the
 * dispute. It names the parties in full, so producing it is a reveal of their personal data:
 * each person's record is revealed through identity (scope checked, audited with the reason).
 */
export async function agreementDocument(
  ctx: AppContext,
  actor: Actor,
  caseId: number,
  which: 'agreement' | 'judicial',
  ip?: string,
): Promise<{ filename: string; bytes: Buffer }> {
  const { row } = await disputeFor(ctx, actor, caseId);
  const [agreement, parties, org, mediators, sessions] = await Promise.all([
    ctx.db.selectFrom('dispute_agreement').selectAll().where('case_id', '=', caseId).executeTakeFirst(),
    ctx.db.selectFrom('dispute_party').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
    ctx.db
      .selectFrom('mediation_org')
      .select('name')
      .where('id', '=', row.org_id ?? 0)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('mediator')
      .select('name')
      .where('id', 'in', row.mediator_ids.length ? row.mediator_ids : [0])
      .execute(),
    ctx.db
      .selectFrom('mediation_session')
      .select('id')
      .where('case_id', '=', caseId)
      .where('record', 'is not', null)
      .execute(),
  ]);
  if (!agreement) throw conflict('there is no agreement draft yet');
  if (which === 'judicial' && !agreement.effective_at)
    throw conflict('the agreement is not effective yet (every party must confirm it)');
  const reason = `${which === 'agreement' ? '调解协议书' : '司法确认申请书'} ${row.number}`;
  const people = [];
  for (const p of parties) {
    const person =
      p.person_id === null
        ? null
        : await ctx.services.identity.persons.reveal(actor, Number(p.person_id), reason, ip);
    const confirmedAt = agreement.confirmations[String(p.id)];
    people.push({
      sideLabel: SIDES[p.side],
      name: person?.name ?? p.org_name ?? '',
      idNumber: person?.idNumber ?? '',
      address: person?.address ?? '',
      phone: person?.phone ?? '',
      confirmedLabel: confirmedAt ? `（已于${cnDate(new Date(confirmedAt))}确认）` : '（未确认）',
    });
  }
  const effective = agreement.effective_at ? new Date(agreement.effective_at) : null;
  const doc = new Docxtemplater(new PizZip(template(which)), { paragraphLoop: true, linebreaks: true });
  doc.render({
    number: row.number,
    orgName: org?.name ?? '',
    parties: people,
    typeLabel: DISPUTE_TYPES[row.type as DisputeType]?.[0] ?? row.type,
    amount: row.amount === null ? '' : row.amount.toFixed(2),
    facts: agreement.facts,
    terms: agreement.terms,
    performance: agreement.performance,
    performBy: String(new Date(agreement.perform_by).toISOString()).slice(0, 10),
    copies: parties.length + 1,
    mediators: mediators.map((m) => m.name).join('、'),
    dateLabel: cnDate(effective ?? new Date(agreement.drafted_at)),
    effectiveDate: effective ? cnDate(effective) : '',
    deadline: effective ? cnDate(judicialWindow(effective, effective).deadline) : '',
    court: agreement.judicial?.court ?? '＿＿＿＿人民法院',
    sessions: sessions.length,
  });
  const bytes = doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
  return {
    filename: `${which === 'agreement' ? 'agreement' : 'judicial-application'}-${row.number}.docx`,
    bytes,
  };
}
