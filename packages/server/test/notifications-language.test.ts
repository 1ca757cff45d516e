import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCommunity, insertReportedCase } from './cases-time-fixtures.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * Notification titles are answered in the reader's language (Accept-Language), from a key and
 * a subject the server stores; the key and subject are in the answer for clients of their own.
 */
let t: TestApp;
let communityOp: LoggedIn;
const NUMBER = '120101-2026-610001';

beforeAll(async () => {
  process.env.CASES_PERIODIC_MS = '0';
  t = await createTestApp();
  communityOp = await loginAs(t.app, 'community_op');
  const place = await demoCommunity(t.ctx, communityOp.unitIds[0] as number);
  const c = await insertReportedCase(t.ctx, place, {
    start: new Date('2026-11-23T09:00:00+08:00'),
    number: NUMBER,
  });
  await t.ctx.services.sweeper.sweep({ now: new Date(c.warnAt.getTime() + 60_000) });
});
afterAll(async () => {
  await t?.close();
});

const yellow = async (lang?: string) => {
  const res = await t.app.inject({
    url: '/api/v1/notifications',
    headers: { ...communityOp.headers, ...(lang ? { 'accept-language': lang } : {}) },
  });
  expect(res.statusCode).toBe(200);
  return (res.json().items as { kind: string; caseNumber: string; title: string }[]).find(
    (n) => n.kind === 'yellow_card' && n.caseNumber === NUMBER,
  );
};

describe('notification titles in the reader’s language', () => {
  it('answers Chinese by default and for zh-CN, English for en, with the key and subject', async () => {
    const zh = await yellow();
    expect(zh).toMatchObject({ titleKey: 'yellow_card' });
    expect(zh?.title).toMatch(new RegExp(`^黄牌预警：${NUMBER} `));
    expect((await yellow('zh-CN,zh;q=0.9'))?.title).toBe(zh?.title);
    const en = await yellow('en-GB,en;q=0.8');
    expect(en?.title).toMatch(new RegExp(`^Yellow card: ${NUMBER} `));
    expect(en?.title).not.toMatch(/黄牌/);
    expect((en as unknown as { subject: string }).subject).toMatch(new RegExp(`^${NUMBER} `));
  });
});
