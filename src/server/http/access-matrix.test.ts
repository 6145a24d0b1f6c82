import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  type TestContext,
} from '../../../tests/support/test-app';
import type { Role } from '../../shared/codes';

// Who may call what, route by route. A route the app serves that is missing here fails the first
// test, so every new endpoint must state its roles. The second test calls every route as every role.
const ALL: Role[] = ['rm', 'team_lead', 'risk_officer', 'admin'];
const WRITERS: Role[] = ['rm', 'team_lead', 'admin'];
const ASSIGNERS: Role[] = ['team_lead', 'admin'];
const ADMIN: Role[] = ['admin'];

const MATRIX: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': ALL,
  'GET /auth/me': ALL,
  'PATCH /auth/me': ALL,
  'GET /users': ['team_lead', 'admin'],
  'POST /users': ADMIN,
  'GET /users/{id}': ADMIN,
  'PATCH /users/{id}': ADMIN,
  'POST /users/{id}/password': ADMIN,
  'GET /teams': ALL,
  'POST /teams': ADMIN,
  'PATCH /teams/{id}': ASSIGNERS,
  'GET /branches': ALL,
  'POST /branches': ADMIN,
  'GET /customers': ALL,
  'POST /customers': WRITERS,
  'GET /customers/{id}': ALL,
  'PATCH /customers/{id}': WRITERS,
  'POST /customers/{id}/assign': ASSIGNERS,
  'POST /customers/{id}/shares': ASSIGNERS,
  'DELETE /customers/{id}/shares/{userId}': ASSIGNERS,
  'POST /customers/{id}/reveal': ['rm', 'team_lead', 'risk_officer'],
  'GET /customers/{id}/lifecycle': ALL,
  'POST /customers/{id}/lifecycle': WRITERS,
  'GET /customers/{id}/audit': ['team_lead', 'risk_officer', 'admin'],
  'GET /audit': ADMIN,
  'GET /api-keys': ADMIN,
  'POST /api-keys': ADMIN,
  'DELETE /api-keys/{id}': ADMIN,
  'GET /customers/{id}/contacts': ALL,
  'POST /customers/{id}/contacts': WRITERS,
  'PATCH /customers/{id}/contacts/{contactId}': WRITERS,
  'DELETE /customers/{id}/contacts/{contactId}': WRITERS,
  'POST /customers/{id}/contacts/{contactId}/reveal': ['rm', 'team_lead', 'risk_officer'],
  'GET /customers/{id}/links': ALL,
  'POST /customers/{id}/links': WRITERS,
  'DELETE /customers/{id}/links/{linkId}': WRITERS,
  'GET /customers/{id}/accounts': ALL,
  'GET /customers/{id}/monthly': ALL,
  'GET /customers/{id}/accounts/{accountId}/monthly': ALL,
  'POST /imports/{kind}': ADMIN,
  'GET /imports': ADMIN,
  'GET /imports/{jobId}': ADMIN,
  'GET /imports/{jobId}/error-report': ADMIN,
  'GET /imports/templates/{kind}': ADMIN,
  'GET /customers/export': ALL,
  'GET /interactions': ALL,
  'GET /interactions/{id}': ALL,
  'POST /interactions': ['rm', 'team_lead'],
  'PATCH /interactions/{id}': ['rm', 'team_lead'],
  'GET /tasks': ALL,
  'GET /tasks/{id}': ALL,
  'POST /tasks': ['rm', 'team_lead'],
  'PATCH /tasks/{id}': ALL,
  'GET /notifications': ALL,
  'POST /notifications/{id}/read': ALL,
  'POST /notifications/read-all': ALL,
  'GET /visit-plans': ALL,
  'GET /visit-plans/{id}': ALL,
  'POST /visit-plans': ['rm', 'team_lead'],
  'PATCH /visit-plans/{id}': ['rm', 'team_lead'],
  'POST /visit-plans/{id}/submit': ['rm', 'team_lead'],
  'POST /visit-plans/{id}/approve': ['team_lead'],
  'POST /visit-plans/{id}/return': ['team_lead'],
  'POST /visit-plans/{id}/cancel': ['rm', 'team_lead'],
  'POST /visit-plans/{id}/summary': ['rm', 'team_lead'],
  'GET /day': ALL,
  'GET /team/overview': ASSIGNERS,
  'POST /customers/{id}/contacts/{contactId}/email': ['rm', 'team_lead'],
  'GET /mail/status': ALL,
  'GET /calendar': ALL,
  'GET /calendar/feed': ALL,
  'POST /calendar/feed': ALL,
  'DELETE /calendar/feed': ALL,
  'GET /calendar/feeds/{file}': 'public',
  'GET /prospects': ALL,
  'GET /prospects/board': ALL,
  'POST /prospects': ['rm', 'team_lead'],
  'GET /prospects/{id}': ALL,
  'PATCH /prospects/{id}': ['rm', 'team_lead'],
  'POST /prospects/{id}/moves': ['rm', 'team_lead'],
  'PUT /prospects/{id}/assessment': ['rm', 'team_lead'],
  'POST /prospects/{id}/tactics': ['rm', 'team_lead'],
  'POST /prospects/{id}/convert': ['rm', 'team_lead'],
  'GET /prospects/{id}/duplicates': ALL,
  'POST /prospects/{id}/merge': ['rm', 'team_lead'],
  'GET /settings/ideal-customer-profile': ALL,
  'GET /settings/ideal-customer-profile/versions': ALL,
  'PUT /settings/ideal-customer-profile': ['admin'],
  'GET /prospects/analytics': ALL,
  'GET /prospects/network': ALL,
  'GET /prospects/key-persons': ALL,
  'GET /customers/{id}/concessions': ALL,
  'POST /customers/{id}/concessions': WRITERS,
  'PATCH /concessions/{id}': WRITERS,
  'GET /customers/{id}/financial-statements': ALL,
  'PUT /customers/{id}/financial-statements/{year}': WRITERS,
  'GET /customers/{id}/pitfalls': ALL,
  'GET /pitfalls': ALL,
  'GET /customers/{id}/value': ALL,
  'GET /customers/{id}/maintenance': ALL,
  'GET /maintenance/due': ALL,
  'GET /maintenance/compliance': ['team_lead', 'risk_officer', 'admin'],
  'GET /analytics/portfolios': ALL,
  'GET /analytics/pareto': ALL,
  'GET /analytics/lifecycle': ALL,
  'POST /value-runs': ADMIN,
  'GET /value-runs': ['risk_officer', 'admin'],
  'GET /value-runs/{id}': ['risk_officer', 'admin'],
  'GET /settings/customer-value': ALL,
  'GET /settings/customer-value/versions': ALL,
  'PUT /settings/customer-value': ADMIN,
  'GET /settings/maintenance-policies': ALL,
  'GET /settings/maintenance-policies/versions': ALL,
  'PUT /settings/maintenance-policies': ADMIN,
  // issue #8: surveys
  'GET /survey-templates': ALL,
  'POST /survey-templates': ASSIGNERS,
  'GET /survey-templates/{id}': ALL,
  'PATCH /survey-templates/{id}': ASSIGNERS,
  'GET /survey-campaigns': ALL,
  'POST /survey-campaigns': ASSIGNERS,
  'GET /survey-campaigns/{id}': ALL,
  'POST /survey-campaigns/{id}/advance': ASSIGNERS,
  'GET /survey-campaigns/{id}/targets': ALL,
  'POST /survey-campaigns/{id}/responses': WRITERS,
  'POST /survey-campaigns/{id}/links': WRITERS,
  'GET /survey-campaigns/{id}/results': ALL,
  'GET /survey-campaigns/{id}/report.xlsx': ALL,
  'POST /survey-campaigns/{id}/actions': ASSIGNERS,
  'GET /public/surveys/{token}': 'public',
  'POST /public/surveys/{token}': 'public',
  // complaints and suggestions
  'POST /complaints': WRITERS,
  'GET /complaints': ALL,
  'GET /complaints/alerts': ['rm', 'team_lead'],
  'GET /complaints/dashboard': ['team_lead', 'risk_officer', 'admin'],
  'GET /complaints/{id}': ALL,
  'PATCH /complaints/{id}': WRITERS,
  'GET /customers/{id}/complaints': ALL,
  'GET /settings/complaint-deadlines': ALL,
  'GET /settings/complaint-deadlines/versions': ALL,
  'PUT /settings/complaint-deadlines': ADMIN,
  // churn and loyalty
  'GET /customers/{id}/loyalty': ALL,
  'POST /customers/{id}/loyalty-assessments': WRITERS,
  'GET /analytics/loyalty': ALL,
  'GET /churn': ALL,
  'GET /churn/records': ALL,
  'PATCH /churn/records/{id}': WRITERS,
  'GET /settings/loyalty': ALL,
  'GET /settings/loyalty/versions': ALL,
  'PUT /settings/loyalty': ADMIN,
  // issue #9: relationship exit
  'GET /settings/exit-criteria': ALL,
  'GET /settings/exit-criteria/versions': ALL,
  'PUT /settings/exit-criteria': ADMIN,
  'GET /customers/{id}/risk-flags': ALL,
  'POST /customers/{id}/risk-flags': ['rm', 'team_lead', 'risk_officer'],
  'POST /customers/{id}/risk-flags/{flagId}/clear': ['rm', 'team_lead', 'risk_officer'],
  'POST /exit-screenings': ALL,
  'GET /exit-screenings': ALL,
  'GET /exit-screenings/{id}': ALL,
  'GET /exit-candidates': ALL,
  'PATCH /exit-candidates/{id}': ['team_lead', 'risk_officer'],
  'GET /exit-plans': ALL,
  'POST /exit-plans': ['rm', 'team_lead'],
  'GET /exit-plans/{id}': ALL,
  'PATCH /exit-plans/{id}': ['rm', 'team_lead'],
  'DELETE /exit-plans/{id}': ['rm', 'team_lead'],
  'POST /exit-plans/{id}/submit': ['rm', 'team_lead'],
  'POST /exit-plans/{id}/revise': ['rm', 'team_lead'],
  'POST /exit-plans/{id}/start': ['rm', 'team_lead'],
  'POST /exit-plans/{id}/decide': ['team_lead', 'risk_officer'],
  'PATCH /exit-plans/{id}/steps/{stepId}': ['rm', 'team_lead'],
  'POST /exit-plans/{id}/complete': ['rm', 'team_lead'],
  'GET /exit-watch-list': ALL,
  'GET /exit-report': ALL,
};

describe('role × endpoint matrix (sqlite)', () => {
  let ctx: TestContext;
  let clients: Record<Role, Client>;
  let routes: string[];
  let customerId: number;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    const [rm, team_lead, risk_officer, admin] = await ctx.loginAll('rm1', 'lead1', 'risk1', 'admin');
    clients = { rm, team_lead, risk_officer, admin };
    customerId = (await clients.rm.post('/customers', buildCustomer())).json().id;
    const doc = (await ctx.anonymous.get('/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => ctx?.close());

  it('states the roles of every route the app serves, and serves every route it states', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('answers 401 to anonymous callers and 403 to roles a route does not list; listed roles get past the role check', async () => {
    const problems: string[] = [];
    for (const [route, roles] of Object.entries(MATRIX)) {
      if (roles === 'public' || route === 'POST /auth/logout') continue;
      const [method, template] = route.split(' ') as [string, string];
      const url = template.replace('{id}', String(customerId)).replace(/\{\w+\}/g, '999999');
      const anonymous = await ctx.anonymous.request(
        method as 'GET',
        url,
        method === 'GET' || method === 'DELETE' ? undefined : {},
      );
      if (anonymous.statusCode !== 401) problems.push(`${route} anonymous → ${anonymous.statusCode}`);
      for (const role of ALL) {
        const c = clients[role];
        const res = await c.request(
          method as 'GET',
          url,
          method === 'GET' || method === 'DELETE' ? undefined : {},
        );
        const allowed = roles.includes(role);
        if (allowed && (res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500)) {
          problems.push(`${route} as ${role} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
        if (!allowed && res.statusCode !== 403)
          problems.push(`${route} as ${role} → ${res.statusCode}, expected 403`);
      }
    }
    expect(problems).toEqual([]);
  });
});
