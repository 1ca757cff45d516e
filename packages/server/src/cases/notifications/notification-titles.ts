/** What a notification is about: its title in each language, around its subject. */
export const NOTIFICATION_TITLES = {
  new_case: { zh: '新案件：{subject}', en: 'New case: {subject}' },
  assigned: { zh: '案件交办：{subject}', en: 'Case assigned: {subject}' },
  summons: { zh: '吹哨报到：{subject}', en: 'Summoned to report in: {subject}' },
  copy: { zh: '抄告：{subject}', en: 'Copied for your information: {subject}' },
  rating: { zh: '群众评价：{subject}', en: 'Resident rating: {subject}' },
  supervision: { zh: '领导督办：{subject}', en: 'Supervised by a leader: {subject}' },
  supervision_reply: { zh: '督办回复：{subject}', en: 'Reply to supervision: {subject}' },
  yellow_card: { zh: '黄牌预警：{subject}', en: 'Yellow card: {subject}' },
  red_card: { zh: '红牌督办：{subject}', en: 'Red card: {subject}' },
  key_case: { zh: '重点案件包案：{subject}', en: 'Key case assigned to you: {subject}' },
  backlog_case: { zh: '积案包案：{subject}', en: 'Backlog case assigned to you: {subject}' },
  merged: {
    zh: '您反映的问题已并入其他案件一并办理：{subject}',
    en: 'Your report was merged into another case; follow that case for progress: {subject}',
  },
} as const;

export type NotificationTitleKey = keyof typeof NOTIFICATION_TITLES;
export type NotificationLang = 'zh' | 'en';

/** The title of a notification in a language (the Chinese one is also stored as `title`). */
export function notificationTitle(
  key: NotificationTitleKey,
  subject: string,
  lang: NotificationLang,
): string {
  return NOTIFICATION_TITLES[key][lang].replace('{subject}', subject);
}

export function isTitleKey(key: string | null): key is NotificationTitleKey {
  return key !== null && Object.hasOwn(NOTIFICATION_TITLES, key);
}
