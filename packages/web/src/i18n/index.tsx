import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { hasKey, translate, translateValue } from './translate.ts';
import type { Lang, Translate } from './types.ts';
import type { MessageKey } from './zh.ts';

export type { Lang, MessageKey, Translate };
export { hasKey, translate };

const STORAGE_KEY = 'civicgrid.lang';
export const antdLocales = { 'zh-CN': zhCN, en: enUS };

export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  /** Translate `prefix.value` when the table has it, else the raw value. */
  tv(prefix: string, value: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function applyLang(lang: Lang) {
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = storedLang();
    applyLang(l);
    return l;
  });
  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // private mode: the choice lasts for this page only
    }
    applyLang(l);
    document.title = translate(l, 'app.name');
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const t: Translate = (key, vars) => translate(lang, key, vars);
    const tv = (prefix: string, v: string | null | undefined) => translateValue(lang, prefix, v);
    return { lang, setLang, t, tv };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
