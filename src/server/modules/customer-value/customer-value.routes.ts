import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/schemas/common';
import {
  complianceQuerySchema,
  complianceSchema,
  customerValueSchema,
  dueContactsQuerySchema,
  dueContactsSchema,
  lifecycleAnalysisSchema,
  maintenanceSettingsUpdateSchema,
  maintenanceSettingsVersionSchema,
  maintenanceStatusSchema,
  paretoAnalysisSchema,
  portfolioQuerySchema,
  valueRunSchema,
  valueRunStartSchema,
  valueSettingsUpdateSchema,
  valueSettingsVersionSchema,
} from '../../../shared/schemas/value';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './customer-value.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const named = z.object({ id: z.number(), name: z.string() });

// Customer value, the 80/20 analysis, lifecycle and differentiated maintenance (issue #7).
export function customerValueRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/customers/:id/value',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['customer value'],
        summary:
          'Realized, potential and model value with every term, the lifecycle inference and its evidence, the relationship-tier suggestion and the 24-month trend',
        params: idParam,
        response: { 200: customerValueSchema, ...errors },
      },
    },
    async (request) => service.customerValue(deps, viewerOf(request), request.params.id),
  );

  app.get(
    '/customers/:id/maintenance',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['customer value'],
        summary: 'The maintenance policy of the customer’s value tier and when the next contact is due',
        params: idParam,
        response: { 200: maintenanceStatusSchema, ...errors },
      },
    },
    async (request) => service.customerMaintenance(deps, viewerOf(request), request.params.id),
  );

  app.get(
    '/maintenance/due',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['customer value'],
        summary:
          'Customers of an RM (default: the caller) whose next contact is overdue or due soon under their tier’s policy',
        querystring: dueContactsQuerySchema,
        response: { 200: dueContactsSchema, ...errors },
      },
    },
    async (request) => service.dueContacts(deps, viewerOf(request), request.query),
  );

  app.get(
    '/maintenance/compliance',
    {
      config: { access: ['team_lead', 'risk_officer', 'admin'] },
      schema: {
        tags: ['customer value'],
        summary: 'Compliance with the maintenance policy per RM and value tier',
        querystring: complianceQuerySchema,
        response: { 200: complianceSchema, ...errors },
      },
    },
    async (request) => service.compliance(deps, viewerOf(request), request.query),
  );

  app.get(
    '/analytics/portfolios',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['customer value'],
        summary: 'The portfolios the caller may analyse',
        response: {
          200: z.object({
            bank: z.boolean(),
            branches: z.array(named),
            teams: z.array(named.extend({ branchId: z.number() })),
            rms: z.array(named.extend({ teamId: z.number().nullable() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => service.portfolios(deps, viewerOf(request)),
  );

  app.get(
    '/analytics/pareto',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['customer value'],
        summary:
          'The 80/20 analysis of a portfolio for a month: tiers, the curve, the top-20% share and its history',
        description: 'Answers 404 `no_analysis` when no run has analysed that month yet.',
        querystring: portfolioQuerySchema,
        response: { 200: paretoAnalysisSchema, ...errors },
      },
    },
    async (request) => service.pareto(deps, viewerOf(request), request.query),
  );

  app.get(
    '/analytics/lifecycle',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['customer value'],
        summary: 'The lifecycle stages of a portfolio for a month and the transitions from the month before',
        querystring: portfolioQuerySchema,
        response: { 200: lifecycleAnalysisSchema, ...errors },
      },
    },
    async (request) => service.lifecycleAnalysis(deps, viewerOf(request), request.query),
  );

  app.post(
    '/value-runs',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['customer value'],
        summary:
          'Compute every customer’s value, tier and stage now (an earlier month: its portfolio analysis only); 202 with the run to follow',
        body: valueRunStartSchema,
        response: { 202: valueRunSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.code(202);
      return service.startRun(deps, viewerOf(request), request.body.asOf);
    },
  );

  app.get(
    '/value-runs',
    {
      config: { access: ['admin', 'risk_officer'] },
      schema: {
        tags: ['customer value'],
        summary: 'The latest runs, newest first',
        response: { 200: z.object({ items: z.array(valueRunSchema) }), ...errors },
      },
    },
    async () => service.listRuns(deps),
  );

  app.get(
    '/value-runs/:id',
    {
      config: { access: ['admin', 'risk_officer'] },
      schema: {
        tags: ['customer value'],
        summary: 'One run: its phase and progress',
        params: idParam,
        response: { 200: valueRunSchema, ...errors },
      },
    },
    async (request) => service.getRun(deps, request.params.id),
  );

  for (const s of [
    {
      path: '/settings/customer-value',
      what: 'the customer-value model (wallet coefficients, weights, Pareto cut-offs, lifecycle and tier thresholds, pitfall limits)',
      version: valueSettingsVersionSchema,
      saved: valueSettingsVersionSchema.extend({
        runId: z
          .number()
          .nullable()
          .describe('the run computing every figure again; null when one was under way'),
      }),
      update: valueSettingsUpdateSchema,
      get: service.getValueSettings,
      versions: service.valueSettingsVersions,
      save: service.saveValueSettings,
      after: '; every figure is computed again in the background',
    },
    {
      path: '/settings/maintenance-policies',
      what: 'the maintenance policies per value tier and customer kind',
      version: maintenanceSettingsVersionSchema,
      saved: maintenanceSettingsVersionSchema,
      update: maintenanceSettingsUpdateSchema,
      get: service.getMaintenanceSettings,
      versions: service.maintenanceSettingsVersions,
      save: service.saveMaintenanceSettings,
      after: '',
    },
  ] as const) {
    app.get(
      s.path,
      {
        config: { access: ALL_ROLES },
        schema: {
          tags: ['customer value'],
          summary: `The version in force of ${s.what} (version 0: the built-in default)`,
          response: { 200: s.version, ...errors },
        },
      },
      async () => s.get(deps),
    );
    app.get(
      `${s.path}/versions`,
      {
        config: { access: ALL_ROLES },
        schema: {
          tags: ['customer value'],
          summary: `Every version of ${s.what}, newest first: who, when and why`,
          response: { 200: z.object({ items: z.array(s.version) }), ...errors },
        },
      },
      async () => s.versions(deps),
    );
    app.put(
      s.path,
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['customer value'],
          summary: `Save a new version of ${s.what}, with the reason${s.after}`,
          body: s.update,
          response: { 200: s.saved, ...errors },
        },
      },
      // biome-ignore lint/suspicious/noExplicitAny: the two settings kinds share one route shape
      async (request) => s.save(deps, viewerOf(request), request.body as any, request.ip),
    );
  }
}
