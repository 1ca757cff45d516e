/**
 * A small two-level taxonomy the generator inserts only into a database without categories
 * (the cases module seeds the real one with the demo city).
 */
export const FALLBACK_CATEGORIES: {
  code: string;
  kind: string;
  parent: string | null;
  zh: string;
  en: string;
}[] = [
  [
    'request',
    '诉求',
    'Requests',
    [
      ['environment', '环境卫生', 'Sanitation'],
      ['roads', '道路设施', 'Roads'],
      ['property', '物业服务', 'Property services'],
      ['noise', '噪声扰民', 'Noise'],
      ['water', '供水排水', 'Water and drains'],
      ['heating', '供暖', 'Heating'],
      ['parking', '停车管理', 'Parking'],
    ],
  ],
  [
    'dispute',
    '矛盾纠纷',
    'Disputes',
    [
      ['family', '婚姻家庭', 'Family'],
      ['neighbour', '邻里纠纷', 'Neighbours'],
      ['property', '物业纠纷', 'Property management'],
      ['labour', '劳动争议', 'Labour'],
      ['land', '土地纠纷', 'Land'],
      ['contract', '合同纠纷', 'Contract'],
    ],
  ],
  [
    'hazard',
    '安全隐患',
    'Hazards',
    [
      ['fire', '消防安全', 'Fire'],
      ['gas', '燃气安全', 'Gas'],
      ['construction', '建筑施工', 'Construction'],
      ['food', '食品药品', 'Food and drugs'],
      ['traffic', '交通安全', 'Traffic'],
    ],
  ],
  [
    'incident',
    '突发事件',
    'Incidents',
    [
      ['accident', '事故灾难', 'Accidents'],
      ['public_health', '公共卫生', 'Public health'],
      ['weather', '自然灾害', 'Natural disasters'],
    ],
  ],
  [
    'tip',
    '线索',
    'Tips',
    [
      ['illegal_building', '违法建设', 'Illegal building'],
      ['illegal_business', '无证经营', 'Unlicensed business'],
      ['other', '其他线索', 'Other tips'],
    ],
  ],
].flatMap(([kind, zh, en, leaves]) => [
  { code: kind as string, kind: kind as string, parent: null, zh: zh as string, en: en as string },
  ...(leaves as string[][]).map(([code, lzh, len]) => ({
    code: `${kind}.${code}`,
    kind: kind as string,
    parent: kind as string,
    zh: lzh as string,
    en: len as string,
  })),
]);
