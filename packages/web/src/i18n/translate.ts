import { en } from './en.ts';
import type { Lang } from './types.ts';
import { type MessageKey, zh } from './zh.ts';

const tables: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, en };

/** Look a key up in a language's table, filling {placeholders}. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = tables[lang][key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`)) : text;
}

/** A key built at run time (an enum value from the API): is it in the tables? */
export function hasKey(key: string): key is MessageKey {
  return key in zh;
}

/** `prefix.value` in the user's language when the tables have it, else the raw value. */
export function translateValue(lang: Lang, prefix: string, value: string | null | undefined): string {
  if (!value) return '';
  const key = `${prefix}.${value}`;
  return hasKey(key) ? translate(lang, key) : value;
}
