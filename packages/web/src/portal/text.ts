import { useI18n } from '../i18n/index.tsx';
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
  return { p, pick, zh, lang, setLang };
}
