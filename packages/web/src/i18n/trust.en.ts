import type { trustZh } from './trust.zh.ts';

/** English for trust.zh.ts: every key, checked by the type. */
export const trustEn: Record<keyof typeof trustZh, string> = {
  'step.copied': 'Copied to us',
  'action.yellow_card': 'Yellow card (deadline near)',
};
