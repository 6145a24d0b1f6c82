import { errorBody, idParam } from '../../../shared/schemas/common';
import {
  interactionCreateSchema,
  interactionListQuerySchema,
  interactionListSchema,
  interactionPatchSchema,
  interactionSchema,
} from '../../../shared/schemas/interaction';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './interactions.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
/** The people who serve customers record their contacts; risk officers and administrators read them. */
export const RELATIONSHIP_WRITERS = ['rm', 'team_lead'] as const;

export function interactionsRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/interactions',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['interactions'],
        summary: 'Contact records of the customers the caller may see, newest first, with filters',
        querystring: interactionListQuerySchema,
        response: { 200: interactionListSchema, ...errors },
      },
    },
    async (request) => service.listInteractions(deps, viewerOf(request), request.query),
  );

  app.get(
    '/interactions/:id',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['interactions'],
        summary: 'One contact record',
        params: idParam,
        response: { 200: interactionSchema, ...errors },
      },
    },
    async (request) => service.getInteraction(deps, viewerOf(request), request.params.id),
  );

  app.post(
    '/interactions',
    {
      config: { access: RELATIONSHIP_WRITERS },
      schema: {
        tags: ['interactions'],
        summary: 'Record a contact with a customer: channel, time, contact person, purpose, summary, outcome',
        body: interactionCreateSchema,
        response: { 201: interactionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createInteraction(deps, viewerOf(request), request.body, request.ip)),
  );

  app.patch(
    '/interactions/:id',
    {
      config: { access: RELATIONSHIP_WRITERS },
      schema: {
        tags: ['interactions'],
        summary: 'Correct a contact record; send the version you read (409 when someone changed it since)',
        params: idParam,
        body: interactionPatchSchema,
        response: { 200: interactionSchema, ...errors },
      },
    },
    async (request) =>
      service.updateInteraction(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );
}
