import { describe, expect, it } from 'vitest';
import { payloadProblems } from './action-payloads.ts';
import type { CaseAction } from './state-machine.ts';

const SHA = 'a'.repeat(64);

describe('action payloads', () => {
  it.each([
    ['accept', {}, []],
    ['reject', { reason: '不属于受理范围' }, []],
    ['reject', {}, ['body.payload.reason']],
    ['reject', { reason: '' }, ['body.payload.reason']],
    ['dispatch', { unitId: 12 }, []],
    ['dispatch', { unitId: 'twelve' }, ['body.payload.unitId']],
    ['summon', { unitIds: [1, 2, 3], reportInHours: 2 }, []],
    ['summon', { unitIds: [], reportInHours: 2 }, ['body.payload.unitIds']],
    ['summon', { unitIds: [1, 1], reportInHours: 2 }, ['body.payload.unitIds']],
    ['summon', { unitIds: [1] }, ['body.payload.reportInHours']],
    ['rate', { rating: 'satisfied', comment: '很及时' }, []],
    ['rate', { rating: 'great' }, ['body.payload.rating']],
    ['rate_summons', { unitId: 4, score: 6 }, ['body.payload.score']],
    ['resolve', { result: '已修复', evidence: [SHA] }, []],
    ['resolve', { result: '已修复', evidence: ['not-a-hash'] }, ['body.payload.evidence.0']],
    ['note', { text: '补充说明', colour: 'red' }, ['body.payload.colour']],
    ['request_extension', { hours: -1, reason: '等待配件' }, ['body.payload.hours']],
    ['merge', { intoCaseId: 3 }, []],
  ] as [CaseAction, unknown, string[]][])('%s %j', (action, payload, fields) => {
    expect([...new Set(payloadProblems(action, payload).map((p) => p.field))]).toEqual(fields);
  });

  it('refuses a payload that is not an object', () => {
    expect(payloadProblems('note', 'hello').map((p) => p.field)).toEqual(['body.payload']);
  });
});
