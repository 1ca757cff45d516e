import { sql } from 'kysely';
import { computeStepDeadline } from '../src/cases/domain/deadlines.ts';
import type { AppContext } from '../src/context.ts';

/** The 和平区 community of the demo users, its centre, and one of its grids. */
export async function demoCommunity(ctx: AppContext, centreUnitId: number) {
  const unit = await ctx.db
    .selectFrom('unit')
    .select(['id', 'region_code', 'region_path', 'parent_id'])
    .where('id', '=', centreUnitId)
    .executeTakeFirstOrThrow();
  const grid = await ctx.db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('path', 'like', `${unit.region_path}%`)
    .where('level', '=', 'grid')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return { unit, grid };
}

/**
 * A resident's request as intake leaves it (status reported, waiting for the community centre
 * to accept, the accept step's clock running from `start`), written directly so the sweeper can
 * be driven with an explicit `now`.
 */
export async function insertReportedCase(
  ctx: AppContext,
  place: Awaited<ReturnType<typeof demoCommunity>>,
  options: { start: Date; number: string; closed?: boolean; lon?: number; lat?: number },
) {
  const limits = { community: { accept: { value: 2, unit: 'working_hours' as const }, yellow: 0.5, red: 1 } };
  const d = computeStepDeadline({
    limits,
    level: 'community',
    step: 'accept',
    start: options.start,
    calendar: ctx.services.calendar.current(),
  });
  const code = place.grid.code;
  const row = await ctx.db
    .insertInto('cases')
    .values({
      city_code: `${code.slice(0, 2)}0000000000`,
      district_code: `${code.slice(0, 6)}000000`,
      street_code: `${code.slice(0, 9)}000`,
      community_code: code.slice(0, 12),
      grid_code: code,
      region_path: place.grid.path,
      number: options.number,
      kind: 'request',
      category_code: 'request.street_light',
      attributes: '{}',
      title: '路灯不亮',
      description: '小区门口路灯坏了一周',
      lon: options.lon ?? null,
      lat: options.lat ?? null,
      channel: 'portal',
      status: options.closed ? 'closed' : 'reported',
      level: 'community',
      current_unit_id: place.unit.id,
      centre_unit_id: place.unit.id,
      step: 'accept',
      step_started_at: options.start,
      warn_at: d.warnAt,
      due_at: d.dueAt,
      reported_at: options.start,
      closed_at: options.closed ? options.start : null,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  await sql`insert into case_action (city_code, district_code, case_id, seq, action, from_status, to_status, at)
            values (${`${code.slice(0, 2)}0000000000`}, ${`${code.slice(0, 6)}000000`}, ${row.id}, 1, 'report', null, 'reported', ${options.start})`.execute(
    ctx.db,
  );
  return { id: Number(row.id), number: row.number, ...d };
}
