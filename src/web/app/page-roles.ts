import type { Role } from '../../shared/codes';

/** Which roles see which page; the menu shows only these. */
export const PAGE_ROLES: Record<string, readonly Role[]> = {
  '/customers': ['rm', 'team_lead', 'risk_officer', 'admin'],
  '/customers/new': ['rm', 'team_lead', 'admin'],
  '/admin/users': ['admin'],
  '/admin/teams': ['admin'],
  '/admin/audit': ['admin'],
  '/admin/imports': ['admin'],
};
