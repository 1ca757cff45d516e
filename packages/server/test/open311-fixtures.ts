import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { AppContext } from '../src/context.ts';

/** Request categories made for these tests (independent of the demo seed's own categories). */
export const FIXTURE_CATEGORIES = [
  {
    code: 't311',
    kind: 'request' as const,
    parent_code: null,
    name_zh: '测试市政设施',
    name_en: 'Test public works',
    attributes: [],
    open_to_residents: true,
    sort_order: 900,
  },
  {
    code: 't311.lamp',
    kind: 'request' as const,
    parent_code: 't311',
    name_zh: '路灯不亮',
    name_en: 'Street light out',
    attributes: [
      { code: 'pole', label_zh: '灯杆编号', label_en: 'Pole number', type: 'text', required: true },
      {
        code: 'fault',
        label_zh: '故障类型',
        label_en: 'Fault',
        type: 'single',
        required: false,
        options: [
          { value: 'dark', label_zh: '不亮', label_en: 'Dark' },
          { value: 'flicker', label_zh: '闪烁', label_en: 'Flickering' },
        ],
      },
      {
        code: 'parts',
        label_zh: '损坏部位',
        label_en: 'Damaged parts',
        type: 'multiple',
        required: false,
        options: [
          { value: 'bulb', label_zh: '灯泡', label_en: 'Bulb' },
          { value: 'cover', label_zh: '灯罩', label_en: 'Cover' },
        ],
      },
    ],
    open_to_residents: true,
    sort_order: 1,
  },
  {
    code: 't311.pothole',
    kind: 'request' as const,
    parent_code: 't311',
    name_zh: '路面坑洼',
    name_en: 'Pothole',
    attributes: [],
    open_to_residents: true,
    sort_order: 2,
  },
  {
    code: 't311.internal',
    kind: 'request' as const,
    parent_code: 't311',
    name_zh: '内部事项',
    name_en: 'Internal matter',
    attributes: [],
    open_to_residents: false,
    sort_order: 3,
  },
];

export async function insertFixtureCategories(ctx: AppContext) {
  // the jurisdiction: the demo city (inserted only when the demo seed has not made it)
  await ctx.db
    .insertInto('region')
    .values({ code: '120000000000', level: 'city', name: '天津市', path: '120000000000/', depth: 0 })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  for (const c of FIXTURE_CATEGORIES)
    await ctx.db
      .insertInto('case_category')
      .values({ ...c, attributes: JSON.stringify(c.attributes), time_limits: JSON.stringify({}) })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  await ctx.db
    .insertInto('case_category')
    .values({
      code: 't311.retired',
      kind: 'request',
      parent_code: 't311',
      name_zh: '已停用',
      name_en: 'Retired',
      attributes: '[]',
      time_limits: '{}',
      open_to_residents: true,
      retired_at: new Date(),
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

const LISTS = ['service', 'request', 'request_update', 'error', 'attribute', 'value', 'endpoint', 'format'];
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => LISTS.includes(name) });

/** An XML answer: well-formed, declared UTF-8, served as text/xml; parsed with list items as arrays. */
export function xmlOf(res: LightMyRequestResponse) {
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(XMLValidator.validate(res.body)).toBe(true);
  return parser.parse(res.body);
}

/** A JSON answer served as application/json; charset=utf-8. */
export function jsonOf(res: LightMyRequestResponse) {
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return res.json();
}

/** An API key made by the city administrator through the tokens API (what an integrator is given). */
export async function apiKeyFor(app: import('fastify').FastifyInstance, username = 'admin'): Promise<string> {
  const { loginAs } = await import('./login.ts');
  const admin = await loginAs(app, username);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: admin.headers,
    payload: { name: 'open311 test client' },
  });
  if (res.statusCode !== 201) throw new Error(`token: ${res.statusCode} ${res.body}`);
  return res.json().token;
}

/** The grid of the demo grid worker (its community's operator is `community_op`). */
export async function demoGrid(app: import('fastify').FastifyInstance): Promise<string> {
  const { loginAs } = await import('./login.ts');
  const me = await app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: (await loginAs(app, 'gridworker')).headers,
  });
  const posts = me.json().posts as { role: string; gridCodes?: string[]; regionCode?: string | null }[];
  const post = posts.find((p) => p.role === 'grid_worker');
  const code = post?.gridCodes?.[0] ?? post?.regionCode;
  if (!code) throw new Error(`no grid for gridworker: ${me.body}`);
  return code;
}

/** A form-encoded body (the spec's POST format), with repeated keys for lists. */
export function form(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
