import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/schemas/common';
import { linkCreateSchema, linkParams, linkSchema } from '../../../shared/schemas/link';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './links.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const WRITERS = ['rm', 'team_lead', 'admin'] as const;

export function linksRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/customers/:id/links',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['links'],
        summary: "The customer's group, household and referral links, both ways",
        description:
          'A link whose other customer is outside the caller’s portfolio is listed with `linkedCustomer: {id: null, code: null, name: null, hidden: true}` and `note: null`: the caller learns that the link exists, never who is at the other end.',
        params: idParam,
        response: { 200: z.object({ items: z.array(linkSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await service.listLinks(deps, viewerOf(request), request.params.id) }),
  );

  app.post(
    '/customers/:id/links',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['links'],
        summary: 'Link the customer to another one the caller sees',
        description:
          'For `referral`, this customer introduced `toCustomerId`. 400 when `toCustomerId` is this customer, is not a customer the caller sees, or would close a referral cycle; 409 when the link exists (group and household links count both ways).',
        params: idParam,
        body: linkCreateSchema,
        response: { 201: linkSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createLink(deps, viewerOf(request), request.params.id, request.body, request.ip)),
  );

  app.delete(
    '/customers/:id/links/:linkId',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['links'],
        summary: 'Remove a link of the customer (either direction); the caller must see both customers',
        params: linkParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteLink(deps, viewerOf(request), request.params.id, request.params.linkId, request.ip);
      return reply.status(204).send(null);
    },
  );
}
