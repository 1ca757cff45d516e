import { type Kysely, type Selectable, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { auditHash, type ChainBreak, type ChainRow, firstBreak } from './domain/audit-chain.ts';
import { scopeOf } from './domain/policy.ts';
import type { AuditLogTable } from './tables.ts';

/** What happened, by whom, to which record, where, and why. */
export interface AuditEvent {
  /** The acting user (or give actorUserId/actorName directly, e.g. for a failed log-in). */
  actor?: Actor | null;
  actorUserId?: number | null;
  actorName?: string | null;
  /** Dotted verb: 'auth.login', 'person.reveal', 'user.create', 'unit.retire', … */
  action: string;
  objectType?: string | null;
  objectId?: string | number | null;
  /** The place the record belongs to: whose auditors may read this entry (null: city-wide only). */
  regionPath?: string | null;
  ip?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  regionPath: string | null;
  ip: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
  hash: string;
}

export interface AuditQuery {
  action?: string;
  actorUserId?: number;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
  cursor?: number;
  limit?: number;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  lastId: number;
  firstBroken: (ChainBreak | { id: number; reason: 'head_mismatch' }) | null;
}

function toChainRow(r: Selectable<AuditLogTable>): ChainRow {
  return {
    id: Number(r.id),
    at: r.at,
    actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
    actorName: r.actor_name,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    regionPath: r.region_path,
    ip: r.ip,
    reason: r.reason,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The append-only, hash-chained audit log. */
export function createAuditService(db: Db) {
  async function append(trx: Kysely<DB>, event: AuditEvent): Promise<{ id: number; hash: string }> {
    // Lock the chain head: appends from concurrent transactions queue here and stay one chain.
    const head = await trx
      .selectFrom('audit_head')
      .selectAll()
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const content = {
      id: Number(head.last_id) + 1,
      at: new Date(),
      actorUserId: event.actor?.userId ?? event.actorUserId ?? null,
      actorName: event.actor?.username ?? event.actorName ?? null,
      action: event.action,
      objectType: event.objectType ?? null,
      objectId: event.objectId == null ? null : String(event.objectId),
      regionPath: event.regionPath ?? null,
      ip: event.ip ?? null,
      reason: event.reason ?? null,
      detail: JSON.parse(JSON.stringify(event.detail ?? {})) as Record<string, unknown>,
      prevHash: head.last_hash,
    };
    const hash = auditHash(content);
    await trx
      .insertInto('audit_log')
      .values({
        id: content.id,
        at: content.at,
        actor_user_id: content.actorUserId,
        actor_name: content.actorName,
        action: content.action,
        object_type: content.objectType,
        object_id: content.objectId,
        region_path: content.regionPath,
        ip: content.ip,
        reason: content.reason,
        detail: JSON.stringify(content.detail),
        prev_hash: content.prevHash,
        hash,
      })
      .execute();
    await trx
      .updateTable('audit_head')
      .set({ last_id: content.id, last_hash: hash })
      .where('id', '=', 1)
      .execute();
    return { id: content.id, hash };
  }

  return {
    /** Append an entry inside the caller's transaction (opens one when given the plain db). */
    record(trx: Kysely<DB>, event: AuditEvent): Promise<{ id: number; hash: string }> {
      if (trx.isTransaction) return append(trx, event);
      return trx.transaction().execute((t) => append(t, event));
    },

    /** Walk the whole chain in id order; report the first broken link. */
    async verify(batchSize = 5000): Promise<VerifyResult> {
      let previous: { id: number; hash: string } | null = null;
      let checked = 0;
      for (;;) {
        const rows = await db
          .selectFrom('audit_log')
          .selectAll()
          .$if(previous !== null, (q) => q.where('id', '>', previous?.id ?? 0))
          .orderBy('id')
          .limit(batchSize)
          .execute();
        const chain = rows.map(toChainRow);
        const broken = firstBreak(chain, previous);
        if (broken)
          return {
            ok: false,
            checked: checked + chain.findIndex((c) => c.id === broken.id),
            lastId: previous?.id ?? 0,
            firstBroken: broken,
          };
        checked += chain.length;
        const last = chain.at(-1);
        if (last) previous = { id: last.id, hash: last.hash };
        if (rows.length < batchSize) break;
      }
      const head = await db
        .selectFrom('audit_head')
        .selectAll()
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      const lastId = previous?.id ?? 0;
      // Rows cut off the end of the chain leave the head pointing past the last row.
      if (Number(head.last_id) !== lastId || (previous && head.last_hash !== previous.hash))
        return { ok: false, checked, lastId, firstBroken: { id: lastId + 1, reason: 'head_mismatch' } };
      return { ok: true, checked, lastId, firstBroken: null };
    },

    /** Entries in the actor's audit scope, newest first; `cursor` is the last id seen. */
    async list(actor: Actor, q: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: number | null }> {
      const scope = scopeOf(actor, 'audit.read');
      if (scope.regionPaths.length === 0) return { items: [], nextCursor: null };
      const limit = Math.min(q.limit ?? 50, 500);
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where((eb) =>
          eb.or([
            ...scope.regionPaths.map((p) => eb('region_path', 'like', `${p}%`)),
            ...(scope.citywide ? [eb('region_path', 'is', null)] : []),
          ]),
        )
        .$if(q.action !== undefined, (b) => b.where('action', '=', q.action ?? ''))
        .$if(q.actorUserId !== undefined, (b) => b.where('actor_user_id', '=', q.actorUserId ?? 0))
        .$if(q.objectType !== undefined, (b) => b.where('object_type', '=', q.objectType ?? ''))
        .$if(q.objectId !== undefined, (b) => b.where('object_id', '=', q.objectId ?? ''))
        .$if(q.from !== undefined, (b) => b.where('at', '>=', new Date(q.from ?? 0)))
        .$if(q.to !== undefined, (b) => b.where('at', '<', new Date(q.to ?? 0)))
        .$if(q.cursor !== undefined, (b) => b.where('id', '<', q.cursor ?? 0))
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map((r) => {
        const c = toChainRow(r);
        const { prevHash: _prev, at, ...rest } = c;
        return { ...rest, at: at.toISOString() };
      });
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },

    /** How many entries there are (the figure the chain is checked against). */
    async count(): Promise<number> {
      const r = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db);
      return r.rows[0]?.n ?? 0;
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
