import type { Role } from '../../shared/codes';

/** Which roles see which page; the menu shows only these. */
export const PAGE_ROLES: Record<string, readonly Role[]> = {
  '/day': ['rm', 'team_lead'],
  '/tasks': ['rm', 'team_lead', 'risk_officer', 'admin'],
  '/interactions': ['rm', 'team_lead', 'risk_officer', 'admin'],
  '/visit-plans': ['rm', 'team_lead', 'risk_officer', 'admin'],
  '/visit-plans/new': ['rm', 'team_lead'],
  '/calendar': ['rm', 'team_lead'],
  '/team': ['team_lead', 'admin'],
  '/prospects': ['rm', 'team_lead', 'risk_officer', 'admin'],
  '/prospects/new': ['rm', 'team_lead'],
  '/prospects/analytics': ['rm', 'team_lead', 'risk_officer', 'admin'],
  '/prospects/network': ['rm', 'team_lead', 'risk_officer', 'admin'],
  '/admin/ideal-customer': ['admin'],
  '/analytics/value': ['rm', 'team_lead', 'risk_officer', 'admin'],
  '/admin/value': ['admin'],
  '/surveys': ['rm', 'team_lead', 'risk_officer', 'admin'],
  '/complaints': ['rm', 'team_lead', 'risk_officer', 'admin'],
  '/analytics/loyalty': ['rm', 'team_lead', 'risk_officer', 'admin'],
  '/admin/satisfaction': ['admin'],
  '/customers': ['rm', 'team_lead', 'risk_officer', 'admin'],
  '/customers/new': ['rm', 'team_lead', 'admin'],
  '/admin/users': ['admin'],
  '/admin/teams': ['admin'],
  '/admin/audit': ['admin'],
  '/admin/imports': ['admin'],
};
