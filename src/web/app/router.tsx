import { useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { LoginPage } from '../pages/login';
import { NotFoundPage } from '../pages/not-found';
import { setUnauthorizedHandler } from './api';
import { SESSION_KEY, useAuth } from './auth';
import { PAGE_ROLES } from './page-roles';

const AppLayout = lazy(() => import('./layout'));
const CustomersPage = lazy(() => import('../pages/customers'));
const CustomerPage = lazy(() => import('../pages/customer'));
const CustomerNewPage = lazy(() => import('../pages/customer-new'));
const UsersPage = lazy(() => import('../pages/admin-users'));
const TeamsPage = lazy(() => import('../pages/admin-teams'));
const AuditPage = lazy(() => import('../pages/admin-audit'));
const ImportsPage = lazy(() => import('../pages/imports'));
const DayPage = lazy(() => import('../pages/day'));
const TasksPage = lazy(() => import('../pages/tasks'));
const InteractionsPage = lazy(() => import('../pages/interactions'));
const CalendarPage = lazy(() => import('../pages/calendar'));
const TeamPage = lazy(() => import('../pages/team'));
const VisitPlansPage = lazy(() => import('../pages/visit-plans'));
const VisitPlanPage = lazy(() => import('../pages/visit-plan'));
const VisitPlanFormPage = lazy(() => import('../pages/visit-plan-form'));
const ProspectsPage = lazy(() => import('../pages/prospects'));
const ProspectPage = lazy(() => import('../pages/prospect'));
const ProspectNewPage = lazy(() => import('../pages/prospect-new'));
const ProspectAnalyticsPage = lazy(() => import('../pages/prospect-analytics'));
const ReferralNetworkPage = lazy(() => import('../pages/referral-network'));
const IdealCustomerPage = lazy(() => import('../pages/admin-ideal-customer'));
const ValueAnalyticsPage = lazy(() => import('../pages/value-analytics'));
const AdminValuePage = lazy(() => import('../pages/admin-value'));
const SurveysPage = lazy(() => import('../pages/surveys'));
const SurveyCampaignPage = lazy(() => import('../pages/survey-campaign'));
const PublicSurveyPage = lazy(() => import('../pages/survey-public'));
const ComplaintsPage = lazy(() => import('../pages/complaints'));
const LoyaltyPage = lazy(() => import('../pages/loyalty'));
const ExitCandidatesPage = lazy(() => import('../pages/exit-candidates'));
const ExitPlansPage = lazy(() => import('../pages/exit-plans'));
const ExitPlanPage = lazy(() => import('../pages/exit-plan'));
const ExitPlanFormPage = lazy(() => import('../pages/exit-plan-form'));
const ExitWatchListPage = lazy(() => import('../pages/exit-watch-list'));
const ExitReportPage = lazy(() => import('../pages/exit-report'));
const AdminExitCriteriaPage = lazy(() => import('../pages/admin-exit-criteria'));
const AdminSatisfactionPage = lazy(() => import('../pages/admin-satisfaction'));

const loading = (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
  </div>
);

function RequireSession({ children, path }: { children: ReactNode; path?: string }) {
  const { user, loading: pending } = useAuth();
  const location = useLocation();
  if (pending) return loading;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (path && !PAGE_ROLES[path]?.includes(user.role)) return <NotFoundPage />;
  return <>{children}</>;
}

/** A 401 from any call means the session ended: forget it and sign in again, then come back here. */
function SessionExpiry() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      // The sign-in page, and a customer's survey link, which has no session to lose.
      if (location.pathname === '/login' || location.pathname.startsWith('/s/')) return;
      queryClient.setQueryData(SESSION_KEY, null);
      const next = encodeURIComponent(location.pathname + location.search);
      navigate(`/login?next=${next}&expired=1`, { replace: true });
    });
  }, [navigate, location, queryClient]);
  return null;
}

/** The people who serve customers start from their day; the others from the customer list. */
function Home() {
  const { user } = useAuth();
  return <Navigate to={user && PAGE_ROLES['/day']?.includes(user.role) ? '/day' : '/customers'} replace />;
}

export function AppRouter() {
  const page = (path: string, element: ReactNode) => (
    <RequireSession path={path}>
      <Suspense fallback={loading}>{element}</Suspense>
    </RequireSession>
  );
  return (
    <BrowserRouter>
      <SessionExpiry />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {/* The customer's one-time survey link: no session, no layout, nothing of the bank's data. */}
        <Route
          path="/s/:token"
          element={
            <Suspense fallback={loading}>
              <PublicSurveyPage />
            </Suspense>
          }
        />
        <Route
          element={
            <RequireSession>
              <Suspense fallback={loading}>
                <AppLayout />
              </Suspense>
            </RequireSession>
          }
        >
          <Route index element={<Home />} />
          <Route path="/day" element={page('/day', <DayPage />)} />
          <Route path="/tasks" element={page('/tasks', <TasksPage />)} />
          <Route path="/interactions" element={page('/interactions', <InteractionsPage />)} />
          <Route path="/calendar" element={page('/calendar', <CalendarPage />)} />
          <Route path="/team" element={page('/team', <TeamPage />)} />
          <Route path="/visit-plans" element={page('/visit-plans', <VisitPlansPage />)} />
          <Route path="/visit-plans/new" element={page('/visit-plans/new', <VisitPlanFormPage />)} />
          <Route path="/visit-plans/:id" element={page('/visit-plans', <VisitPlanPage />)} />
          <Route path="/visit-plans/:id/edit" element={page('/visit-plans/new', <VisitPlanFormPage />)} />
          <Route path="/prospects" element={page('/prospects', <ProspectsPage />)} />
          <Route path="/prospects/new" element={page('/prospects/new', <ProspectNewPage />)} />
          <Route
            path="/prospects/analytics"
            element={page('/prospects/analytics', <ProspectAnalyticsPage />)}
          />
          <Route path="/prospects/network" element={page('/prospects/network', <ReferralNetworkPage />)} />
          <Route path="/prospects/:id" element={page('/prospects', <ProspectPage />)} />
          <Route path="/analytics/value" element={page('/analytics/value', <ValueAnalyticsPage />)} />
          <Route path="/customers" element={page('/customers', <CustomersPage />)} />
          <Route path="/customers/new" element={page('/customers/new', <CustomerNewPage />)} />
          <Route path="/customers/:id" element={page('/customers', <CustomerPage />)} />
          <Route path="/admin/users" element={page('/admin/users', <UsersPage />)} />
          <Route path="/admin/teams" element={page('/admin/teams', <TeamsPage />)} />
          <Route path="/admin/audit" element={page('/admin/audit', <AuditPage />)} />
          <Route
            path="/admin/ideal-customer"
            element={page('/admin/ideal-customer', <IdealCustomerPage />)}
          />
          <Route path="/admin/value" element={page('/admin/value', <AdminValuePage />)} />
          <Route path="/surveys" element={page('/surveys', <SurveysPage />)} />
          <Route path="/surveys/:id" element={page('/surveys', <SurveyCampaignPage />)} />
          <Route path="/complaints" element={page('/complaints', <ComplaintsPage />)} />
          <Route path="/analytics/loyalty" element={page('/analytics/loyalty', <LoyaltyPage />)} />
          <Route
            path="/admin/satisfaction"
            element={page('/admin/satisfaction', <AdminSatisfactionPage />)}
          />
          <Route path="/exit/candidates" element={page('/exit/candidates', <ExitCandidatesPage />)} />
          <Route path="/exit/plans" element={page('/exit/plans', <ExitPlansPage />)} />
          <Route path="/exit/plans/new" element={page('/exit/plans/new', <ExitPlanFormPage />)} />
          <Route path="/exit/plans/:id" element={page('/exit/plans', <ExitPlanPage />)} />
          <Route path="/exit/plans/:id/edit" element={page('/exit/plans/new', <ExitPlanFormPage />)} />
          <Route path="/exit/watch-list" element={page('/exit/watch-list', <ExitWatchListPage />)} />
          <Route path="/exit/report" element={page('/exit/report', <ExitReportPage />)} />
          <Route
            path="/admin/exit-criteria"
            element={page('/admin/exit-criteria', <AdminExitCriteriaPage />)}
          />
          <Route path="/admin/imports" element={page('/admin/imports', <ImportsPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
