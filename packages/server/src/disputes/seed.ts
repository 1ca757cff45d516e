import { sql } from 'kysely';
import type { AppContext } from '../context.ts';

/** Org type and the dispute types it takes, for each kind of mediation unit the identity seed made. */
const FROM_UNIT: Record<string, { type: string; kinds: string[] }> = {
  people: { type: 'people_district', kinds: [] },
  administrative: { type: 'administrative', kinds: ['land', 'demolition', 'labour', 'consumer'] },
  judicial: { type: 'court', kinds: [] },
  industry: { type: 'industry', kinds: ['medical', 'property_management', 'labour', 'traffic', 'consumer'] },
};
const NAMES = [
  '王建国',
  '李秀英',
  '张志强',
  '刘桂兰',
  '陈德明',
  '杨淑华',
  '赵振华',
  '黄丽娟',
  '周国栋',
  '吴玉梅',
];
const SPECIALTIES: Record<string, string[][]> = {
  social: [['neighbour', 'family'], ['property_management']],
  people_district: [
    ['neighbour', 'family'],
    ['contract', 'property_management'],
  ],
  people_street: [
    ['neighbour', 'family', 'property_management'],
    ['labour', 'contract'],
  ],
  people_community: [['neighbour', 'family'], ['neighbour']],
  administrative: [['land', 'demolition'], ['labour']],
  court: [['contract', 'traffic'], ['family']],
  industry: [['medical'], ['traffic', 'consumer']],
};

/**
 * The demo registry: an organisation for each mediation unit (people's, administrative,
 * court-annexed, industry) of every district, plus the demo street's and community's people's
 * mediation committees, two mediators each; the demo `mediator` user is a mediator of the 和平区
 * people's committee. Also the two dispute categories the case taxonomy lacks (consumer, traffic).
 */
export async function seedDisputes(ctx: AppContext): Promise<void> {
  await sql`
    insert into case_category (code, kind, parent_code, name_zh, name_en, responsible_unit_type, time_limits,
      duplicate_radius_m, duplicate_window_hours, attributes, open_to_residents, sort_order)
    select v.code, c.kind, c.parent_code, v.zh, v.en, 'centre', c.time_limits, c.duplicate_radius_m,
      c.duplicate_window_hours, c.attributes, false, c.sort_order
    from case_category c, (values ('dispute.consumer', '消费纠纷', 'Consumer dispute'),
                                  ('dispute.traffic', '交通事故纠纷', 'Traffic accident dispute')) v(code, zh, en)
    where c.code = 'dispute.contract'
    on conflict (code) do nothing`.execute(ctx.db);
  const exists = await ctx.db.selectFrom('mediation_org').select('id').limit(1).executeTakeFirst();
  if (exists) return;
  const units = await ctx.db
    .selectFrom('unit')
    .select(['id', 'name', 'department_type', 'level', 'region_code', 'region_path', 'phone'])
    .where('kind', '=', 'mediation')
    .where('retired_at', 'is', null)
    .orderBy('id')
    .execute();
  const heping = await ctx.db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('code', '=', '120101000000')
    .executeTakeFirst();
  const street = heping && (await firstChild(ctx, heping.code));
  const community = street ? await firstChild(ctx, street.code) : undefined;
  const orgs = units.flatMap((u) => {
    const m = FROM_UNIT[u.department_type ?? ''];
    // a people's committee is the district's, a street's or a community's, by the unit's level
    const type = m?.type === 'people_district' && u.level !== 'district' ? `people_${u.level}` : m?.type;
    return m
      ? [
          {
            city_code: u.region_path.split('/')[0] as string,
            name: u.name,
            type: type as string,
            region_code: u.region_code,
            region_path: u.region_path,
            kinds: m.kinds,
            unit_id: Number(u.id) as number | null,
            phone: u.phone,
          },
        ]
      : [];
  });
  const extra: [typeof heping, string, string, string[]][] = [
    [community, `${community?.name}人民调解委员会`, 'people_community', []],
    [heping, '和平区医疗纠纷人民调解委员会', 'industry', ['medical']],
    [heping, '和平区物业纠纷人民调解委员会', 'industry', ['property_management']],
    [heping, '和平区交通事故纠纷人民调解委员会', 'industry', ['traffic', 'consumer']],
    [heping, '和平区劳动人事争议调解中心', 'administrative', ['labour']],
    [heping, '和平区人民法院诉调对接中心', 'court', []],
    [heping, '和平区和谐邻里调解工作室', 'social', ['neighbour', 'family', 'property_management']],
  ];
  for (const [r, name, type, kinds] of extra)
    if (r)
      orgs.push({
        city_code: r.path.split('/')[0] as string,
        name,
        type,
        region_code: r.code,
        region_path: r.path,
        kinds,
        unit_id: null,
        phone: '022-23300000',
      });
  if (orgs.length === 0) return;
  const made = await ctx.db
    .insertInto('mediation_org')
    .values(orgs)
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'type', 'region_code', 'unit_id'])
    .execute();
  const demoMediator = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'mediator')
    .executeTakeFirst();
  let n = 0;
  const mediators = made.flatMap((o) =>
    (SPECIALTIES[o.type] ?? [[]]).map((specialties, i) => ({
      org_id: Number(o.id),
      name: NAMES[n++ % NAMES.length] as string,
      specialties,
      user_id:
        o.type === 'people_district' && o.region_code === '120101000000' && i === 0 && demoMediator
          ? Number(demoMediator.id)
          : null,
    })),
  );
  await ctx.db.insertInto('mediator').values(mediators).execute();
}

async function firstChild(ctx: AppContext, parent: string) {
  return ctx.db
    .selectFrom('region')
    .select(['code', 'path', 'name'])
    .where('parent_code', '=', parent)
    .where('retired_at', 'is', null)
    .orderBy('code')
    .executeTakeFirst();
}
