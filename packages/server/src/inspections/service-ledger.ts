import ExcelJS from 'exceljs';
import type { AppContext } from '../context.ts';
import type { Actor } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { campaignBoard, campaignIn } from './service-campaigns.ts';

/** The campaign's ledger (台账) as an Excel workbook: the board, every place in scope, every hazard. */
export async function campaignLedger(
  ctx: AppContext,
  actor: Actor,
  id: number,
  regionCode?: string,
): Promise<Buffer> {
  const board = await campaignBoard(ctx, actor, id, regionCode);
  const { c, region } = await campaignIn(ctx, actor, id, regionCode);
  const now = serverNow(ctx);
  const places = await ctx.db
    .selectFrom('place')
    .select((eb) => [
      'place.id',
      'place.key',
      'place.name',
      'place.place_type',
      'place.grid_code',
      'place.risk_tier',
      eb
        .selectFrom('inspection')
        .select((e) => e.fn.max('inspection.at').as('at'))
        .whereRef('inspection.place_id', '=', 'place.id')
        .where('inspection.campaign_id', '=', c.id)
        .as('visited_at'),
    ])
    .where('region_path', 'like', `${region.path}%`)
    .where('retired_at', 'is', null)
    .where('place_type', 'in', c.place_types.length ? c.place_types : [''])
    .orderBy('id')
    .execute();
  const hazards = await ctx.db
    .selectFrom('hazard')
    .innerJoin('place', 'place.id', 'hazard.place_id')
    .select([
      'hazard.id',
      'place.key',
      'place.name',
      'hazard.item_code',
      'hazard.item_text',
      'hazard.severity',
      'hazard.status',
      'hazard.found_at',
      'hazard.deadline_at',
      'hazard.closed_at',
      'hazard.case_number',
      'hazard.recurrence',
      'hazard.grid_code',
    ])
    .where('hazard.campaign_id', '=', c.id)
    .where('hazard.region_path', 'like', `${region.path}%`)
    .orderBy('hazard.id')
    .execute();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CivicGrid';
  const summary = wb.addWorksheet('进度 Board');
  summary.addRow([c.name, `${board.campaign.startsOn} — ${board.campaign.endsOn}`]);
  summary.addRow([
    '区域 Region',
    '应查 Due',
    '已查 Visited',
    '发现隐患 Found',
    '已整改 Fixed',
    '逾期 Overdue',
    '覆盖率 Coverage',
    '整改率 Fixed rate',
  ]);
  for (const r of [...board.children, board.total])
    summary.addRow([r.name, r.due, r.visited, r.found, r.fixed, r.overdue, r.coverage, r.fixedRate]);
  const sheet = wb.addWorksheet('场所 Places');
  sheet.addRow(['编号 Key', '名称 Name', '类型 Type', '网格 Grid', '风险 Risk', '检查时间 Visited at']);
  for (const p of places)
    sheet.addRow([
      p.key,
      p.name,
      p.place_type,
      p.grid_code,
      p.risk_tier,
      p.visited_at ? new Date(p.visited_at as Date) : '',
    ]);
  const hs = wb.addWorksheet('隐患 Hazards');
  hs.addRow([
    '编号 Id',
    '场所 Place',
    '名称 Name',
    '检查项 Item',
    '内容 Text',
    '等级 Severity',
    '状态 Status',
    '发现 Found',
    '期限 Deadline',
    '销号 Closed',
    '案件 Case',
    '回潮 Recurrence',
    '逾期 Overdue',
    '网格 Grid',
  ]);
  for (const h of hazards)
    hs.addRow([
      Number(h.id),
      h.key,
      h.name,
      h.item_code,
      h.item_text,
      h.severity,
      h.status,
      new Date(h.found_at),
      new Date(h.deadline_at),
      h.closed_at ? new Date(h.closed_at) : '',
      h.case_number ?? '',
      h.recurrence ? '是 yes' : '',
      h.status === 'open' && new Date(h.deadline_at) < now ? '是 yes' : '',
      h.grid_code,
    ]);
  for (const ws of [summary, sheet, hs])
    ws.columns.forEach((col) => {
      col.width = 16;
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
