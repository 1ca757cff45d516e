import { Card, Tabs, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { GridCases } from './GridCases.tsx';
import { MyGrid } from './MyGrid.tsx';

// the report form carries the map (location): loaded when the tab is opened, not with the list
const NewCaseForm = lazy(() =>
  import('../new-case/NewCasePage.tsx').then((m) => ({ default: m.NewCaseForm })),
);

/** The grid worker's phone: every open case of my grid(s), report with photo and location, my grid. */
export default function FieldPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const [tab, setTab] = useState('cases');
  const navigate = useNavigate();
  const grids = [...new Set((me?.posts ?? []).flatMap((p) => p.gridCodes ?? []))];
  return (
    <div className="cg-page cg-field" style={{ maxWidth: 720, margin: '0 auto' }}>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('field.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'cases', label: t('field.gridCases'), children: <GridCases grids={grids} /> },
          {
            key: 'report',
            label: t('field.report'),
            children: (
              <Card size="small">
                <Suspense fallback={<Loading />}>
                  <NewCaseForm compact onCreated={(id) => navigate(`/cases/${id}`)} />
                </Suspense>
              </Card>
            ),
          },
          {
            key: 'grids',
            label: t('field.myGrids'),
            children: grids.length ? (
              grids.map((g) => <MyGrid key={g} code={g} />)
            ) : (
              <Typography.Text type="secondary">{t('field.noGrid')}</Typography.Text>
            ),
          },
        ]}
      />
    </div>
  );
}
