/** Pure conversions between the administration forms and the API's bodies (no I/O). */

export const ROLES = [
  'grid_worker',
  'grid_head',
  'centre_operator',
  'department_handler',
  'mediator',
  'inspector',
  'leader',
  'admin',
  'auditor',
] as const;

/** Roles posted to grids (one post per grid). */
export const GRID_ROLES: readonly string[] = ['grid_worker', 'grid_head'];

/** Unit kinds a role's post sits at (the server's rule); absent: no unit needed. */
export const UNIT_KINDS_FOR_ROLE: Partial<Record<string, readonly string[]>> = {
  centre_operator: ['centre'],
  department_handler: ['department', 'station'],
  mediator: ['mediation', 'centre', 'department', 'station'],
};

export const UNIT_KINDS = ['centre', 'department', 'station', 'mediation'] as const;
export const DEPARTMENT_TYPES = [
  'public_security',
  'urban_management',
  'housing',
  'emergency',
  'market_regulation',
  'health',
  'justice',
  'petitions',
  'education',
  'fire',
  'ecology',
  'human_resources',
] as const;
export const MEDIATION_TYPES = ['people', 'administrative', 'judicial', 'industry'] as const;

/** The department types a unit kind may carry (centres carry none). */
export function departmentTypesFor(kind: string | undefined): readonly string[] {
  if (kind === 'mediation') return MEDIATION_TYPES;
  if (kind === 'department' || kind === 'station') return DEPARTMENT_TYPES;
  return [];
}

export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{2,39}$/;

/** The password rule the server applies, as a message key (null when acceptable). */
export function passwordRule(
  password: string,
  username = '',
): 'admin.v.passwordLength' | 'admin.v.passwordMix' | 'admin.v.passwordName' | null {
  if (password.length < 8 || password.length > 128) return 'admin.v.passwordLength';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'admin.v.passwordMix';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'admin.v.passwordName';
  return null;
}

export interface PostFormValues {
  role?: string;
  unitId?: number | null;
  regionCode?: string | null;
  grids?: string[];
}

export interface PostBody {
  role: string;
  unitId?: number;
  regionCode?: string;
}

/** One post per grid for grid roles; otherwise one post at the unit and/or region. */
export function postsFromForm(v: PostFormValues): PostBody[] {
  if (!v.role) return [];
  const unit = v.unitId ? { unitId: v.unitId } : {};
  if (GRID_ROLES.includes(v.role))
    return (v.grids ?? []).map((g) => ({ role: v.role as string, ...unit, regionCode: g }));
  return [{ role: v.role, ...unit, ...(v.regionCode ? { regionCode: v.regionCode } : {}) }];
}

export const LIMIT_LEVELS = ['default', 'grid', 'community', 'street', 'district', 'city'] as const;
export const LIMIT_UNITS = ['working_hours', 'working_days', 'hours', 'days'] as const;
export const STEPS = ['accept', 'handle', 'verify'] as const;
type Step = (typeof STEPS)[number];

export interface TimeLimit {
  value: number;
  unit: string;
}
export type LevelLimits = Partial<Record<Step, TimeLimit>> & { yellow?: number; red?: number };

/** One row of the limits table: a level and, per step, a value and unit; the card thresholds. */
export interface LimitRow {
  level: string;
  accept?: Partial<TimeLimit>;
  handle?: Partial<TimeLimit>;
  verify?: Partial<TimeLimit>;
  yellow?: number | null;
  red?: number | null;
}

export function limitRows(limits: Record<string, LevelLimits | undefined> | undefined): LimitRow[] {
  return LIMIT_LEVELS.filter((level) => limits?.[level]).map((level) => {
    const l = limits?.[level] as LevelLimits;
    return {
      level,
      ...(l.accept ? { accept: { ...l.accept } } : {}),
      ...(l.handle ? { handle: { ...l.handle } } : {}),
      ...(l.verify ? { verify: { ...l.verify } } : {}),
      yellow: l.yellow ?? null,
      red: l.red ?? null,
    };
  });
}

/** The API's time limits from the rows: a step without a value is left to the defaults. */
export function limitsFromRows(rows: LimitRow[]): Record<string, LevelLimits> {
  const out: Record<string, LevelLimits> = {};
  for (const row of rows) {
    const l: LevelLimits = {};
    for (const step of STEPS) {
      const s = row[step];
      if (s?.value != null && s.value > 0) l[step] = { value: s.value, unit: s.unit ?? 'working_days' };
    }
    if (row.yellow != null) l.yellow = row.yellow;
    if (row.red != null) l.red = row.red;
    out[row.level] = l;
  }
  return out;
}

/** Levels whose yellow card would come after the red one (the server refuses those). */
export function yellowAfterRed(rows: LimitRow[]): string[] {
  return rows.filter((r) => (r.yellow ?? 0.8) > (r.red ?? 1)).map((r) => r.level);
}

export interface AttributeOption {
  value: string;
  label_zh: string;
  label_en?: string;
}
export interface AttributeForm {
  code: string;
  label_zh: string;
  label_en?: string;
  type: 'text' | 'number' | 'date' | 'single' | 'multiple';
  required?: boolean;
  options?: AttributeOption[];
}

export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'single', 'multiple'] as const;
export const hasOptions = (type: string | undefined) => type === 'single' || type === 'multiple';

/** Attributes as the API takes them: options only on choice types, English labels never missing. */
export function attributesFromForm(list: AttributeForm[]) {
  return list.map((a) => ({
    code: a.code.trim(),
    label_zh: a.label_zh.trim(),
    label_en: (a.label_en ?? '').trim(),
    type: a.type,
    required: !!a.required,
    ...(hasOptions(a.type)
      ? {
          options: (a.options ?? []).map((o) => ({
            value: o.value.trim(),
            label_zh: o.label_zh.trim(),
            label_en: (o.label_en ?? '').trim(),
          })),
        }
      : {}),
  }));
}

/** Codes used by more than one attribute (each must be unique within the category). */
export function duplicateCodes(list: { code?: string }[]): string[] {
  const seen = new Map<string, number>();
  for (const a of list) if (a?.code) seen.set(a.code.trim(), (seen.get(a.code.trim()) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([c]) => c);
}
