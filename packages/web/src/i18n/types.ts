import type { MessageKey } from './zh.ts';

export type Lang = 'zh-CN' | 'en';
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;
