import { describe, expect, it } from 'vitest';
import { type OfferFacts, offeredActions } from './offered-actions.ts';

const fresh: OfferFacts = {
  extendedDays: 0,
  followUpDone: false,
  sessions: 0,
  recordsToConfirm: 0,
  agreement: 'none',
  judicial: 'none',
  judicialOpen: false,
};

describe('what the dispute page offers', () => {
  it('a mediator of a fresh mediation may schedule, extend, draft or fail — not record or confirm', () => {
    expect(offeredActions('mediating', ['mediator'], fresh)).toEqual([
      'schedule_session',
      'extend',
      'draft_agreement',
      'fail',
    ]);
  });
  it('the centre offers nothing while the mediator mediates', () => {
    expect(offeredActions('mediating', ['centre'], fresh)).toEqual([]);
  });
  it('records, drafts and the extension limit follow the facts', () => {
    const f = { ...fresh, sessions: 2, recordsToConfirm: 1, agreement: 'draft' as const, extendedDays: 30 };
    expect(offeredActions('mediating', ['mediator'], f)).toEqual([
      'schedule_session',
      'record_session',
      'confirm_record',
      'draft_agreement',
      'confirm_agreement',
      'fail',
    ]);
  });
  it('judicial confirmation: applied within the window, answered once', () => {
    const agreed = { ...fresh, agreement: 'effective' as const, judicialOpen: true };
    expect(offeredActions('agreed', ['centre'], agreed)).toEqual(['perform', 'judicial_apply', 'close']);
    expect(offeredActions('agreed', ['centre'], { ...agreed, judicialOpen: false })).toEqual([
      'perform',
      'close',
    ]);
    expect(offeredActions('agreed', ['centre'], { ...agreed, judicial: 'waiting' })).toEqual([
      'perform',
      'judicial_answer',
      'close',
    ]);
  });
  it('the follow-up visit is offered once, after closing', () => {
    expect(offeredActions('closed', ['centre'], fresh)).toEqual(['follow_up']);
    expect(offeredActions('closed', ['centre'], { ...fresh, followUpDone: true })).toEqual([]);
    expect(offeredActions('closed', [], fresh)).toEqual([]);
  });
});
