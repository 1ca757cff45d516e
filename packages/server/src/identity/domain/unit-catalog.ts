/** The functional departments a city runs, with their names at each level. Pure data. */

export interface DepartmentType {
  type: string;
  nameEn: string;
  /** Name at city level, district level, and of its street-level station (if it has one). */
  city: string;
  district: string;
  station?: string;
}

export const DEPARTMENT_TYPES: readonly DepartmentType[] = [
  {
    type: 'public_security',
    nameEn: 'Public security',
    city: '公安局',
    district: '公安分局',
    station: '派出所',
  },
  {
    type: 'urban_management',
    nameEn: 'Urban management',
    city: '城市管理委员会',
    district: '城市管理委员会',
    station: '城管执法中队',
  },
  {
    type: 'housing',
    nameEn: 'Housing and construction',
    city: '住房和城乡建设委员会',
    district: '住房和建设委员会',
  },
  { type: 'emergency', nameEn: 'Emergency management', city: '应急管理局', district: '应急管理局' },
  {
    type: 'market_regulation',
    nameEn: 'Market regulation',
    city: '市场监督管理委员会',
    district: '市场监督管理局',
  },
  { type: 'health', nameEn: 'Health', city: '卫生健康委员会', district: '卫生健康委员会' },
  { type: 'justice', nameEn: 'Justice', city: '司法局', district: '司法局', station: '司法所' },
  { type: 'petitions', nameEn: 'Letters and visits', city: '信访办', district: '信访办' },
  { type: 'education', nameEn: 'Education', city: '教育委员会', district: '教育局' },
  { type: 'fire', nameEn: 'Fire and rescue', city: '消防救援总队', district: '消防救援支队' },
  { type: 'ecology', nameEn: 'Ecology and environment', city: '生态环境局', district: '生态环境局' },
  {
    type: 'human_resources',
    nameEn: 'Human resources',
    city: '人力资源和社会保障局',
    district: '人力资源和社会保障局',
  },
];

export const DEPARTMENT_TYPE_CODES: readonly string[] = DEPARTMENT_TYPES.map((d) => d.type);

/** Kinds of mediation organisation (their department_type). */
export const MEDIATION_TYPES = ['people', 'administrative', 'judicial', 'industry'] as const;
export const MEDIATION_NAMES: Record<(typeof MEDIATION_TYPES)[number], string> = {
  people: '人民调解委员会',
  administrative: '行政调解委员会',
  judicial: '诉调对接中心',
  industry: '行业性专业性调解委员会',
};

export const CENTRE_SUFFIX = '综治中心';

/** Unit codes are stable keys: `centre:<region>`, `<type>:<region>` (departments, stations, mediation). */
export function unitCode(kindOrType: string, regionCode: string): string {
  return `${kindOrType}:${regionCode}`;
}

/** The codes of a path's regions, root first: '120000000000/120101000000/' → [both]. */
export function codesOfPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}
