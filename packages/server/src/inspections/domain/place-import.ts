import type { FieldError } from '../../http/problem.ts';
import { isPlaceType, type PlaceType, RISK_TIERS, type RiskTier } from './places.ts';

/**
 * One row of a places spreadsheet, read into a place or into the errors of its cells. Columns
 * are found by their English or Chinese header. Pure: locating the point is the service's part.
 */

export type Cell = string | number | null;

export const COLUMNS = {
  key: ['key', '编号'],
  name: ['name', '名称'],
  type: ['type', '类型'],
  sizeClass: ['size', '规模'],
  areaM2: ['area', '面积'],
  address: ['address', '地址'],
  lon: ['lon', '经度'],
  lat: ['lat', '纬度'],
  gridCode: ['grid', '网格'],
  safetyGridCode: ['safetygrid', '专属网格'],
  riskTier: ['risk', '风险等级'],
  responsibleName: ['responsible', '负责人'],
  responsiblePhone: ['phone', '负责人电话'],
  licences: ['licences', '证照'],
} as const;
export type Column = keyof typeof COLUMNS;

const TYPE_NAMES: Record<string, PlaceType> = {
  小商店: 'shop',
  小餐饮: 'restaurant',
  小作坊: 'workshop',
  出租房屋: 'rental',
  学校: 'school',
  医院: 'hospital',
  企业: 'enterprise',
  建筑工地: 'construction_site',
  市场: 'market',
  旅馆: 'hotel',
  场馆: 'venue',
};
const TIER_NAMES: Record<string, RiskTier> = { 高: 'high', 中: 'medium', 低: 'low' };
const SIZE_NAMES: Record<string, 'small' | 'medium' | 'large'> = { 小: 'small', 中: 'medium', 大: 'large' };

/** Which column index holds each field (headers matched case-insensitively); missing required ones are errors. */
export function headerMap(header: readonly Cell[]): {
  columns: Partial<Record<Column, number>>;
  errors: FieldError[];
} {
  const names = header.map((h) =>
    String(h ?? '')
      .trim()
      .toLowerCase(),
  );
  const columns: Partial<Record<Column, number>> = {};
  for (const [column, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const i = names.findIndex((n) => aliases.includes(n));
    if (i >= 0) columns[column] = i;
  }
  const errors = (['key', 'name', 'type'] as const)
    .filter((c) => columns[c] === undefined)
    .map((c) => ({ field: `rows.1.${c}`, message: `the header has no ${COLUMNS[c].join(' / ')} column` }));
  if (columns.gridCode === undefined && (columns.lon === undefined || columns.lat === undefined))
    errors.push({ field: 'rows.1.lon', message: 'the header needs lon and lat columns, or a grid column' });
  return { columns, errors };
}

export interface ImportedPlace {
  row: number;
  key: string;
  name: string;
  type: PlaceType;
  sizeClass: 'small' | 'medium' | 'large';
  areaM2: number | null;
  address: string | null;
  location: { lon: number; lat: number } | null;
  gridCode: string | null;
  safetyGridCode: string | null;
  riskTier: RiskTier;
  responsible: { name: string | null; phone: string | null } | null;
  licences: { kind: string; number: string }[];
}

const text = (c: Cell | undefined): string => (c == null ? '' : String(c).trim());

/** A data row (1-based spreadsheet row number) into a place, or the errors naming `rows.<row>.<column>`. */
export function readPlaceRow(
  cells: readonly Cell[],
  columns: Partial<Record<Column, number>>,
  row: number,
): { place: ImportedPlace; errors: [] } | { place: null; errors: FieldError[] } {
  const get = (c: Column) => (columns[c] === undefined ? '' : text(cells[columns[c] as number]));
  const errors: FieldError[] = [];
  const err = (c: Column, message: string) => errors.push({ field: `rows.${row}.${c}`, message });
  const key = get('key');
  const name = get('name');
  if (!key) err('key', 'is required');
  else if (key.length > 100) err('key', 'at most 100 characters');
  if (!name) err('name', 'is required');
  else if (name.length > 200) err('name', 'at most 200 characters');
  const rawType = get('type');
  const type = TYPE_NAMES[rawType] ?? rawType;
  if (!isPlaceType(type)) err('type', `unknown place type ${rawType || '(empty)'}`);
  const rawTier = get('riskTier') || 'low';
  const riskTier = TIER_NAMES[rawTier] ?? rawTier;
  if (!(RISK_TIERS as readonly string[]).includes(riskTier)) err('riskTier', `unknown risk tier ${rawTier}`);
  const rawSize = get('sizeClass') || 'small';
  const sizeClass = SIZE_NAMES[rawSize] ?? rawSize;
  if (!['small', 'medium', 'large'].includes(sizeClass)) err('sizeClass', `unknown size ${rawSize}`);
  const areaText = get('areaM2');
  const areaM2 = areaText ? Number(areaText) : null;
  if (areaM2 !== null && !(Number.isFinite(areaM2) && areaM2 >= 0))
    err('areaM2', 'must be a number of square metres');
  const lonText = get('lon');
  const latText = get('lat');
  let location: ImportedPlace['location'] = null;
  if (lonText || latText) {
    const lon = Number(lonText);
    const lat = Number(latText);
    if (!(lonText && Number.isFinite(lon) && Math.abs(lon) <= 180)) err('lon', 'must be a longitude');
    else if (!(latText && Number.isFinite(lat) && Math.abs(lat) <= 90)) err('lat', 'must be a latitude');
    else location = { lon, lat };
  }
  const gridCode = get('gridCode') || null;
  if (!location && !gridCode && !errors.some((e) => e.field.endsWith('.lon') || e.field.endsWith('.lat')))
    err('lon', 'give lon and lat, or the grid');
  const responsibleName = get('responsibleName') || null;
  const responsiblePhone = get('responsiblePhone') || null;
  if (responsiblePhone && !/^[0-9+\- ]{5,20}$/.test(responsiblePhone))
    err('responsiblePhone', 'not a phone number');
  const licences = get('licences')
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [kind, number] = s.split(/[:：]/).map((x) => x.trim());
      return number ? { kind: kind ?? '', number } : { kind: 'licence', number: kind ?? '' };
    });
  if (errors.length) return { place: null, errors };
  return {
    place: {
      row,
      key,
      name,
      type: type as PlaceType,
      sizeClass: sizeClass as ImportedPlace['sizeClass'],
      areaM2,
      address: get('address') || null,
      location,
      gridCode: location ? null : gridCode,
      safetyGridCode: get('safetyGridCode') || null,
      riskTier: riskTier as RiskTier,
      responsible:
        responsibleName || responsiblePhone ? { name: responsibleName, phone: responsiblePhone } : null,
      licences,
    },
    errors: [],
  };
}
