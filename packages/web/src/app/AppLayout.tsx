import {
  AimOutlined,
  ApartmentOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  InboxOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  PlusCircleOutlined,
  SettingOutlined,
  TranslationOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, type MenuProps, Space, Tag, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Loading } from '../components/problem.tsx';
import { useI18n } from '../i18n/index.tsx';
import { DISPUTE_MENU_KEYS, disputeMenu } from '../pages/disputes/menu.tsx';
import { INSPECTION_MENU_KEYS, inspectionMenu } from '../pages/places/menu.tsx';
import { DemoBanner } from './city.tsx';
import { displayName, useSession } from './session.tsx';

const STAFF_ADMIN = ['admin', 'auditor'];

export function AppLayout() {
  const { t, lang, setLang, tv } = useI18n();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const roles = me?.roles ?? [];
  // the go-live checklist is the city administrator's (a district administrator's post is below the city)
  const cityAdmin = (me?.posts ?? []).some(
    (p) => p.role === 'admin' && (p.regionPath ?? '').split('/').filter(Boolean).length === 1,
  );

  // The menu only helps people find their pages; the server decides what each may see and do.
  const items: MenuProps['items'] = [
    { key: '/', icon: <DashboardOutlined />, label: t('nav.home') },
    { key: '/inbox', icon: <InboxOutlined />, label: t('nav.inbox') },
    { key: '/cases', icon: <FileSearchOutlined />, label: t('nav.cases') },
    { key: '/cases/new', icon: <PlusCircleOutlined />, label: t('nav.newCase') },
    { key: '/regions', icon: <ApartmentOutlined />, label: t('nav.regions') },
    ...(roles.includes('grid_worker') || roles.includes('grid_head')
      ? [{ key: '/field', icon: <AimOutlined />, label: t('nav.field') }]
      : []),
    ...disputeMenu(roles, t),
    ...inspectionMenu(roles, t),
    ...(roles.some((r) => STAFF_ADMIN.includes(r))
      ? [
          {
            key: 'admin',
            icon: <SettingOutlined />,
            label: t('nav.admin'),
            children: [
              { key: '/admin/users', label: t('nav.users') },
              { key: '/admin/units', label: t('nav.units') },
              { key: '/admin/categories', label: t('nav.categories') },
              { key: '/admin/holidays', label: t('nav.holidays') },
              { key: '/admin/routing', label: t('nav.routing') },
              { key: '/admin/tokens', label: t('nav.tokens') },
              { key: '/admin/audit', label: t('nav.audit') },
              ...(cityAdmin ? [{ key: '/admin/setup', label: t('nav.setup') }] : []),
            ],
          },
        ]
      : []),
  ];
  const path = location.pathname;
  const selected =
    path === '/'
      ? '/'
      : ([
          '/cases/new',
          '/admin/users',
          '/admin/units',
          '/admin/categories',
          '/admin/holidays',
          '/admin/routing',
          '/admin/tokens',
        ]
          .concat(DISPUTE_MENU_KEYS, INSPECTION_MENU_KEYS, [
            '/admin/audit',
            '/admin/setup',
            '/inbox',
            '/cases',
            '/regions',
            '/field',
          ])
          .find((k) => path === k || path.startsWith(`${k}/`)) ?? path);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="cg-skip" href="#main">
        {t('nav.menu')}
      </a>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        collapsible
        trigger={null}
        collapsed={collapsed}
        onBreakpoint={(broken) => setCollapsed(broken)}
        width={200}
        theme="dark"
        className="cg-sider"
      >
        <div style={{ color: '#fff', padding: '16px', fontWeight: 600, fontSize: 16 }}>{t('app.short')}</div>
        <nav aria-label={t('nav.menu')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            defaultOpenKeys={
              path.startsWith('/admin')
                ? ['admin']
                : DISPUTE_MENU_KEYS.some((k) => path.startsWith(k))
                  ? ['disputes']
                  : INSPECTION_MENU_KEYS.some((k) => path.startsWith(k))
                    ? ['inspections']
                    : []
            }
            items={items}
            onClick={({ key }) => {
              navigate(key);
              if (window.innerWidth < 992) setCollapsed(true);
            }}
          />
        </nav>
      </Layout.Sider>
      {/* on a phone the open menu slides over the page (it does not narrow it); a tap beside it shuts it */}
      {collapsed ? null : (
        <div className="cg-sider-backdrop" aria-hidden="true" onClick={() => setCollapsed(true)} />
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
          }}
        >
          <Space style={{ minWidth: 0 }}>
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              aria-label={t('nav.menu')}
              aria-expanded={!collapsed}
              onClick={() => setCollapsed(!collapsed)}
            />
            <Typography.Title
              className="cg-hide-narrow"
              level={1}
              style={{
                margin: 0,
                fontSize: 18,
                whiteSpace: 'nowrap',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
              }}
            >
              {t('app.name')}
            </Typography.Title>
          </Space>
          <Space wrap={false}>
            <Button
              icon={<TranslationOutlined />}
              aria-label={t('lang.label')}
              data-testid="lang-switch"
              onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
            >
              {t('lang.switch')}
            </Button>
            <span data-testid="current-user" className="cg-hide-narrow">
              {displayName(me)}{' '}
              {roles.slice(0, 1).map((r) => (
                <Tag key={r}>{tv('role', r)}</Tag>
              ))}
            </span>
            <Button
              icon={<KeyOutlined />}
              onClick={() => navigate('/password')}
              data-testid="change-password"
            >
              <span className="cg-hide-narrow">{t('nav.password')}</span>
            </Button>
            <Button
              icon={<LogoutOutlined />}
              onClick={async () => {
                await logout();
                navigate('/login');
              }}
            >
              {t('nav.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <DemoBanner text={t('setup.banner')} />
        <Layout.Content id="main" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
