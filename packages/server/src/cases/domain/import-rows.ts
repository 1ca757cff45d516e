import type { AttributeDef, CaseKind, CasePriority } from '../tables.ts';

/**
 * Bulk import, the pure part: a table (header row + data rows, as cells from CSV or Excel)
 * becomes intake inputs, or row errors naming `rows.<spreadsheet row>.<column>`. No I/O.
 */

export type Cell = string | number | boolean | Date | null | undefined;

export interface ImportedCase {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  input: {
    kind: CaseKind;
    category: string;
    attributes: Record<string, unknown>;
    title?: string;
    description: string;
    gridCode?: string;
    location?: { lon: number; lat: number };
    address?: string;
    reporter?: { name?: string; phone?: string };
    anonymous: boolean;
    priority: CasePriority;
    channel: 'import';
  };
}

export interface RowError {
  field: string;
  message: string;
}

const COLUMNS: Record<string, readonly string[]> = {
  kind: ['kind', '类型', '事件类型'],
  category: ['category', '类别', '分类', '事项类别'],
  title: ['title', '标题'],
  description: ['description', '描述', '内容', '事件描述'],
  gridCode: ['gridcode', 'grid', '网格', '网格编码'],
  lon: ['lon', 'longitude', '经度'],
  lat: ['lat', 'latitude', '纬度'],
  address: ['address', '地址'],
  reporterName: ['reportername', '报告人', '反映人', '姓名'],
  reporterPhone: ['reporterphone', 'phone', '电话', '联系电话'],
  anonymous: ['anonymous', '匿名'],
  priority: ['priority', '优先级', '紧急程度'],
};
const KINDS: Record<string, CaseKind> = {
  request: 'request',
  诉求: 'request',
  dispute: 'dispute',
  矛盾纠纷: 'dispute',
  hazard: 'hazard',
  安全隐患: 'hazard',
  incident: 'incident',
  突发事件: 'incident',
  tip: 'tip',
  线索: 'tip',
};
const PRIORITIES: Record<string, CasePriority> = {
  low: 'low',
  低: 'low',
  normal: 'normal',
  普通: 'normal',
  一般: 'normal',
  high: 'high',
  高: 'high',
  urgent: 'urgent',
  紧急: 'urgent',
};
const YES = new Set(['true', 'yes', 'y', '1', '是']);
const NO = new Set(['false', 'no', 'n', '0', '否', '']);
const ATTRIBUTE_PREFIX = /^(attr\.|属性[.:：])/i;

function text(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** Map the header row: known columns by name or alias (case-insensitive), attributes by `attr.<code>`. */
export function mapHeader(header: Cell[]): {
  columns: Map<string, number>;
  attributes: Map<string, number>;
  errors: RowError[];
} {
  const columns = new Map<string, number>();
  const attributes = new Map<string, number>();
  const errors: RowError[] = [];
  header.forEach((cell, i) => {
    const name = text(cell);
    if (name === '') return;
    if (ATTRIBUTE_PREFIX.test(name)) {
      attributes.set(name.replace(ATTRIBUTE_PREFIX, ''), i);
      return;
    }
    const key = Object.keys(COLUMNS).find((k) => COLUMNS[k]?.includes(name.toLowerCase()));
    if (!key) errors.push({ field: `rows.1.${name}`, message: 'unknown column' });
    else if (columns.has(key)) errors.push({ field: `rows.1.${name}`, message: `column ${key} given twice` });
    else columns.set(key, i);
  });
  for (const required of ['kind', 'category', 'description']) {
    if (!columns.has(required)) errors.push({ field: `rows.1.${required}`, message: 'missing column' });
  }
  if (!columns.has('gridCode') && !(columns.has('lon') && columns.has('lat'))) {
    errors.push({ field: 'rows.1.gridCode', message: 'give a gridCode column or lon and lat columns' });
  }
  return { columns, attributes, errors };
}

function attributeValue(def: AttributeDef | undefined, cell: Cell): unknown {
  const t = text(cell);
  // An empty cell gives no value (a required attribute is then reported missing).
  if (t === '') return undefined;
  if (!def) return t;
  switch (def.type) {
    case 'number':
      return typeof cell === 'number' ? cell : Number(t);
    case 'multiple':
      return t
        .split(/[|,;，；、]/)
        .map((v) => v.trim())
        .filter(Boolean);
    default:
      return t;
  }
}

/**
 * Turn the data rows into intake inputs. `attributesOf` gives a category's attribute
 * definitions (undefined: unknown category, reported as an error on that row).
 */
export function readRows(
  header: Cell[],
  rows: Cell[][],
  attributesOf: (category: string) => AttributeDef[] | undefined,
): { cases: ImportedCase[]; errors: RowError[] } {
  const { columns, attributes, errors } = mapHeader(header);
  if (errors.length) return { cases: [], errors };
  const cases: ImportedCase[] = [];
  rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => text(c) === '')) return;
    const get = (key: string) => {
      const i = columns.get(key);
      return i === undefined ? '' : text(cells[i]);
    };
    const before = errors.length;
    const fail = (column: string, message: string) =>
      errors.push({ field: `rows.${row}.${column}`, message });
    const kind = KINDS[get('kind').toLowerCase()];
    if (!kind) fail('kind', `must be one of: ${Object.keys(KINDS).join(', ')}`);
    const category = get('category');
    const defs = category ? attributesOf(category) : undefined;
    if (!category) fail('category', 'is required');
    else if (!defs) fail('category', `no active category ${category}`);
    const description = get('description');
    if (!description) fail('description', 'is required');
    else if (description.length > 4000) fail('description', 'must be at most 4000 characters');
    const priorityText = get('priority').toLowerCase();
    const priority = priorityText === '' ? 'normal' : PRIORITIES[priorityText];
    if (!priority) fail('priority', `must be one of: ${Object.keys(PRIORITIES).join(', ')}`);
    const anonymousText = get('anonymous').toLowerCase();
    if (!YES.has(anonymousText) && !NO.has(anonymousText)) fail('anonymous', 'must be yes or no');
    const gridCode = get('gridCode');
    if (gridCode && !/^[0-9]{12,18}$/.test(gridCode)) fail('gridCode', 'must be a grid code (digits)');
    const lonText = get('lon');
    const latText = get('lat');
    const lon = Number(lonText);
    const lat = Number(latText);
    const hasPoint = lonText !== '' || latText !== '';
    if (
      hasPoint &&
      !(
        lonText !== '' &&
        latText !== '' &&
        Number.isFinite(lon) &&
        Number.isFinite(lat) &&
        Math.abs(lon) <= 180 &&
        Math.abs(lat) <= 90
      )
    ) {
      fail('lon', 'lon and lat must both be numbers in range');
    }
    if (!gridCode && !hasPoint) fail('gridCode', 'give a grid code or lon and lat');
    const phone = get('reporterPhone');
    if (phone && !/^[0-9+\- ]{5,20}$/.test(phone)) fail('reporterPhone', 'must be a phone number');
    const values: Record<string, unknown> = {};
    for (const [code, i] of attributes) {
      const v = attributeValue(
        defs?.find((d) => d.code === code),
        cells[i],
      );
      if (v !== undefined) values[code] = v;
    }
    if (errors.length > before || !kind || !defs || !priority) return;
    const name = get('reporterName');
    const anonymous = YES.has(anonymousText) || (!name && !phone);
    cases.push({
      row,
      input: {
        kind,
        category,
        attributes: values,
        ...(get('title') ? { title: get('title') } : {}),
        description,
        ...(gridCode ? { gridCode } : {}),
        ...(hasPoint ? { location: { lon, lat } } : {}),
        ...(get('address') ? { address: get('address') } : {}),
        ...(anonymous ? {} : { reporter: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } }),
        anonymous,
        priority,
        channel: 'import',
      },
    });
  });
  return { cases, errors };
}
