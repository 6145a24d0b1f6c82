import { z } from 'zod';
import { LIFECYCLE_STAGES } from '../../../shared/codes';
import { errorBody, idParam } from '../../../shared/schemas/common';
import {
  assignSchema,
  customerCreateSchema,
  customerDetailSchema,
  customerListQuerySchema,
  customerPatchSchema,
  customerSummarySchema,
  lifecycleOverrideSchema,
  REVEALABLE_FIELDS,
  revealSchema,
  shareSchema,
} from '../../../shared/schemas/customer';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './customers.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const WRITERS = ['rm', 'team_lead', 'admin'] as const;
const ASSIGNERS = ['team_lead', 'admin'] as const;
const REVEALERS = ['rm', 'team_lead', 'risk_officer'] as const;

export function customersRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/customers',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['customers'],
        summary: 'Customers the caller may see: paginated, sorted, filtered and searched on the server',
        description:
          '`q` finds a name fragment (Chinese substrings: 鑫泰 finds 上海鑫泰贸易有限公司), or exactly a customer code, phone or ID number.',
        querystring: customerListQuerySchema,
        response: {
          200: z.object({
            items: z.array(customerSummarySchema),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
          ...errors,
        },
      },
    },
    async (request) => service.listCustomers(deps, viewerOf(request), request.query),
  );

  app.post(
    '/customers',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['customers'],
        summary: 'Create a corporate or individual customer',
        body: customerCreateSchema,
        response: { 201: customerDetailSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createCustomer(deps, viewerOf(request), request.body, request.ip)),
  );

  app.get(
    '/customers/:id',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['customers'],
        summary: 'One customer',
        params: idParam,
        response: { 200: customerDetailSchema, ...errors },
      },
    },
    async (request) => service.getCustomer(deps, viewerOf(request), request.params.id),
  );

  app.patch(
    '/customers/:id',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['customers'],
        summary: 'Change a customer; send the version you read (409 when someone changed it since)',
        params: idParam,
        body: customerPatchSchema,
        response: { 200: customerDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.updateCustomer(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.post(
    '/customers/:id/assign',
    {
      config: { access: ASSIGNERS },
      schema: {
        tags: ['customers'],
        summary: 'Give the customer to another relationship manager, or leave it unowned (null)',
        params: idParam,
        body: assignSchema,
        response: { 200: customerDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.assignCustomer(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.post(
    '/customers/:id/shares',
    {
      config: { access: ASSIGNERS },
      schema: {
        tags: ['customers'],
        summary: 'Share the customer with another relationship manager',
        params: idParam,
        body: shareSchema,
        response: { 200: customerDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.shareCustomer(deps, viewerOf(request), request.params.id, request.body.userId, request.ip),
  );

  app.delete(
    '/customers/:id/shares/:userId',
    {
      config: { access: ASSIGNERS },
      schema: {
        tags: ['customers'],
        summary: 'Stop sharing the customer with a relationship manager',
        params: idParam.extend({ userId: z.coerce.number().int().positive().max(2_147_483_647) }),
        response: { 200: customerDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.unshareCustomer(deps, viewerOf(request), request.params.id, request.params.userId, request.ip),
  );

  app.post(
    '/customers/:id/reveal',
    {
      config: { access: REVEALERS },
      schema: {
        tags: ['customers'],
        summary: 'See one full identifier, giving the reason; the reveal is audited',
        params: idParam,
        body: revealSchema,
        response: {
          200: z.object({ field: z.enum(REVEALABLE_FIELDS), value: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (request) =>
      service.revealIdentifier(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.get(
    '/customers/:id/lifecycle',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['customers'],
        summary: 'Lifecycle stage history, newest first',
        params: idParam,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                stage: z.enum(LIFECYCLE_STAGES.codes),
                previousStage: z.enum(LIFECYCLE_STAGES.codes).nullable(),
                manual: z.boolean(),
                reason: z.string().nullable(),
                changedAt: z.string(),
                changedBy: z.string().nullable(),
                asOf: z.string().nullable().describe('the month inferred (null for an override)'),
                evidence: z
                  .record(z.string(), z.unknown())
                  .nullable()
                  .describe('the rule and the numbers compared (src/domain/lifecycle.ts), amounts in yuan'),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({
      items: await service.lifecycleHistory(deps, viewerOf(request), request.params.id),
    }),
  );

  app.post(
    '/customers/:id/lifecycle',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['customers'],
        summary: 'Set the lifecycle stage by hand, with a note; shown as manual and audited',
        params: idParam,
        body: lifecycleOverrideSchema,
        response: { 200: customerDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.overrideLifecycle(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );
}
