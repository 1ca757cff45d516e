import { parse } from 'csv-parse/sync';
import type { RegionLevel } from '../tables.ts';

/** One row of data/tianjin/divisions.csv: a real administrative division above the grid. */
export interface Division {
  code: string;
  name: string;
  level: Exclude<RegionLevel, 'grid'>;
  parentCode: string | null;
}

const LEVELS = new Set(['city', 'district', 'street', 'community']);

/** Parse the divisions CSV (`code,name,level,parent_code`), parents before children as in the file. */
export function parseDivisions(csv: string): Division[] {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  return rows.map((row, i) => {
    const level = row.level ?? '';
    if (!row.code || !row.name || !LEVELS.has(level))
      throw new Error(`divisions.csv row ${i + 2} is malformed`);
    return {
      code: row.code,
      name: row.name,
      level: level as Division['level'],
      parentCode: row.parent_code ? row.parent_code : null,
    };
  });
}

/** Children of each division, in code order. */
export function childrenByParent(divisions: Division[]): Map<string, Division[]> {
  const children = new Map<string, Division[]>();
  for (const d of divisions) {
    if (d.parentCode === null) continue;
    const list = children.get(d.parentCode) ?? [];
    list.push(d);
    children.set(d.parentCode, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return children;
}
