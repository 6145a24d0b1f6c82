import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/schemas/common';
import {
  planActionSchema,
  planReturnSchema,
  visitPlanCreateSchema,
  visitPlanListQuerySchema,
  visitPlanListSchema,
  visitPlanPatchSchema,
  visitPlanSchema,
  visitSummarySchema,
} from '../../../shared/schemas/visit-plan';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import { RELATIONSHIP_WRITERS } from '../interactions/interactions.routes';
import * as service from './visit-plans.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['visit-plans'];

export function visitPlansRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/visit-plans',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'Visit plans of the customers the caller may see, latest first',
        querystring: visitPlanListQuerySchema,
        response: { 200: visitPlanListSchema, ...errors },
      },
    },
    async (request) => service.listPlans(deps, viewerOf(request), request.query),
  );

  app.get(
    '/visit-plans/:id',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'A visit plan with its objectives, each with its SMART verdict, and its summary',
        params: idParam,
        response: { 200: visitPlanSchema, ...errors },
      },
    },
    async (request) => service.getPlan(deps, viewerOf(request), request.params.id),
  );

  app.post(
    '/visit-plans',
    {
      config: { access: RELATIONSHIP_WRITERS },
      schema: {
        tags,
        summary: 'Draft a visit plan (相会计划表) for a customer; `submit: true` submits it at once',
        body: visitPlanCreateSchema.extend({ submit: z.boolean().default(false) }),
        response: { 201: visitPlanSchema, ...errors },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      let plan = await service.createPlan(deps, viewer, request.body, request.ip);
      if (request.body.submit) {
        plan = await service.submitPlan(deps, viewer, plan.id, plan.version, request.ip);
      }
      return reply.status(201).send(plan);
    },
  );

  app.patch(
    '/visit-plans/:id',
    {
      config: { access: RELATIONSHIP_WRITERS },
      schema: {
        tags,
        summary: 'Change a draft or returned plan; objectives, when sent, replace the plan’s',
        params: idParam,
        body: visitPlanPatchSchema,
        response: { 200: visitPlanSchema, ...errors },
      },
    },
    async (request) =>
      service.updatePlan(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  const action = (
    path: string,
    summary: string,
    access: readonly ('rm' | 'team_lead')[],
    body: z.ZodType,
    run: (id: number, body: never, viewer: ReturnType<typeof viewerOf>, ip: string) => Promise<unknown>,
  ) =>
    app.post(
      `/visit-plans/:id/${path}`,
      {
        config: { access },
        schema: { tags, summary, params: idParam, body, response: { 200: visitPlanSchema, ...errors } },
      },
      async (request) =>
        run(request.params.id, request.body as never, viewerOf(request), request.ip) as never,
    );

  action(
    'submit',
    'Submit a plan whose objectives are all SMART: to the team lead when the team asks for approval, else planned',
    RELATIONSHIP_WRITERS,
    planActionSchema,
    (id, body: { version: number }, viewer, ip) => service.submitPlan(deps, viewer, id, body.version, ip),
  );
  action(
    'approve',
    'The team lead approves a submitted plan',
    ['team_lead'],
    planActionSchema,
    (id, body, viewer, ip) => service.approvePlan(deps, viewer, id, body, ip),
  );
  action(
    'return',
    'The team lead returns a submitted plan with a note',
    ['team_lead'],
    planReturnSchema,
    (id, body, viewer, ip) => service.returnPlan(deps, viewer, id, body, ip),
  );
  action(
    'cancel',
    'Cancel a plan not yet completed',
    RELATIONSHIP_WRITERS,
    planActionSchema,
    (id, body, viewer, ip) => service.cancelPlan(deps, viewer, id, body, ip),
  );
  action(
    'summary',
    'After the visit: the summary (见面后总结表) with an outcome per objective, the needs found and the memo (备忘录) as tasks; records the visit as a contact',
    RELATIONSHIP_WRITERS,
    visitSummarySchema,
    (id, body, viewer, ip) => service.completePlan(deps, viewer, id, body, ip),
  );
}
