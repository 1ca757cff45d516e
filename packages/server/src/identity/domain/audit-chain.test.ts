import { describe, expect, it } from 'vitest';
import {
  type AuditContent,
  auditHash,
  type ChainRow,
  canonicalJson,
  firstBreak,
  GENESIS_HASH,
} from './audit-chain.ts';

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content: AuditContent = {
      id: i,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorUserId: 7,
      actorName: 'auditor',
      action: 'person.reveal',
      objectType: 'person',
      objectId: String(i),
      regionPath: '120000000000/',
      ip: '127.0.0.1',
      reason: `case ${i}`,
      detail: { b: 1, a: [1, { d: 2, c: 3 }] },
      prevHash: prev,
    };
    prev = auditHash(content);
    rows.push({ ...content, hash: prev });
  }
  return rows;
}

describe('the audit hash chain', () => {
  it('writes JSON with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    );
  });

  it('verifies an intact chain', () => {
    expect(firstBreak(chain(5), null)).toBeNull();
  });

  it.each<[string, (rows: ChainRow[]) => ChainRow[], { id: number; reason: string }]>([
    [
      'an edited reason',
      (r) => r.map((x) => (x.id === 3 ? { ...x, reason: 'nothing to see' } : x)),
      { id: 3, reason: 'hash_mismatch' },
    ],
    [
      'an edited time',
      (r) => r.map((x) => (x.id === 2 ? { ...x, at: new Date(0) } : x)),
      { id: 2, reason: 'hash_mismatch' },
    ],
    ['a deleted entry', (r) => r.filter((x) => x.id !== 2), { id: 3, reason: 'prev_mismatch' }],
    [
      'a rehashed entry',
      (r) => r.map((x) => (x.id === 4 ? { ...x, reason: 'x', hash: auditHash({ ...x, reason: 'x' }) } : x)),
      { id: 5, reason: 'prev_mismatch' },
    ],
    [
      'swapped entries',
      (r) => [r[0], r[2], r[1], r[3]].filter((x): x is ChainRow => !!x),
      { id: 3, reason: 'prev_mismatch' },
    ],
  ])('reports the first broken link after %s', (_what, tamper, expected) => {
    expect(firstBreak(tamper(chain(5)), null)).toEqual(expected);
  });

  it('continues from the previous batch', () => {
    const rows = chain(6);
    const first = rows.slice(0, 3);
    const last = first.at(-1) as ChainRow;
    expect(firstBreak(rows.slice(3), { id: last.id, hash: last.hash })).toBeNull();
    expect(firstBreak(rows.slice(4), { id: last.id, hash: last.hash })).toEqual({
      id: 5,
      reason: 'prev_mismatch',
    });
  });
});
