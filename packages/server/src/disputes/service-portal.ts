import { createHash, randomBytes } from 'node:crypto';
import { stripMetadata, UnreadablePhoto } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { lockDispute, normalise, saveDispute } from './rows.ts';
import { confirmAgreement } from './service-agreement.ts';
import { disputeFor } from './service-read.ts';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const EVIDENCE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Parties online (互联网+调解): each party gets a secret link (only its SHA-256 is kept). Through
 * it the party sees the schedule, its own evidence, the agreement draft, and confirms — never
 * the other parties' personal data (they appear by side only).
 */
export function createPortal(ctx: AppContext) {
  async function partyByToken(token: string) {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound('mediation');
    const party = await ctx.db
      .selectFrom('dispute_party')
      .selectAll()
      .where('portal_hash', '=', hashOf(token))
      .executeTakeFirst();
    if (!party) throw notFound('mediation');
    return { ...party, id: Number(party.id), case_id: Number(party.case_id) };
  }

  return {
    /** A new secret link for a party (an earlier one stops working); staff who may mediate the dispute. */
    async issueLink(actor: Actor, caseId: number, partyId: number) {
      const { roles } = await disputeFor(ctx, actor, caseId);
      if (roles.length === 0) throw notFound('dispute');
      const token = randomBytes(32).toString('base64url');
      return ctx.db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('dispute_party')
          .set({ portal_hash: hashOf(token) })
          .where('case_id', '=', caseId)
          .where('id', '=', partyId)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw notFound('party');
        await ctx.services.cases.recordAction(trx, caseId, {
          action: 'mediation.portal_link',
          actor,
          at: serverNow(ctx),
          payload: { partyId },
        });
        return { partyId, token, path: `/portal/mediation/${token}` };
      });
    },

    async view(token: string) {
      const me = await partyByToken(token);
      const caseId = me.case_id;
      const [d, parties, sessions, agreement, evidence] = await Promise.all([
        ctx.db.selectFrom('dispute').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow(),
        ctx.db
          .selectFrom('dispute_party')
          .select(['id', 'side', 'kind', 'person_id', 'org_name'])
          .where('case_id', '=', caseId)
          .orderBy('seq')
          .execute(),
        ctx.db
          .selectFrom('mediation_session')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('seq')
          .execute(),
        ctx.db.selectFrom('dispute_agreement').selectAll().where('case_id', '=', caseId).executeTakeFirst(),
        ctx.db
          .selectFrom('dispute_evidence')
          .select(['id', 'filename', 'content_type', 'uploaded_at'])
          .where('party_id', '=', me.id)
          .orderBy('id')
          .execute(),
      ]);
      const row = normalise(d);
      const org =
        row.org_id === null
          ? null
          : await ctx.db
              .selectFrom('mediation_org')
              .select(['name', 'phone'])
              .where('id', '=', row.org_id)
              .executeTakeFirst();
      const confirmations = agreement?.confirmations ?? {};
      return {
        number: row.number,
        type: row.type,
        status: row.status,
        organisation: org ? { name: org.name, phone: org.phone } : null,
        me: { partyId: me.id, side: me.side },
        parties: parties.map((p) => ({ side: p.side, kind: p.kind, isMe: Number(p.id) === me.id })),
        sessions: sessions.map((s) => ({
          id: Number(s.id),
          at: new Date(s.at).toISOString(),
          place: s.place,
          onlineLink: s.online_link,
          attended: s.attended.map(Number).includes(me.id),
          record: s.attended.map(Number).includes(me.id) ? s.record : null,
          confirmedByMe: Boolean(s.confirmations[me.id]),
        })),
        agreement: agreement
          ? {
              facts: agreement.facts,
              terms: agreement.terms,
              performance: agreement.performance,
              performBy: new Date(agreement.perform_by).toISOString().slice(0, 10),
              confirmedByMe: Boolean(confirmations[me.id]),
              confirmed: Object.keys(confirmations).length,
              parties: parties.length,
              effective: agreement.effective_at !== null,
            }
          : null,
        evidence: evidence.map((e) => ({
          id: Number(e.id),
          filename: e.filename,
          contentType: e.content_type,
          uploadedAt: new Date(e.uploaded_at).toISOString(),
        })),
      };
    },

    async uploadEvidence(
      token: string,
      input: { filename: string; contentType: string; data: string; note?: string },
    ) {
      const me = await partyByToken(token);
      const sent = Buffer.from(input.data, 'base64');
      if (sent.length === 0) throw unprocessable('body.data', 'the file is empty');
      if (sent.length > EVIDENCE_MAX_BYTES)
        throw unprocessable('body.data', `at most ${EVIDENCE_MAX_BYTES} bytes`);
      // a party's photo loses its EXIF (GPS position, device) like every photo the platform keeps
      let bytes: Buffer;
      try {
        bytes = stripMetadata(sent, input.contentType);
      } catch (e) {
        if (e instanceof UnreadablePhoto)
          throw unprocessable('body.data', `the photo cannot be read: ${e.message}`);
        throw e;
      }
      const status = await ctx.db
        .selectFrom('dispute')
        .select('status')
        .where('case_id', '=', me.case_id)
        .executeTakeFirstOrThrow();
      if (status.status === 'closed') throw conflict('the mediation is closed');
      const now = serverNow(ctx);
      return ctx.db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('dispute_evidence')
          .values({
            case_id: me.case_id,
            party_id: me.id,
            filename: input.filename,
            content_type: input.contentType,
            bytes,
            note: input.note ?? null,
            uploaded_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await ctx.services.cases.recordAction(trx, me.case_id, {
          action: 'mediation.evidence',
          at: now,
          payload: { partyId: me.id, filename: input.filename, size: bytes.length },
        });
        return { id: Number(r.id), filename: input.filename, size: bytes.length };
      });
    },

    /** The party confirms the agreement draft or a session record they attended. */
    async confirm(token: string, input: { what: 'agreement' } | { what: 'record'; sessionId: number }) {
      const me = await partyByToken(token);
      const now = serverNow(ctx);
      return ctx.db.transaction().execute(async (trx) => {
        const row = await lockDispute(trx, me.case_id);
        if (!row) throw notFound('mediation');
        if (row.status !== 'mediating')
          throw conflict(`nothing to confirm while the mediation is ${row.status}`);
        if (input.what === 'record') {
          const s = await trx
            .selectFrom('mediation_session')
            .selectAll()
            .where('id', '=', input.sessionId)
            .where('case_id', '=', me.case_id)
            .executeTakeFirst();
          if (!s?.attended.map(Number).includes(me.id))
            throw unprocessable('body.sessionId', 'no session record of yours with this id');
          if (!s.record) throw conflict('the session has no record yet');
          await trx
            .updateTable('mediation_session')
            .set({ confirmations: JSON.stringify({ ...s.confirmations, [me.id]: now.toISOString() }) })
            .where('id', '=', s.id)
            .execute();
          await ctx.services.cases.recordAction(trx, me.case_id, {
            action: 'mediation.confirm_record',
            at: now,
            payload: { partyId: me.id, sessionId: input.sessionId, online: true },
          });
          return { status: row.status, effective: false };
        }
        const next = { ...row };
        const result = await confirmAgreement(trx, row, next, me.id, now);
        const saved = await saveDispute(trx, row, next, now);
        await ctx.services.cases.recordAction(trx, me.case_id, {
          action: 'mediation.confirm_agreement',
          at: now,
          payload: { partyId: me.id, online: true, from: row.status, to: saved.status },
        });
        return { status: saved.status, effective: result.effective };
      });
    },
  };
}
