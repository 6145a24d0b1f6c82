import {
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  CommentOutlined,
  ControlOutlined,
  DashboardOutlined,
  ExportOutlined,
  EyeOutlined,
  FormOutlined,
  FundOutlined,
  FunnelPlotOutlined,
  HeartOutlined,
  LogoutOutlined,
  MessageOutlined,
  PieChartOutlined,
  RiseOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SlidersOutlined,
  SmileOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Dropdown, Layout, Menu, Space, Typography, theme } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { ROLES } from '../../shared/codes';
import { applyLanguage, LanguageSwitch } from '../components/language-switch';
import { codeLabel } from '../i18n';
import { NotificationBell } from '../modules/day/components/notification-bell';
import { useAuth, useUser } from './auth';
import { PAGE_ROLES } from './page-roles';

export default function AppLayout() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();

  // The language the user chose last, wherever they chose it.
  useEffect(() => {
    if (user.locale !== i18n.language) void applyLanguage(user.locale);
  }, [user.locale, i18n]);

  const items = [
    { key: '/day', icon: <DashboardOutlined />, label: <Link to="/day">{t('nav.day')}</Link> },
    { key: '/customers', icon: <TeamOutlined />, label: <Link to="/customers">{t('nav.customers')}</Link> },
    {
      key: '/analytics/value',
      icon: <PieChartOutlined />,
      label: <Link to="/analytics/value">{t('nav.valueAnalytics')}</Link>,
    },
    {
      key: '/analytics/loyalty',
      icon: <HeartOutlined />,
      label: <Link to="/analytics/loyalty">{t('nav.loyalty')}</Link>,
    },
    {
      key: '/exit/candidates',
      icon: <SafetyOutlined />,
      label: <Link to="/exit/candidates">{t('nav.exitCandidates')}</Link>,
    },
    {
      key: '/exit/plans',
      icon: <ExportOutlined />,
      label: <Link to="/exit/plans">{t('nav.exitPlans')}</Link>,
    },
    {
      key: '/exit/watch-list',
      icon: <EyeOutlined />,
      label: <Link to="/exit/watch-list">{t('nav.exitWatchList')}</Link>,
    },
    {
      key: '/exit/report',
      icon: <BarChartOutlined />,
      label: <Link to="/exit/report">{t('nav.exitReport')}</Link>,
    },
    { key: '/surveys', icon: <FormOutlined />, label: <Link to="/surveys">{t('nav.surveys')}</Link> },
    {
      key: '/complaints',
      icon: <MessageOutlined />,
      label: <Link to="/complaints">{t('nav.complaints')}</Link>,
    },
    { key: '/prospects', icon: <RiseOutlined />, label: <Link to="/prospects">{t('nav.prospects')}</Link> },
    {
      key: '/prospects/analytics',
      icon: <FunnelPlotOutlined />,
      label: <Link to="/prospects/analytics">{t('nav.prospectAnalytics')}</Link>,
    },
    {
      key: '/prospects/network',
      icon: <ApartmentOutlined />,
      label: <Link to="/prospects/network">{t('nav.referralNetwork')}</Link>,
    },
    {
      key: '/visit-plans',
      icon: <ScheduleOutlined />,
      label: <Link to="/visit-plans">{t('nav.visitPlans')}</Link>,
    },
    {
      key: '/interactions',
      icon: <CommentOutlined />,
      label: <Link to="/interactions">{t('nav.interactions')}</Link>,
    },
    { key: '/tasks', icon: <CarryOutOutlined />, label: <Link to="/tasks">{t('nav.tasks')}</Link> },
    { key: '/calendar', icon: <CalendarOutlined />, label: <Link to="/calendar">{t('nav.calendar')}</Link> },
    { key: '/team', icon: <FundOutlined />, label: <Link to="/team">{t('nav.team')}</Link> },
    {
      key: '/admin/users',
      icon: <UsergroupAddOutlined />,
      label: <Link to="/admin/users">{t('nav.users')}</Link>,
    },
    { key: '/admin/teams', icon: <TeamOutlined />, label: <Link to="/admin/teams">{t('nav.teams')}</Link> },
    {
      key: '/admin/ideal-customer',
      icon: <AimOutlined />,
      label: <Link to="/admin/ideal-customer">{t('nav.idealCustomer')}</Link>,
    },
    {
      key: '/admin/value',
      icon: <SlidersOutlined />,
      label: <Link to="/admin/value">{t('nav.valueSettings')}</Link>,
    },
    {
      key: '/admin/satisfaction',
      icon: <SmileOutlined />,
      label: <Link to="/admin/satisfaction">{t('nav.satisfactionSettings')}</Link>,
    },
    {
      key: '/admin/exit-criteria',
      icon: <ControlOutlined />,
      label: <Link to="/admin/exit-criteria">{t('nav.exitCriteria')}</Link>,
    },
    {
      key: '/admin/imports',
      icon: <CloudUploadOutlined />,
      label: <Link to="/admin/imports">{t('nav.imports')}</Link>,
    },
    { key: '/admin/audit', icon: <AuditOutlined />, label: <Link to="/admin/audit">{t('nav.audit')}</Link> },
  ].filter((item) => PAGE_ROLES[item.key]?.includes(user.role));
  // The longest key the path starts with: /prospects/network is not also /prospects.
  const selected = items
    .map((i) => i.key)
    .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={200} theme="dark">
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 16, fontWeight: 600 }}>
          {t('app.name')}
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={selected} items={items} aria-label={t('nav.label')} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Space size="middle">
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: t('auth.logout'),
                    onClick: async () => {
                      await logout();
                      navigate('/login', { replace: true });
                    },
                  },
                ],
              }}
            >
              <Space style={{ cursor: 'pointer' }} data-testid="user-menu" tabIndex={0}>
                <Avatar size="small" icon={<UserOutlined />} />
                <Typography.Text>{user.displayName}</Typography.Text>
                <Typography.Text type="secondary">{codeLabel(ROLES.labels, user.role)}</Typography.Text>
              </Space>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
