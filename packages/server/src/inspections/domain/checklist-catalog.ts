import type { ChecklistItem } from './checklist.ts';
import type { ChecklistType } from './places.ts';

/**
 * The demo city's first checklist versions. The small-venue (三小场所) list follows the usual
 * twelve fire and safety checks of a street-level sweep, each with its legal basis.
 */
type Row = [
  code: string,
  zh: string,
  en: string,
  basis: string,
  severity: ChecklistItem['severity'],
  category: string,
  photoOnFail?: boolean,
  min?: number,
];

const FIRE_LAW = '《中华人民共和国消防法》';

const SMALL_VENUE: Row[] = [
  [
    'sv.living',
    '生产、储存、经营场所未与住宿合用（无"三合一"），或已按标准防火分隔',
    'No sleeping on the premises ("three-in-one"), or separated to the standard',
    `${FIRE_LAW}第十九条；XF 703—2007《住宿与生产储存经营合用场所消防安全技术要求》`,
    'major',
    'hazard.fire',
  ],
  [
    'sv.exits',
    '疏散通道、安全出口畅通，未被占用、堵塞、封闭',
    'Escape routes and exits clear, not blocked or locked',
    `${FIRE_LAW}第二十八条`,
    'major',
    'hazard.fire',
  ],
  [
    'sv.windows',
    '门窗未设置影响逃生和灭火救援的障碍物（防盗网、广告牌）',
    'No bars or billboards over windows that hinder escape and rescue',
    `${FIRE_LAW}第二十八条`,
    'general',
    'hazard.fire',
  ],
  [
    'sv.extinguishers',
    '按规定配置灭火器（不少于2具）且在有效期内',
    'Fire extinguishers in place (at least 2) and in date',
    `${FIRE_LAW}第十六条第一款第（二）项`,
    'general',
    'hazard.fire',
    true,
    2,
  ],
  [
    'sv.signs',
    '应急照明和疏散指示标志完好有效',
    'Emergency lighting and exit signs working',
    `${FIRE_LAW}第十六条第一款第（二）项`,
    'general',
    'hazard.fire',
  ],
  [
    'sv.wiring',
    '电气线路穿管保护，无私拉乱接、超负荷用电',
    'Wiring in conduit; no makeshift wiring or overloads',
    `${FIRE_LAW}第二十七条`,
    'major',
    'hazard.fire',
  ],
  [
    'sv.ebike',
    '电动自行车及其蓄电池未在室内、疏散通道停放或充电',
    'No e-bikes or their batteries parked or charged indoors or in escape routes',
    `${FIRE_LAW}第二十八条`,
    'major',
    'hazard.fire',
  ],
  [
    'sv.gas',
    '燃气用具、管道合规安装使用，瓶装液化气不在地下、半地下使用',
    'Gas appliances and pipes installed to rule; no bottled gas below ground',
    '《城镇燃气管理条例》第二十八条',
    'major',
    'hazard.gas',
  ],
  [
    'sv.decoration',
    '室内装修使用不燃、难燃材料',
    'Interior finishes non-combustible or flame-retardant',
    `${FIRE_LAW}第二十六条`,
    'general',
    'hazard.fire',
  ],
  [
    'sv.fire_use',
    '无违规使用明火、吸烟，动火作业经审批',
    'No open flames or smoking against the rules; hot work approved',
    `${FIRE_LAW}第二十一条`,
    'general',
    'hazard.fire',
  ],
  [
    'sv.flammables',
    '易燃易爆危险品储存、使用符合规定',
    'Flammable and explosive goods stored and used to rule',
    `${FIRE_LAW}第二十三条`,
    'major',
    'hazard.chemicals',
  ],
  [
    'sv.duty',
    '明确消防安全责任人，开展防火巡查，员工会报警、会逃生、会使用灭火器',
    'A named person responsible; fire patrols; staff can call, escape and use an extinguisher',
    `${FIRE_LAW}第十六条第一款第（一）、（五）项`,
    'minor',
    'hazard.fire',
    false,
  ],
];

const RENTAL: Row[] = [
  [
    'rh.registered',
    '房屋租赁合同已登记备案',
    'The tenancy is registered',
    '《商品房屋租赁管理办法》第十四条',
    'minor',
    'hazard.fire',
    false,
  ],
  [
    'rh.partition',
    '以原设计房间为最小出租单位，未隔断群租，厨房、卫生间、阳台未住人',
    'Let by original rooms: no partitions, nobody living in kitchen, bathroom or balcony',
    '《商品房屋租赁管理办法》第八条',
    'major',
    'hazard.fire',
  ],
  [
    'rh.exits',
    '楼道、疏散通道畅通，无杂物堆放',
    'Stairs and escape routes clear',
    `${FIRE_LAW}第二十八条`,
    'major',
    'hazard.fire',
  ],
  [
    'rh.ebike',
    '电动自行车未在室内、楼道停放或充电',
    'No e-bikes parked or charged indoors or in the stairwell',
    `${FIRE_LAW}第二十八条`,
    'major',
    'hazard.fire',
  ],
  [
    'rh.wiring',
    '电气线路无私拉乱接、老化破损',
    'No makeshift or worn-out wiring',
    `${FIRE_LAW}第二十七条`,
    'general',
    'hazard.fire',
  ],
  [
    'rh.gas',
    '燃气设施未擅自改装，燃气软管合格',
    'Gas installations unaltered, hoses sound',
    '《城镇燃气管理条例》第二十八条',
    'major',
    'hazard.gas',
  ],
  [
    'rh.alarm',
    '配置独立式感烟火灾探测报警器和灭火器',
    'Stand-alone smoke alarm and an extinguisher fitted',
    `${FIRE_LAW}第十六条第一款第（二）项`,
    'general',
    'hazard.fire',
  ],
  [
    'rh.structure',
    '房屋结构安全，无违法建筑',
    'Structure sound; no illegal building',
    '《商品房屋租赁管理办法》第六条',
    'major',
    'hazard.construction',
  ],
];

const CONSTRUCTION: Row[] = [
  [
    'cs.plans',
    '危险性较大的分部分项工程编制专项施工方案并经审核',
    'Method statements for high-risk works, reviewed',
    '《建设工程安全生产管理条例》第二十六条',
    'major',
    'hazard.construction',
  ],
  [
    'cs.edges',
    '临边、洞口防护到位',
    'Edges and openings guarded',
    'JGJ 80—2016《建筑施工高处作业安全技术规范》',
    'major',
    'hazard.construction',
  ],
  [
    'cs.signs',
    '危险部位设置安全警示标志',
    'Warning signs at dangerous spots',
    '《建设工程安全生产管理条例》第二十八条',
    'general',
    'hazard.construction',
  ],
  [
    'cs.zones',
    '办公、生活区与作业区分开设置，宿舍不在在建工程内',
    'Offices and dormitories apart from the works',
    '《建设工程安全生产管理条例》第二十九条',
    'major',
    'hazard.construction',
  ],
  [
    'cs.fire',
    '建立消防安全责任制度，设置消防通道、消防水源，配备消防设施',
    'Fire duty, access roads, water and equipment on site',
    '《建设工程安全生产管理条例》第三十一条',
    'major',
    'hazard.fire',
  ],
  [
    'cs.ppe',
    '作业人员配备并正确使用安全防护用具',
    'Workers have and wear protective equipment',
    '《建设工程安全生产管理条例》第三十二条、第三十四条',
    'general',
    'hazard.construction',
  ],
  [
    'cs.cranes',
    '起重机械、整体提升脚手架等经验收合格方可使用',
    'Cranes and climbing scaffolds accepted before use',
    '《建设工程安全生产管理条例》第三十五条',
    'major',
    'hazard.special_equipment',
  ],
  [
    'cs.training',
    '作业人员经安全生产教育培训',
    'Workers trained in safety',
    '《建设工程安全生产管理条例》第三十七条',
    'minor',
    'hazard.construction',
    false,
  ],
];

const toItems = (rows: Row[]): ChecklistItem[] =>
  rows.map(([code, textZh, textEn, legalBasis, severity, category, photoOnFail = true, min]) => ({
    code,
    textZh,
    textEn,
    legalBasis,
    severity,
    answerType: min === undefined ? 'pass_fail' : 'count',
    ...(min === undefined ? {} : { min }),
    photoOnFail,
    category,
  }));

export const SEED_CHECKLISTS: { type: ChecklistType; title: string; items: ChecklistItem[] }[] = [
  { type: 'small_venue', title: '三小场所消防安全检查表', items: toItems(SMALL_VENUE) },
  { type: 'rental', title: '出租房屋安全检查表', items: toItems(RENTAL) },
  { type: 'construction_site', title: '建筑工地安全检查表', items: toItems(CONSTRUCTION) },
];
