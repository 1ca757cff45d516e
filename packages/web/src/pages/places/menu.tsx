import { SafetyOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { Translate } from '../../i18n/index.tsx';
import { INSPECTING, READERS } from './roles.ts';

/** The console's hazard screening entries (the server still decides what each may see and do). */
export function inspectionMenu(roles: readonly string[], t: Translate): NonNullable<MenuProps['items']> {
  if (!roles.some((r) => READERS.includes(r))) return [];
  return [
    {
      key: 'inspections',
      icon: <SafetyOutlined />,
      label: t('nav.inspections'),
      children: [
        ...(roles.some((r) => INSPECTING.includes(r)) ? [{ key: '/inspect', label: t('nav.inspect') }] : []),
        { key: '/hazards', label: t('nav.hazards') },
        { key: '/places', label: t('nav.places') },
        { key: '/checklists', label: t('nav.checklists') },
        { key: '/campaigns', label: t('nav.campaigns') },
        { key: '/risk-map', label: t('nav.riskMap') },
      ],
    },
  ];
}

/** Menu keys of the inspections pages, most specific first. */
export const INSPECTION_MENU_KEYS = [
  '/inspect',
  '/hazards',
  '/places',
  '/checklists',
  '/campaigns',
  '/risk-map',
];
