import type { SetupStep } from '../../api/types.ts';
import { hasKey, type Translate } from '../../i18n/index.tsx';

/** A step's figures as one line in the user's language ('' when it has none worth showing). */
export function figuresText(t: Translate, step: SetupStep): string {
  const key = `setup.figures.${step.key}`;
  return hasKey(key) ? t(key, step.figures) : '';
}

/**
 * What a step still misses, in the user's language, from its figures (the server's `missing`
 * sentences are English; these say the same).
 */
export function missingText(t: Translate, step: SetupStep): string[] {
  if (step.state === 'done') return [];
  const f = (name: string) => step.figures[name] ?? 0;
  const out: string[] = [];
  switch (step.key) {
    case 'divisions':
      out.push(t('setup.missing.divisions'));
      break;
    case 'boundaries':
      out.push(t('setup.missing.boundaries', { n: f('withoutBoundary') }));
      break;
    case 'grids':
      if (!f('grids')) out.push(t('setup.missing.grids'));
      if (f('communitiesWithoutGrids'))
        out.push(t('setup.missing.gridsPartial', { n: f('communitiesWithoutGrids') }));
      break;
    case 'units':
      if (!f('centres')) out.push(t('setup.missing.units'));
      if (f('regionsWithoutCentre'))
        out.push(t('setup.missing.unitsPartial', { n: f('regionsWithoutCentre') }));
      break;
    case 'categories':
      if (!f('categories')) out.push(t('setup.missing.categories'));
      if (f('unrouted')) out.push(t('setup.missing.categoriesUnrouted', { n: f('unrouted') }));
      break;
    case 'calendar':
      out.push(t('setup.missing.calendar', { year: f('year') }));
      break;
    default: {
      const key = `setup.missing.${step.key}`;
      if (hasKey(key)) out.push(t(key));
    }
  }
  return out.length ? out : step.missing;
}

/** An import's answer as "新增 3 · 更新 1 …": every count, nested ones (units, users) named. */
export function resultText(t: Translate, result: unknown, prefix = ''): string {
  if (!result || typeof result !== 'object') return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(result as Record<string, unknown>)) {
    const key = `setup.count.${k}`;
    const name = hasKey(key) ? t(key) : k;
    if (typeof v === 'number' && k !== 'year') parts.push(`${prefix}${name} ${v}`);
    else if (v && typeof v === 'object' && k !== 'passwordSheet') {
      const inner = resultText(t, v, `${name}·`);
      if (inner) parts.push(inner);
    }
  }
  return parts.join(' · ');
}

/**
 * A 422's row problems: where (sheet, row or feature, column: `file.row.<n>.<column>`,
 * `file.units.<n>.<column>`, `file.features.<n>…`) and what.
 */
export function rowProblems(
  errors: { field: string; message: string }[],
): { key: string; where: string; column: string; message: string }[] {
  return errors.map((e, i) => {
    const m = /^file\.(?:(row|features)|([a-z_]+))\.(\d+)(?:\.(.+))?$/.exec(e.field);
    return {
      key: `${i}`,
      where: m ? `${m[2] ? `${m[2]} ` : ''}${m[3]}` : e.field,
      column: m?.[4] ?? '',
      message: e.message,
    };
  });
}
