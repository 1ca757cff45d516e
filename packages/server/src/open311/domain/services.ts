import type { AttributeDef, AttributeType } from '../../cases/index.ts';
import { resolveLimit, type TimeLimit, type TimeLimits } from '../../cases/index.ts';

export type Lang = 'zh' | 'en';

/** The columns of a request category that the service list and definitions are made from. */
export interface CategoryForService {
  code: string;
  name_zh: string;
  name_en: string;
  parent_name_zh: string | null;
  parent_name_en: string | null;
  attributes: AttributeDef[];
  time_limits: TimeLimits;
}

export type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export const DATATYPES: Readonly<Record<AttributeType, Datatype>> = {
  text: 'text',
  number: 'number',
  date: 'datetime',
  single: 'singlevaluelist',
  multiple: 'multivaluelist',
};

const DATATYPE_DESCRIPTIONS: Readonly<Record<Datatype, Record<Lang, string | null>>> = {
  string: { zh: null, en: null },
  text: { zh: '文字，可换行', en: 'Text; line breaks allowed' },
  number: { zh: '数字', en: 'A number' },
  datetime: { zh: '日期，如 2026-05-01', en: 'A date such as 2026-05-01' },
  singlevaluelist: { zh: '从列表中选一项', en: 'Choose one of the values' },
  multivaluelist: { zh: '从列表中选一项或多项', en: 'Choose one or more of the values' },
};

const UNIT_NAMES: Record<string, Record<Lang, string>> = {
  hours: { zh: '小时', en: 'hours' },
  working_hours: { zh: '个工作小时', en: 'working hours' },
  working_days: { zh: '个工作日', en: 'working days' },
  days: { zh: '天', en: 'days' },
};

/** What residents can expect: the accept and handle limits at community level (a resident's first stop). */
export function serviceNotice(limits: TimeLimits, lang: Lang): string {
  const span = (l: TimeLimit) => `${l.value} ${UNIT_NAMES[l.unit]?.[lang] ?? l.unit}`;
  const accept = resolveLimit(limits, 'community', 'accept').limit;
  const handle = resolveLimit(limits, 'community', 'handle').limit;
  return lang === 'zh'
    ? `受理时限 ${span(accept)}，办理时限 ${span(handle)}。`
    : `Accepted within ${span(accept)}; handled within ${span(handle)}.`;
}

const name = (c: CategoryForService, lang: Lang) => (lang === 'zh' ? c.name_zh : c.name_en);
const group = (c: CategoryForService, lang: Lang) => (lang === 'zh' ? c.parent_name_zh : c.parent_name_en);

/** One entry of GET services. */
export function toService(c: CategoryForService, lang: Lang) {
  const keywords = [c.name_zh, c.name_en, c.parent_name_zh, c.parent_name_en].filter(Boolean);
  return {
    service_code: c.code,
    service_name: name(c, lang),
    description: [group(c, lang), name(c, lang)].filter(Boolean).join(' · '),
    metadata: c.attributes.length > 0,
    type: 'realtime' as const,
    keywords: [...new Set(keywords)].join(', '),
    group: group(c, lang) ?? '',
  };
}

/** GET services/{code}: the category's attributes as a service definition. */
export function toServiceDefinition(c: CategoryForService, lang: Lang) {
  return {
    service_code: c.code,
    attributes: c.attributes.map((a, i) => {
      const datatype = DATATYPES[a.type];
      return {
        variable: true,
        code: a.code,
        datatype,
        required: a.required,
        datatype_description: DATATYPE_DESCRIPTIONS[datatype][lang],
        order: i + 1,
        description: lang === 'zh' ? a.label_zh : a.label_en,
        values: (a.options ?? []).map((o) => ({
          key: o.value,
          name: lang === 'zh' ? o.label_zh : o.label_en,
        })),
      };
    }),
  };
}

/** The language of names: English when the client prefers it, Chinese otherwise. */
export function langFrom(acceptLanguage: string | undefined, explicit?: string): Lang {
  const pick = (explicit ?? acceptLanguage ?? '').toLowerCase();
  const first = pick.split(',')[0]?.trim() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
