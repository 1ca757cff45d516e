import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading, NotFoundPage } from '../components/problem.tsx';
import { useSession } from './session.tsx';

// One chunk per page: the log-in page and the inbox never load the map or chart libraries.
// The console's frame (menu, header) is a chunk of its own: the residents' portal never loads it.
const AppLayout = lazy(() => import('./AppLayout.tsx').then((m) => ({ default: m.AppLayout })));
const LoginPage = lazy(() => import('../pages/login/LoginPage.tsx'));
const PortalPage = lazy(() => import('../portal/PortalPage.tsx'));
const CommandCentre = lazy(() => import('../pages/command/CommandCentre.tsx'));
const InboxPage = lazy(() => import('../pages/inbox/InboxPage.tsx'));
const CasePage = lazy(() => import('../pages/case/CasePage.tsx'));
const NewCasePage = lazy(() => import('../pages/new-case/NewCasePage.tsx'));
const RegionsPage = lazy(() => import('../pages/regions/RegionsPage.tsx'));
const FieldPage = lazy(() => import('../pages/field/FieldPage.tsx'));
const InspectPage = lazy(() => import('../pages/inspect/InspectPage.tsx'));
const HazardsPage = lazy(() => import('../pages/inspect/HazardsPage.tsx'));
const PlacesPage = lazy(() => import('../pages/places/PlacesPage.tsx'));
const PlacePage = lazy(() => import('../pages/places/PlacePage.tsx'));
const ChecklistsPage = lazy(() => import('../pages/places/ChecklistsPage.tsx'));
const CampaignsPage = lazy(() => import('../pages/places/CampaignsPage.tsx'));
const CampaignBoardPage = lazy(() => import('../pages/places/CampaignBoardPage.tsx'));
const RiskMapPage = lazy(() => import('../pages/places/RiskMapPage.tsx'));
const UsersPage = lazy(() => import('../pages/admin/UsersPage.tsx'));
const UnitsPage = lazy(() => import('../pages/admin/UnitsPage.tsx'));
const CategoriesPage = lazy(() => import('../pages/admin/CategoriesPage.tsx'));
const HolidaysPage = lazy(() => import('../pages/admin/HolidaysPage.tsx'));
const RoutingPage = lazy(() => import('../pages/admin/RoutingPage.tsx'));
const TokensPage = lazy(() => import('../pages/admin/TokensPage.tsx'));
const AuditPage = lazy(() => import('../pages/admin/AuditPage.tsx'));
const PasswordPage = lazy(() => import('../pages/password/PasswordPage.tsx'));
const SetupPage = lazy(() => import('../pages/setup/SetupPage.tsx'));
const DisputesPage = lazy(() => import('../pages/disputes/DisputesPage.tsx'));
const NewDisputePage = lazy(() => import('../pages/disputes/NewDisputePage.tsx'));
const DisputePage = lazy(() => import('../pages/disputes/DisputePage.tsx'));
const ScreeningPage = lazy(() => import('../pages/disputes/ScreeningPage.tsx'));
const MediationRegistryPage = lazy(() => import('../pages/disputes/RegistryPage.tsx'));
const DisputeFiguresPage = lazy(() => import('../pages/disputes/FiguresPage.tsx'));
const PartyPortalPage = lazy(() => import('../pages/disputes/PartyPortalPage.tsx'));

function RequireLogin({ children }: { children: React.ReactNode }) {
  const { me, ready } = useSession();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!me)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  // a one-time password from an administrator: nothing else until the user has chosen their own
  if (me.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <>{children}</>;
}

/** A grid worker lands on their phone view; everyone else on the command centre. */
function Home() {
  const { me } = useSession();
  const roles = me?.roles ?? [];
  if (roles.includes('grid_worker') && roles.every((r) => r === 'grid_worker' || r === 'grid_head'))
    return <Navigate to="/field" replace />;
  return <CommandCentre />;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/portal" element={<PortalPage />} />
        <Route path="/portal/mediation/:token" element={<PartyPortalPage />} />
        <Route
          path="/password"
          element={
            <RequireLogin>
              <PasswordPage />
            </RequireLogin>
          }
        />
        <Route
          element={
            <RequireLogin>
              <AppLayout />
            </RequireLogin>
          }
        >
          <Route index element={<Home />} />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="cases" element={<InboxPage search />} />
          <Route path="cases/new" element={<NewCasePage />} />
          <Route path="cases/:id" element={<CasePage />} />
          <Route path="regions" element={<RegionsPage />} />
          <Route path="regions/:code" element={<RegionsPage />} />
          <Route path="field" element={<FieldPage />} />
          <Route path="disputes" element={<DisputesPage />} />
          <Route path="disputes/new" element={<NewDisputePage />} />
          <Route path="disputes/figures" element={<DisputeFiguresPage />} />
          <Route path="mediation-orgs" element={<MediationRegistryPage />} />
          <Route path="disputes/:id" element={<DisputePage />} />
          <Route path="screening" element={<ScreeningPage />} />
          <Route path="inspect" element={<InspectPage />} />
          <Route path="hazards" element={<HazardsPage />} />
          <Route path="places" element={<PlacesPage />} />
          <Route path="places/:id" element={<PlacePage />} />
          <Route path="checklists" element={<ChecklistsPage />} />
          <Route path="campaigns" element={<CampaignsPage />} />
          <Route path="campaigns/:id" element={<CampaignBoardPage />} />
          <Route path="risk-map" element={<RiskMapPage />} />
          <Route path="admin/users" element={<UsersPage />} />
          <Route path="admin/units" element={<UnitsPage />} />
          <Route path="admin/categories" element={<CategoriesPage />} />
          <Route path="admin/holidays" element={<HolidaysPage />} />
          <Route path="admin/routing" element={<RoutingPage />} />
          <Route path="admin/tokens" element={<TokensPage />} />
          <Route path="admin/audit" element={<AuditPage />} />
          <Route path="admin/setup" element={<SetupPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
