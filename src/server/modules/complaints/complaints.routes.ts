import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/schemas/common';
import {
  complaintAlertsSchema,
  complaintCreateSchema,
  complaintDashboardQuery,
  complaintDashboardSchema,
  complaintListQuery,
  complaintPatchSchema,
  complaintSchema,
  complaintSettingsUpdateSchema,
  complaintSettingsVersionSchema,
} from '../../../shared/schemas/complaint';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './complaints.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
/** Those who serve the customer enter and handle cases; risk officers read them (DOMAIN §1). */
const WRITERS = ['rm', 'team_lead', 'admin'] as const;
const TAGS = ['complaints'];

// Complaints, suggestions and praise (issue #8 part 3, DOMAIN §5).
export function complaintsRoutes(app: ZodApp, deps: AppDeps) {
  app.post(
    '/complaints',
    {
      config: { access: WRITERS },
      schema: {
        tags: TAGS,
        summary: 'Enter a complaint, suggestion or praise of a customer',
        description:
          '`receivedAt` defaults to now and must not be in the future. The deadline follows from the severity ' +
          'under the settings in force (praise has none). `assigneeId` defaults to the customer’s RM; an RM ' +
          'may assign only to themself. The assignee is notified; a case already past its deadline is ' +
          'escalated to the team lead at once.',
        body: complaintCreateSchema,
        response: { 201: complaintSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createComplaint(deps, viewerOf(request), request.body, request.ip)),
  );

  app.get(
    '/complaints',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: 'Cases of the customers the caller sees, filtered and paged',
        description:
          '`breached`: open after the deadline, or resolved after it. Sorted by deadline (cases without one, ' +
          'praise, last) or by when they were received.',
        querystring: complaintListQuery,
        response: { 200: z.object({ items: z.array(complaintSchema), total: z.number() }), ...errors },
      },
    },
    async (request) => service.listComplaints(deps, viewerOf(request), request.query),
  );

  app.get(
    '/complaints/alerts',
    {
      config: { access: ['rm', 'team_lead'] },
      schema: {
        tags: TAGS,
        summary:
          'For the day page: open cases assigned or escalated to the caller, breached first, then by deadline',
        description:
          'Escalates every overdue case first. `dueSoon`: open cases whose deadline is within 24 hours. ' +
          'At most 50 items; the counts cover all.',
        response: { 200: complaintAlertsSchema, ...errors },
      },
    },
    async (request) => service.complaintAlerts(deps, viewerOf(request)),
  );

  app.get(
    '/complaints/dashboard',
    {
      config: { access: ['team_lead', 'risk_officer', 'admin'] },
      schema: {
        tags: TAGS,
        summary: 'Cases by category, branch and month, resolution times and the satisfaction with the fix',
        description:
          'The cases received from `from` to `to` (bank months; default the 12 months to the current one) whose ' +
          'customers the caller sees (a team lead: the team’s). The branch is that of the customer owner’s ' +
          'team. Resolution times (hours; median and 90th percentile by linear interpolation) and the share ' +
          'resolved within the deadline cover the resolved complaints and suggestions.',
        querystring: complaintDashboardQuery,
        response: { 200: complaintDashboardSchema, ...errors },
      },
    },
    async (request) => service.complaintDashboard(deps, viewerOf(request), request.query),
  );

  app.get(
    '/complaints/:id',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: 'One case',
        params: idParam,
        response: { 200: complaintSchema, ...errors },
      },
    },
    async (request) => service.getComplaint(deps, viewerOf(request), request.params.id),
  );

  app.patch(
    '/complaints/:id',
    {
      config: { access: WRITERS },
      schema: {
        tags: TAGS,
        summary:
          'Re-categorise, re-rate, reassign, resolve or reopen a case; send the version you read (409 when stale)',
        description:
          'A new severity moves the deadline (from `receivedAt`, under the settings in force). Status ' +
          '`resolved` needs a `resolution`; `fixSatisfaction` (1–7) is recorded once resolved. Reopening ' +
          '(status `open`) is for a team lead or an administrator and clears the resolution and its rating.',
        params: idParam,
        body: complaintPatchSchema,
        response: { 200: complaintSchema, ...errors },
      },
    },
    async (request) =>
      service.updateComplaint(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.get(
    '/customers/:id/complaints',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: "The customer's cases, newest first",
        params: idParam,
        response: { 200: z.object({ items: z.array(complaintSchema) }), ...errors },
      },
    },
    async (request) => service.customerComplaints(deps, viewerOf(request), request.params.id),
  );

  const what = 'the days to resolve a complaint or suggestion, by severity';
  app.get(
    '/settings/complaint-deadlines',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: `The version in force of ${what} (version 0: the built-in default)`,
        response: { 200: complaintSettingsVersionSchema, ...errors },
      },
    },
    async () => service.getComplaintSettings(deps),
  );
  app.get(
    '/settings/complaint-deadlines/versions',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: `Every version of ${what}, newest first: who, when and why`,
        response: { 200: z.object({ items: z.array(complaintSettingsVersionSchema) }), ...errors },
      },
    },
    async () => service.complaintSettingsVersions(deps),
  );
  app.put(
    '/settings/complaint-deadlines',
    {
      config: { access: ['admin'] },
      schema: {
        tags: TAGS,
        summary: `Save a new version of ${what}, with the reason; it applies to cases entered or re-rated afterwards`,
        body: complaintSettingsUpdateSchema,
        response: { 200: complaintSettingsVersionSchema, ...errors },
      },
    },
    async (request) => service.saveComplaintSettings(deps, viewerOf(request), request.body, request.ip),
  );
}
