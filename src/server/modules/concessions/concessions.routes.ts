import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/schemas/common';
import {
  concessionCreateSchema,
  concessionPatchSchema,
  concessionSchema,
} from '../../../shared/schemas/value';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './concessions.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
/** Those who may edit the customer: not risk officers (DOMAIN §1). */
const WRITERS = ['rm', 'team_lead', 'admin'] as const;

export function concessionsRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/customers/:id/concessions',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['concessions'],
        summary: "The customer's concessions (fee waivers, rate discounts), newest first",
        description:
          '`active`: in force on the bank day (started, and not ended before it). `yearlyCost` is yuan a year.',
        params: idParam,
        response: { 200: z.object({ items: z.array(concessionSchema) }), ...errors },
      },
    },
    async (request) => ({
      items: await service.listConcessions(deps, viewerOf(request), request.params.id),
    }),
  );

  app.post(
    '/customers/:id/concessions',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['concessions'],
        summary: 'Record a concession granted to the customer, with its yearly cost, approver and reason',
        description:
          '`endsOn` may be left out for an open-ended concession; it must not be before `startsOn`.',
        params: idParam,
        body: concessionCreateSchema,
        response: { 201: concessionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createConcession(
            deps,
            viewerOf(request),
            request.params.id,
            request.body,
            request.ip,
          ),
        ),
  );

  app.patch(
    '/concessions/:id',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['concessions'],
        summary: 'Change or end a concession (set `endsOn`); send the version you read (409 when stale)',
        params: idParam,
        body: concessionPatchSchema,
        response: { 200: concessionSchema, ...errors },
      },
    },
    async (request) =>
      service.updateConcession(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );
}
