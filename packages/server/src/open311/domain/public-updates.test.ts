import { describe, expect, it } from 'vitest';
import { type HistoryRow, publicUpdates } from './public-updates.ts';

const at = new Date('2026-05-01T00:00:00Z');
const row = (id: number, action: string, from: string | null, to: string, payload = {}): HistoryRow => ({
  id,
  action,
  from_status: from,
  to_status: to,
  payload,
  at,
});

describe('public updates', () => {
  it.each([
    [row(1, 'report', null, 'reported', { description: 'lamp out' }), { status: 'reported', text: null }],
    [row(2, 'accept', 'reported', 'accepted', { comment: '已受理' }), { status: 'accepted', text: '已受理' }],
    [row(3, 'reject', 'reported', 'rejected', { reason: '不属于受理范围' }), { text: '不属于受理范围' }],
    [row(4, 'dispatch', 'accepted', 'dispatched', { unitId: 7, comment: 'internal words' }), { text: null }],
    [row(5, 'escalate', 'accepted', 'reported', { reason: 'need the street' }), { text: null }],
    [row(6, 'resolve', 'handling', 'resolved', { result: '已更换灯泡' }), { text: '已更换灯泡' }],
    [row(7, 'close', 'resolved', 'closed', { conclusion: '办结' }), { text: '办结' }],
    [
      row(8, 'rate', 'closed', 'closed', { rating: 'unsatisfied', comment: '还是不亮' }),
      { text: '还是不亮' },
    ],
    [row(9, 'reopen', 'closed', 'accepted', { reason: '又坏了' }), { status: 'accepted', text: '又坏了' }],
    [row(10, 'verify_fail', 'resolved', 'handling', { reason: 'photo unclear' }), { text: null }],
    [row(11, 'suspend', 'handling', 'suspended', { reason: 'waiting for parts' }), { text: null }],
  ])('shows %j as %j', (r, expected) => {
    expect(publicUpdates([r])[0]).toMatchObject(expected);
  });

  it.each([
    row(20, 'note', 'handling', 'handling', { text: '内部备注' }),
    row(21, 'copy_notify', 'handling', 'handling', { unitIds: [3] }),
    row(22, 'summons_done', 'handling', 'handling', { result: 'done' }),
    row(23, 'request_extension', 'handling', 'handling', { hours: 8, reason: 'x' }),
    row(24, 'attach', 'handling', 'handling', { sha256: ['a'.repeat(64)] }),
  ])('keeps internal work inside: %j', (r) => {
    expect(publicUpdates([r])).toEqual([]);
  });
});
