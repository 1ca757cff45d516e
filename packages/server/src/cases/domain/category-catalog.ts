import type { AttributeDef, CaseKind } from '../tables.ts';
import type { TimeLimits } from './deadlines.ts';

/**
 * The demo city's case taxonomy: per kind, groups (level 1) and leaf categories (level 2) with
 * the department type that handles them first, time limits per level, duplicate radius and
 * window, and the extra fields they ask for. Pure data; an administrator edits it afterwards.
 */
export interface CatalogCategory {
  code: string;
  kind: CaseKind;
  parent_code: string | null;
  name_zh: string;
  name_en: string;
  responsible_unit_type: string;
  time_limits: TimeLimits;
  duplicate_radius_m: number;
  duplicate_window_hours: number;
  attributes: AttributeDef[];
  open_to_residents: boolean;
  sort_order: number;
}

const wh = (value: number) => ({ value, unit: 'working_hours' as const });
const wd = (value: number) => ({ value, unit: 'working_days' as const });
const h = (value: number) => ({ value, unit: 'hours' as const });

/** Routine requests: accept within a working morning, handle within a week, longer higher up. */
const ROUTINE: TimeLimits = {
  default: { accept: wh(2), handle: wd(5), verify: wd(2), yellow: 0.8, red: 1 },
  street: { accept: wh(4), handle: wd(7), verify: wd(2), yellow: 0.8, red: 1 },
  district: { accept: wh(4), handle: wd(10), verify: wd(3), yellow: 0.8, red: 1 },
};
/** Mediation takes longer (the 15-working-day mediation period). */
const MEDIATION: TimeLimits = {
  default: { accept: wh(4), handle: wd(15), verify: wd(3), yellow: 0.7, red: 1 },
  district: { accept: wh(8), handle: wd(30), verify: wd(5), yellow: 0.7, red: 1 },
};
/** Hazards: rectification within days; verified by a re-check. */
const HAZARD: TimeLimits = {
  default: { accept: wh(2), handle: wd(3), verify: wd(2), yellow: 0.75, red: 1 },
  district: { accept: wh(2), handle: wd(7), verify: wd(3), yellow: 0.75, red: 1 },
};
/** Incidents run on the clock, not on working hours. */
const URGENT: TimeLimits = {
  default: { accept: h(0.5), handle: h(24), verify: h(24), yellow: 0.5, red: 1 },
};

const choice = (
  code: string,
  zh: string,
  en: string,
  required: boolean,
  options: [string, string, string][],
  multiple = false,
): AttributeDef => ({
  code,
  label_zh: zh,
  label_en: en,
  type: multiple ? 'multiple' : 'single',
  required,
  options: options.map(([value, label_zh, label_en]) => ({ value, label_zh, label_en })),
});
const field = (
  code: string,
  zh: string,
  en: string,
  type: 'text' | 'number' | 'date',
  required = false,
): AttributeDef => ({
  code,
  label_zh: zh,
  label_en: en,
  type,
  required,
});

const RISK = choice('risk_level', '风险等级', 'Risk level', true, [
  ['low', '一般', 'Low'],
  ['medium', '较大', 'Medium'],
  ['high', '重大', 'High'],
]);
const PARTIES = field('parties_count', '当事人数', 'Number of parties', 'number', true);
const AMOUNT = field('amount_yuan', '涉及金额（元）', 'Amount involved (yuan)', 'number');
const PLACE = choice('place_type', '场所类型', 'Place type', true, [
  ['shop', '小商店', 'Small shop'],
  ['restaurant', '小餐饮', 'Small restaurant'],
  ['workshop', '小作坊', 'Small workshop'],
  ['rental', '出租房屋', 'Rental housing'],
  ['residential', '居民小区', 'Residential compound'],
  ['enterprise', '企业', 'Enterprise'],
  ['construction_site', '建筑工地', 'Construction site'],
]);
const INJURED = field('people_injured', '受伤人数', 'People injured', 'number');
const OCCURRED = field('occurred_on', '发生日期', 'Date it happened', 'date', true);
const NOISE = choice('noise_source', '噪声来源', 'Noise source', true, [
  ['construction', '施工', 'Construction'],
  ['commercial', '商业经营', 'Shops and business'],
  ['residential', '社会生活', 'Neighbours'],
  ['traffic', '交通', 'Traffic'],
]);
const POLE = field('pole_number', '灯杆编号', 'Lamp post number', 'text');

type Leaf = [code: string, zh: string, en: string, unit: string, attributes?: AttributeDef[]];
interface Group {
  kind: CaseKind;
  group: string;
  zh: string;
  en: string;
  limits: TimeLimits;
  radius: number;
  windowHours: number;
  leaves: Leaf[];
}

const GROUPS: Group[] = [
  {
    kind: 'request',
    group: 'municipal',
    zh: '市政设施',
    en: 'Municipal facilities',
    limits: ROUTINE,
    radius: 50,
    windowHours: 72,
    leaves: [
      ['road', '道路破损', 'Damaged road or pavement', 'urban_management'],
      ['street_light', '路灯不亮', 'Street light out', 'urban_management', [POLE]],
      ['manhole', '井盖缺失', 'Missing manhole cover', 'urban_management'],
      ['water_heating', '供水供热', 'Water supply and heating', 'housing'],
    ],
  },
  {
    kind: 'request',
    group: 'environment',
    zh: '市容环境',
    en: 'City environment',
    limits: ROUTINE,
    radius: 100,
    windowHours: 72,
    leaves: [
      ['sanitation', '环境卫生', 'Litter and sanitation', 'urban_management'],
      ['greening', '园林绿化', 'Trees and green space', 'urban_management'],
      ['noise', '噪声扰民', 'Noise nuisance', 'ecology', [NOISE]],
    ],
  },
  {
    kind: 'request',
    group: 'order',
    zh: '城市秩序',
    en: 'Public order',
    limits: ROUTINE,
    radius: 100,
    windowHours: 168,
    leaves: [
      ['illegal_construction', '违章建筑', 'Illegal construction', 'urban_management'],
      ['parking', '占道停车', 'Illegal parking', 'public_security'],
      ['street_vending', '占道经营', 'Street vending', 'urban_management'],
    ],
  },
  {
    kind: 'dispute',
    group: 'civil',
    zh: '民间纠纷',
    en: 'Civil disputes',
    limits: MEDIATION,
    radius: 0,
    windowHours: 720,
    leaves: [
      ['family', '婚姻家庭纠纷', 'Family dispute', 'centre', [PARTIES, RISK]],
      ['neighbour', '邻里纠纷', 'Neighbour dispute', 'centre', [PARTIES, RISK]],
      ['property_management', '物业纠纷', 'Property management dispute', 'housing', [PARTIES, AMOUNT, RISK]],
      ['contract', '合同纠纷', 'Contract dispute', 'justice', [PARTIES, AMOUNT, RISK]],
    ],
  },
  {
    kind: 'dispute',
    group: 'social',
    zh: '社会矛盾',
    en: 'Social disputes',
    limits: MEDIATION,
    radius: 0,
    windowHours: 720,
    leaves: [
      ['labour', '劳动争议', 'Labour dispute (wage arrears)', 'human_resources', [PARTIES, AMOUNT, RISK]],
      ['land', '土地纠纷', 'Land dispute', 'justice', [PARTIES, RISK]],
      ['medical', '医疗纠纷', 'Medical dispute', 'health', [PARTIES, AMOUNT, RISK]],
      ['demolition', '征地拆迁纠纷', 'Demolition and relocation dispute', 'housing', [PARTIES, AMOUNT, RISK]],
    ],
  },
  {
    kind: 'hazard',
    group: 'safety',
    zh: '安全生产',
    en: 'Workplace and fire safety',
    limits: HAZARD,
    radius: 30,
    windowHours: 168,
    leaves: [
      ['fire', '消防安全隐患', 'Fire safety hazard', 'fire', [PLACE]],
      ['gas', '燃气安全隐患', 'Gas safety hazard', 'urban_management', [PLACE]],
      ['chemicals', '危险化学品隐患', 'Hazardous chemicals', 'emergency', [PLACE]],
      ['construction', '建筑施工隐患', 'Construction site hazard', 'housing', [PLACE]],
      [
        'special_equipment',
        '特种设备隐患',
        'Special equipment (lifts, boilers)',
        'market_regulation',
        [PLACE],
      ],
    ],
  },
  {
    kind: 'hazard',
    group: 'public',
    zh: '公共安全',
    en: 'Public safety',
    limits: HAZARD,
    radius: 50,
    windowHours: 168,
    leaves: [
      ['food_drug', '食品药品安全', 'Food and drug safety', 'market_regulation', [PLACE]],
      ['traffic', '道路交通隐患', 'Road traffic hazard', 'public_security'],
    ],
  },
  {
    kind: 'incident',
    group: 'emergency',
    zh: '突发事件',
    en: 'Incidents',
    limits: URGENT,
    radius: 200,
    windowHours: 24,
    leaves: [
      ['fire_incident', '火灾', 'Fire', 'fire', [OCCURRED, INJURED]],
      ['flooding', '内涝积水', 'Flooding', 'emergency', [OCCURRED]],
      ['accident', '安全事故', 'Accident', 'emergency', [OCCURRED, INJURED]],
      ['mass_gathering', '群体性事件', 'Mass gathering', 'centre', [OCCURRED, PARTIES]],
    ],
  },
  {
    kind: 'tip',
    group: 'leads',
    zh: '线索',
    en: 'Tips',
    limits: ROUTINE,
    radius: 0,
    windowHours: 0,
    leaves: [
      ['public_order_tip', '治安线索', 'Public order tip', 'public_security'],
      ['fraud_tip', '涉诈线索', 'Fraud tip', 'public_security'],
      ['other_tip', '其他线索', 'Other tip', 'centre'],
    ],
  },
];

export function demoCategoryCatalog(): CatalogCategory[] {
  const rows: CatalogCategory[] = [];
  let order = 0;
  for (const g of GROUPS) {
    const groupCode = `${g.kind}.${g.group}`;
    const common = {
      kind: g.kind,
      time_limits: g.limits,
      duplicate_radius_m: g.radius,
      duplicate_window_hours: g.windowHours,
      open_to_residents: g.kind === 'request',
    };
    rows.push({
      ...common,
      code: groupCode,
      parent_code: null,
      name_zh: g.zh,
      name_en: g.en,
      responsible_unit_type: 'centre',
      attributes: [],
      sort_order: order++,
    });
    for (const [code, zh, en, unit, attributes = []] of g.leaves) {
      rows.push({
        ...common,
        code: `${g.kind}.${code}`,
        parent_code: groupCode,
        name_zh: zh,
        name_en: en,
        responsible_unit_type: unit,
        attributes,
        sort_order: order++,
      });
    }
  }
  return rows;
}
