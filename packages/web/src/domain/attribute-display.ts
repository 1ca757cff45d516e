import type { CategoryAttribute } from '../api/types.ts';

/** A case's attribute values as label → text in the user's language, in the category's order. */
export function attributeRows(
  values: Record<string, unknown>,
  defs: CategoryAttribute[],
  lang: 'zh-CN' | 'en',
  yesNo: [string, string],
): { code: string; label: string; text: string }[] {
  const label = (x: { label_zh: string; label_en: string }) =>
    lang === 'en' ? x.label_en || x.label_zh : x.label_zh;
  const known = defs.filter((d) => d.code in values).map((d) => d.code);
  const codes = [...known, ...Object.keys(values).filter((c) => !known.includes(c))];
  return codes.map((code) => {
    const def = defs.find((d) => d.code === code);
    const raw = values[code];
    const option = (v: unknown) => {
      const o = def?.options?.find((x) => x.value === v);
      return o ? label(o) : String(v);
    };
    const text =
      typeof raw === 'boolean'
        ? yesNo[raw ? 0 : 1]
        : Array.isArray(raw)
          ? raw.map(option).join(lang === 'en' ? ', ' : '、')
          : option(raw);
    return { code, label: def ? label(def) : code, text };
  });
}
