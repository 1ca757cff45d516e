import { createHash } from 'node:crypto';

/** The content of one audit entry that its hash covers (everything but the hash itself). */
export interface AuditContent {
  id: number;
  at: Date;
  actorUserId: number | null;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  regionPath: string | null;
  ip: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 over exactly the content fields (never the stored hash itself), in canonical JSON. */
export function auditHash(e: AuditContent): string {
  const content: AuditContent = {
    id: e.id,
    at: e.at,
    actorUserId: e.actorUserId,
    actorName: e.actorName,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    regionPath: e.regionPath,
    ip: e.ip,
    reason: e.reason,
    detail: e.detail,
    prevHash: e.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export interface ChainRow extends AuditContent {
  hash: string;
}

export type ChainBreak = { id: number; reason: 'hash_mismatch' | 'prev_mismatch' };

/**
 * Check a run of consecutive entries. `previous` is the entry before the first one (null at the
 * start of the chain). Returns the first broken link, or null when all verify.
 */
export function firstBreak(
  rows: ChainRow[],
  previous: { id: number; hash: string } | null,
): ChainBreak | null {
  let prev = previous;
  for (const row of rows) {
    if (row.prevHash !== (prev ? prev.hash : GENESIS_HASH)) return { id: row.id, reason: 'prev_mismatch' };
    if (auditHash(row) !== row.hash) return { id: row.id, reason: 'hash_mismatch' };
    prev = row;
  }
  return null;
}
