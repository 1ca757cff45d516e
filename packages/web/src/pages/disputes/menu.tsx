import { TeamOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { Translate } from '../../i18n/index.tsx';

const DISPUTE_ROLES = ['grid_worker', 'grid_head', 'centre_operator', 'mediator', 'leader', 'admin'];
const REGISTRARS = ['grid_worker', 'grid_head', 'centre_operator', 'mediator'];
const FIGURE_READERS = ['centre_operator', 'mediator', 'leader', 'admin'];

/** The console's disputes entries (the server still decides what each may see and do). */
export function disputeMenu(roles: readonly string[], t: Translate): NonNullable<MenuProps['items']> {
  if (!roles.some((r) => DISPUTE_ROLES.includes(r))) return [];
  return [
    {
      key: 'disputes',
      icon: <TeamOutlined />,
      label: t('nav.disputes'),
      children: [
        { key: '/disputes', label: t('nav.disputeList') },
        ...(roles.some((r) => REGISTRARS.includes(r))
          ? [{ key: '/disputes/new', label: t('nav.newDispute') }]
          : []),
        { key: '/screening', label: t('nav.screening') },
        ...(roles.some((r) => FIGURE_READERS.includes(r))
          ? [{ key: '/disputes/figures', label: t('nav.disputeFigures') }]
          : []),
        { key: '/mediation-orgs', label: t('nav.mediationRegistry') },
      ],
    },
  ];
}

/** Menu keys of the disputes pages, most specific first. */
export const DISPUTE_MENU_KEYS = [
  '/disputes/new',
  '/disputes/figures',
  '/disputes',
  '/screening',
  '/mediation-orgs',
];
