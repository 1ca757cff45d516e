import type { wordsZh } from './words.zh.ts';

/** English for words.zh.ts: every key, checked by the type. */
export const wordsEn: Record<keyof typeof wordsZh, string> = {
  'admin.tokenPrefix': 'Prefix',
  'admin.tokenCreatedAt': 'Created',
  'admin.tokenExpires': 'Expires',
  'admin.holidayKind': 'Type',
  'admin.dayOff': 'Public holiday (day off)',
  'admin.dayWork': 'Make-up working day',
  'admin.provisional': 'provisional',
  'admin.nameZh': 'Name (Chinese)',
  'admin.nameEn': 'Name (English)',
  'role.resident': 'Resident',
  'role.anonymous': 'Anonymous resident',
  'role.system': 'System',
  'login.wrong': 'Wrong user name or password',
  'login.locked': 'Too many failed log-ins: try again in {seconds} s',
  'login.lockedLater': 'Too many failed log-ins: try again later',
  'map.myLocation': 'Use my location',
  'map.locating': 'Locating…',
  'map.accuracy': 'Accurate to about {metres} m',
  'map.locateFailed': 'Could not get your position: {reason}',
  'map.locateUnsupported': 'This device or browser cannot give its position',
  'map.locateDenied': 'Permission to use your position was refused; allow it in the browser settings',
};
