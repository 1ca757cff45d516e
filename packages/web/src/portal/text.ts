import { useI18n } from '../i18n/index.tsx';
import { translateValue } from '../i18n/translate.ts';
import { enPortal, type PortalKey, zhPortal } from './strings.ts';

/** The portal's words in the chosen language (the console's language switch, shared). */
export function usePortalText() {
  const { lang, setLang } = useI18n();
  const zh = lang !== 'en';
  const p = (key: PortalKey, vars: Record<string, string | number> = {}) =>
    Object.entries(vars).reduce(
      (s, [k, v]) => s.replace(`{${k}}`, String(v)),
      zh ? zhPortal[key] : enPortal[key],
    );
  const pick = (names: Record<string, { zh: string; en: string }>, key: string) =>
    names[key]?.[zh ? 'zh' : 'en'] ?? key;
  /** A case's state in the console's words, so resident and staff name a step alike. */
  const status = (s: string) => translateValue(lang, 'status', s);
  return { p, pick, status, zh, lang, setLang };
}
