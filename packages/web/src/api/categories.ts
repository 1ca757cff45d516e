import type { Category } from './types.ts';

interface RawCategory {
  code: string;
  kind: string;
  parentCode?: string | null;
  parent_code?: string | null;
  nameZh?: string;
  name_zh?: string;
  nameEn?: string;
  name_en?: string;
  attributes?: Category['attributes'];
  timeLimits?: Record<string, unknown>;
  time_limits?: Record<string, unknown>;
  responsibleUnitType?: string;
  openToResidents?: boolean;
  retiredAt?: string | null;
  retired?: boolean;
}

/** Categories as a list whatever the envelope ({items} or a bare array), in one shape. */
export function normaliseCategories(answer: unknown): Category[] {
  const raw: RawCategory[] = Array.isArray(answer)
    ? answer
    : ((answer as { items?: RawCategory[] })?.items ?? []);
  return raw
    .filter((c) => !c.retiredAt && !c.retired)
    .map((c) => ({
      code: c.code,
      kind: c.kind,
      parentCode: c.parentCode ?? c.parent_code ?? null,
      nameZh: c.nameZh ?? c.name_zh ?? c.code,
      nameEn: c.nameEn ?? c.name_en ?? c.code,
      attributes: c.attributes ?? [],
      timeLimits: c.timeLimits ?? c.time_limits ?? {},
      ...(c.responsibleUnitType ? { responsibleUnitType: c.responsibleUnitType } : {}),
      ...(c.openToResidents !== undefined ? { openToResidents: c.openToResidents } : {}),
    }));
}

/** Categories a case can be filed under: those no other category has as its parent. */
export function leafCategories(all: Category[]): Category[] {
  const parents = new Set(all.map((c) => c.parentCode).filter(Boolean));
  return all.filter((c) => !parents.has(c.code));
}
