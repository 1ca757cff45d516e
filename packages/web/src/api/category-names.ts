import { useEffect, useState } from 'react';
import { normaliseCategories } from './categories.ts';
import { api } from './client.ts';
import type { Category } from './types.ts';

let cache: Promise<Map<string, Category>> | null = null;

/** Every category by code, fetched once per page load (lists carry only the code). */
export function loadCategoryNames(): Promise<Map<string, Category>> {
  cache ??= api<unknown>('categories')
    .then((answer) => new Map(normaliseCategories(answer).map((c) => [c.code, c])))
    .catch((error) => {
      cache = null;
      throw error;
    });
  return cache;
}

/** Every category by code (null until loaded). */
export function useCategories(): Map<string, Category> | null {
  const [names, setNames] = useState<Map<string, Category> | null>(null);
  useEffect(() => {
    loadCategoryNames()
      .then(setNames)
      .catch(() => setNames(new Map()));
  }, []);
  return names;
}

/** A category's name in the user's language, or its code until the names arrive. */
export function useCategoryName(): (code: string, lang: string) => string {
  const names = useCategories();
  return (code, lang) => {
    const c = names?.get(code);
    return c ? (lang === 'en' ? c.nameEn : c.nameZh) : code;
  };
}
