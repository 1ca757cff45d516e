import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { seedTianjinRegions } from '../regions/index.ts';
import type { Role } from './actor.ts';
import { CENTRE_SUFFIX, DEPARTMENT_TYPES, MEDIATION_NAMES } from './domain/unit-catalog.ts';
import { passwordHasher } from './passwords.ts';

export const DEMO_PASSWORD = 'Demo@2026';
export const CITY = '120000000000';
export const HEPING = '120101000000';
export const HEXI = '120103000000';

/** Where a demo user's post sits: a unit by code (`centre:<region>`, `<type>:<region>`) and/or a region. */
interface DemoPost {
  role: Role;
  unit?: (p: DemoPlaces) => string;
  region: (p: DemoPlaces) => string;
}
export interface DemoPlaces {
  street: string;
  community: string;
  grid: string;
}
export interface DemoUser {
  username: string;
  displayName: string;
  description: string;
  post: DemoPost;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'gridworker',
    displayName: '网格员 王芳',
    description: 'grid worker of a 和平区 grid',
    post: { role: 'grid_worker', unit: (p) => `centre:${p.community}`, region: (p) => p.grid },
  },
  {
    username: 'community_op',
    displayName: '社区综治中心 李明',
    description: "operator of that grid's community centre",
    post: { role: 'centre_operator', unit: (p) => `centre:${p.community}`, region: (p) => p.community },
  },
  {
    username: 'street_op',
    displayName: '街道综治中心 张伟',
    description: "operator of that community's street centre",
    post: { role: 'centre_operator', unit: (p) => `centre:${p.street}`, region: (p) => p.street },
  },
  {
    username: 'district_op',
    displayName: '和平区综治中心 刘洋',
    description: 'operator of the 和平区 centre',
    post: { role: 'centre_operator', unit: () => `centre:${HEPING}`, region: () => HEPING },
  },
  {
    username: 'urban_handler',
    displayName: '和平区城管委 陈静',
    description: '和平区 urban management handler',
    post: { role: 'department_handler', unit: () => `urban_management:${HEPING}`, region: () => HEPING },
  },
  {
    username: 'housing_handler',
    displayName: '和平区住建委 杨帆',
    description: '和平区 housing handler',
    post: { role: 'department_handler', unit: () => `housing:${HEPING}`, region: () => HEPING },
  },
  {
    username: 'police_handler',
    displayName: '和平公安分局 赵强',
    description: '和平区 public security handler',
    post: { role: 'department_handler', unit: () => `public_security:${HEPING}`, region: () => HEPING },
  },
  {
    username: 'urban_station',
    displayName: '城管执法中队 马超',
    description: "urban management station of that community's street",
    post: {
      role: 'department_handler',
      unit: (p) => `urban_management:${p.street}`,
      region: (p) => p.street,
    },
  },
  {
    username: 'police_station',
    displayName: '派出所 高远',
    description: "police station of that community's street",
    post: { role: 'department_handler', unit: (p) => `public_security:${p.street}`, region: (p) => p.street },
  },
  {
    username: 'justice_station',
    displayName: '司法所 钱进',
    description: "justice station of that community's street",
    post: { role: 'department_handler', unit: (p) => `justice:${p.street}`, region: (p) => p.street },
  },
  {
    username: 'mediator',
    displayName: '人民调解员 孙丽',
    description: "和平区 people's mediation committee",
    post: { role: 'mediator', unit: () => `people:${HEPING}`, region: () => HEPING },
  },
  {
    username: 'inspector',
    displayName: '安全检查员 周勇',
    description: '和平区 inspector',
    post: { role: 'inspector', region: () => HEPING },
  },
  {
    username: 'leader',
    displayName: '和平区领导 吴刚',
    description: '和平区 leader',
    post: { role: 'leader', unit: () => `centre:${HEPING}`, region: () => HEPING },
  },
  {
    username: 'district_admin',
    displayName: '和平区管理员 郑洁',
    description: '和平区 administrator',
    post: { role: 'admin', region: () => HEPING },
  },
  {
    username: 'city_leader',
    displayName: '市领导 冯军',
    description: 'city leader',
    post: { role: 'leader', unit: () => `centre:${CITY}`, region: () => CITY },
  },
  {
    username: 'admin',
    displayName: '系统管理员 何平',
    description: 'city administrator',
    post: { role: 'admin', region: () => CITY },
  },
  {
    username: 'auditor',
    displayName: '审计员 许诺',
    description: 'city auditor (reads the audit log)',
    post: { role: 'auditor', region: () => CITY },
  },
  {
    username: 'hexi_op',
    displayName: '河西区综治中心 林涛',
    description: 'operator of the 河西区 centre (another district)',
    post: { role: 'centre_operator', unit: () => `centre:${HEXI}`, region: () => HEXI },
  },
];

/** The 和平区 street, community and grid the demo users work in: the first of each by code. */
export async function demoPlaces(ctx: AppContext): Promise<DemoPlaces> {
  const first = async (parent: string, level: string) => {
    const r = await ctx.db
      .selectFrom('region')
      .select('code')
      .where('parent_code', '=', parent)
      .where('level', '=', level as 'street')
      .where('retired_at', 'is', null)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    return r.code;
  };
  const street = await first(HEPING, 'street');
  const community = await first(street, 'community');
  return { street, community, grid: await first(community, 'grid') };
}

const STATION_TYPES = DEPARTMENT_TYPES.filter((d) => d.station);

/** Every unit of the demo city, set-based (a few statements, whatever the number of regions). */
async function seedUnits(ctx: AppContext) {
  const types = JSON.stringify(
    DEPARTMENT_TYPES.map((d) => ({
      type: d.type,
      city: d.city,
      district: d.district,
      station: d.station ?? null,
    })),
  );
  const stations = JSON.stringify(STATION_TYPES.map((d) => ({ type: d.type, station: d.station })));
  const mediation = MEDIATION_NAMES.people;
  await ctx.db.transaction().execute(async (trx) => {
    await sql`insert into unit (code, name, kind, department_type, level, region_code, region_path)
      select 'centre:' || code, name || ${CENTRE_SUFFIX}, 'centre', null, level, code, path from region
      where level in ('city', 'district', 'street', 'community') and retired_at is null
      on conflict (code) do nothing`.execute(trx);
    await sql`insert into unit (code, name, kind, department_type, level, region_code, region_path)
      select d.type || ':' || r.code, r.name || case when r.level = 'city' then d.city else d.district end,
             'department', d.type, r.level, r.code, r.path
      from region r cross join jsonb_to_recordset(${types}::jsonb) as d(type text, city text, district text, station text)
      where r.level in ('city', 'district') and r.retired_at is null
      on conflict (code) do nothing`.execute(trx);
    await sql`insert into unit (code, name, kind, department_type, level, region_code, region_path)
      select d.type || ':' || r.code, r.name || d.station, 'station', d.type, r.level, r.code, r.path
      from region r cross join jsonb_to_recordset(${stations}::jsonb) as d(type text, station text)
      where r.level = 'street' and r.retired_at is null
      on conflict (code) do nothing`.execute(trx);
    await sql`insert into unit (code, name, kind, department_type, level, region_code, region_path)
      select 'people:' || code, name || ${mediation}, 'mediation', 'people', level, code, path from region
      where level in ('district', 'street') and retired_at is null
      on conflict (code) do nothing`.execute(trx);
    // Parents: a centre's is the centre above; a district department's the city's of that type;
    // a station's its district department; a mediation committee's the one above, or the justice bureau.
    await sql`update unit u set parent_id = p.id from region r, unit p
      where u.parent_id is null and r.code = u.region_code and r.parent_code is not null and p.code = case
        when u.kind = 'centre' then 'centre:' || r.parent_code
        when u.kind = 'mediation' and u.level = 'district' then 'justice:' || u.region_code
        else u.department_type || ':' || r.parent_code end`.execute(trx);
  });
}

async function seedUsers(ctx: AppContext) {
  const places = await demoPlaces(ctx);
  const existing = await ctx.db.selectFrom('app_user').select('username').execute();
  const have = new Set(existing.map((e) => e.username));
  const todo = DEMO_USERS.filter((u) => !have.has(u.username));
  const hashes = await Promise.all(todo.map(() => passwordHasher.hash(DEMO_PASSWORD)));
  await ctx.db.transaction().execute(async (trx) => {
    for (const [i, u] of todo.entries()) {
      const regionCode = u.post.region(places);
      const region = await trx
        .selectFrom('region')
        .select('path')
        .where('code', '=', regionCode)
        .executeTakeFirstOrThrow();
      const unitCode = u.post.unit?.(places);
      const unit = unitCode
        ? await trx.selectFrom('unit').select('id').where('code', '=', unitCode).executeTakeFirstOrThrow()
        : undefined;
      const user = await trx
        .insertInto('app_user')
        .values({ username: u.username, display_name: u.displayName, password_hash: hashes[i] ?? '' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('user_post')
        .values({
          user_id: user.id,
          role: u.post.role,
          unit_id: unit ? unit.id : null,
          region_code: regionCode,
          region_path: region.path,
        })
        .execute();
    }
  });
}

/** Units for every region of the demo city and one demo user per role (password DEMO_PASSWORD). */
export async function seedIdentityDemo(ctx: AppContext): Promise<void> {
  // Identity's demo needs the demo city; the regions seed is idempotent (a no-op once seeded).
  await seedTianjinRegions(ctx);
  const started = Date.now();
  await seedUnits(ctx);
  await seedUsers(ctx);
  ctx.log.info({ ms: Date.now() - started }, 'identity demo seeded');
}
