import type { TestApp } from './harness.ts';
import type { LoggedIn } from './login.ts';

/** Call the API as a logged-in user (or anonymously) and get status and JSON body. */
export function caller(t: TestApp) {
  return async (who: LoggedIn | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
    const res = await t.app.inject({
      method,
      url,
      headers: who?.headers ?? {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    if (res.statusCode >= 500) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    const json = res.headers['content-type']?.toString().includes('json') ? res.json() : null;
    // biome-ignore lint/suspicious/noExplicitAny: a test reads the JSON it gets back
    const body = json as any;
    return { status: res.statusCode, body, raw: res.rawPayload };
  };
}

export const A = {
  name: '赵大海',
  phone: '13800138001',
  idNumber: '120101198001011234',
  address: '和平区南京路1号',
};
export const B = {
  name: '钱小川',
  phone: '13900139002',
  idNumber: '120101198502022345',
  address: '和平区南京路3号',
};

/** The current month (China Standard Time) on the server clock. */
export const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

export function newDispute(gridCode: string, over: Record<string, unknown> = {}) {
  return {
    type: 'neighbour',
    gridCode,
    matter: '楼上住户装修噪音及漏水，双方多次争吵',
    amount: 3000,
    peopleInvolved: 2,
    riskLevel: 'medium',
    violenceSignals: ['repeated_conflict'],
    parties: [
      { side: 'applicant', kind: 'person', ...A },
      { side: 'respondent', kind: 'person', ...B },
    ],
    ...over,
  };
}
