import type { Lang } from '../../i18n/types.ts';

/**
 * A setup import's row problems come from the server in English (`file.row.<n>.<column>`: what is
 * wrong). In the Chinese console each known sentence is said in Chinese, its values kept; a
 * sentence not in this table is shown as the server wrote it.
 */
const ZH: [RegExp, string][] = [
  [/^must not be empty$/, '不能为空'],
  [/^must be a whole number ≥ 0$/, '须为不小于 0 的整数'],
  [/^must be a whole number 0–(\d+)$/, '须为 0–$1 的整数'],
  [/^must be (\d+)–(\d+) characters$/, '长度须为 $1–$2 个字符'],
  [/^must be at most (\d+) characters$/, '最多 $1 个字符'],
  [/^(\d+)–(\d+) letters, digits, _ \. or -$/, '须为 $1–$2 个字母、数字、_ . 或 -'],
  [/^"(.*)" is not one of (.+)$/, '“$1”不是以下之一：$2'],
  [/^one of (.+)$/, '须为以下之一：$1'],
  [/^is not valid JSON$/, '不是有效的 JSON'],
  [/^must be yes or no$/, '须为 yes 或 no'],
  [/^a 12-digit community code$/, '须为 12 位社区代码'],
  [/^a 12-digit division code$/, '须为 12 位区划代码'],
  [/^a 6- or 12-digit division code$/, '须为 6 位或 12 位区划代码'],
  [/^a division or grid code$/, '须为区划代码或网格代码'],
  [/^no active region (.+)$/, '没有在用的区划 $1'],
  [/^no region has the code (.+)$/, '没有代码为 $1 的区划'],
  [/^no region (.*)$/, '没有区划 $1'],
  [/^(.+) is retired$/, '$1 已撤销'],
  [/^(.+) is outside your scope$/, '$1 不在您的管辖范围内'],
  [/^(.+) is not an existing community$/, '$1 不是已有的社区'],
  [/^(.+) already exists as a (\w+) under (.+)$/, '$1 已作为 $3 下的 $2 存在'],
  [/^(.+) repeats feature (.+)$/, '$1 与第 $2 个要素重复'],
  [/^the unit (.+) repeats row (\d+)$/, '单位 $1 与第 $2 行重复'],
  [/^repeats row (\d+)$/, '与第 $1 行重复'],
  [/^the same post repeats$/, '同一岗位重复'],
  [/^the (sheet|file) has no rows$/, '没有数据行'],
  [/^the workbook has no sheet.*$/, '工作簿中没有所需的工作表'],
  [/^the header lacks the column (.+)$/, '表头缺少列 $1'],
  [/^unknown column "(.+)" \(known: (.+)\)$/, '未知列“$1”（可用：$2）'],
  [/^only grids have one$/, '只有网格才有此项'],
  [/^needs (?:grid_)?kind dedicated$/, '须为专属网格（dedicated）'],
  [/^a centre has none$/, '综治中心没有部门类型'],
  [/^required for a (\w+): one of (.+)$/, '$1 必填，须为以下之一：$2'],
  [/^'centre' or one of (.+)$/, '须为 centre 或以下之一：$1'],
  [/^a post needs a unit or a region_code$/, '岗位须有单位或 region_code'],
  [/^a (\w+) post needs a unit of kind (.+)$/, '$1 岗位须属于以下类型的单位：$2'],
  [
    /^unknown unit (\S+) \(neither in the units sheet nor an active unit\)$/,
    '未知单位 $1（既不在单位表中，也不是在用单位）',
  ],
  [/^unknown unit (.+)$/, '未知单位 $1'],
  [/^must lie inside the unit's region.*$/, '须在单位的辖区之内'],
  [/^grid workers and grid heads \(only\) are posted to grids$/, '只有网格员和网格长任职于网格'],
  [/^units sit at city, district, street or community level$/, '单位只能设在市、区、街道或社区一级'],
  [
    /^neither a GeoJSON Polygon\/MultiPolygon nor a WKT POLYGON\/MULTIPOLYGON$/,
    '既不是 GeoJSON Polygon/MultiPolygon，也不是 WKT POLYGON/MULTIPOLYGON',
  ],
  [/^off \(a public holiday\) or work \(a make-up working day\)$/, '须为 off（节假日）或 work（调休上班）'],
  [/^(.+) is a weekday: it is a working day already$/, '$1 是工作日，本来就要上班'],
  [/^(.+) is not in (\d+)$/, '$1 不在 $2 年内'],
  [/^not a list of attribute definitions$/, '不是属性定义列表'],
  [/^longitude (.+) is outside -180\.\.180$/, '经度 $1 超出 -180..180'],
  [/^latitude (.+) is outside -90\.\.90$/, '纬度 $1 超出 -90..90'],
  [/^coordinates must be finite numbers$/, '坐标须为有限数值'],
  [/^a linear ring must be closed.*$/, '线环须闭合：最后一个点须与第一个点相同'],
  [/^a linear ring needs at least (\d+) positions, it has (\d+)$/, '线环至少需要 $1 个点，现有 $2 个'],
  [/^a linear ring needs at least 3 distinct positions$/, '线环至少需要 3 个不同的点'],
  [
    /^rings must not intersect themselves or each other \(near (.+)\)$/,
    '边界线不能自相交或彼此相交（靠近 $1）',
  ],
];

/** The server's row message in the console's language (English as it came). */
export function rowMessage(lang: Lang, message: string): string {
  if (lang === 'en') return message;
  // a geometry problem may start with the path of the coordinates it is about ("coordinates.0.3: …")
  const m = /^([\w.[\]]+: )?(.*)$/s.exec(message);
  const [prefix, text] = [m?.[1] ?? '', m?.[2] ?? message];
  for (const [pattern, zh] of ZH) if (pattern.test(text)) return prefix + text.replace(pattern, zh);
  return message;
}
