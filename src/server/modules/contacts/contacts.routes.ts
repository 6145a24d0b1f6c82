import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/schemas/common';
import {
  contactCreateSchema,
  contactParams,
  contactPatchSchema,
  contactRevealedSchema,
  contactRevealSchema,
  contactSchema,
} from '../../../shared/schemas/contact';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './contacts.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const WRITERS = ['rm', 'team_lead', 'admin'] as const;

export function contactsRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/customers/:id/contacts',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['contacts'],
        summary: "The customer's contact persons, phones and e-mails masked",
        params: idParam,
        response: { 200: z.object({ items: z.array(contactSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await service.listContacts(deps, viewerOf(request), request.params.id) }),
  );

  app.post(
    '/customers/:id/contacts',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['contacts'],
        summary: 'Add a contact person: legal representative, head of finance, decision maker, family …',
        params: idParam,
        body: contactCreateSchema,
        response: { 201: contactSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createContact(deps, viewerOf(request), request.params.id, request.body, request.ip),
        ),
  );

  app.patch(
    '/customers/:id/contacts/:contactId',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['contacts'],
        summary: 'Change a contact person; send the version you read (409 when someone changed it since)',
        params: contactParams,
        body: contactPatchSchema,
        response: { 200: contactSchema, ...errors },
      },
    },
    async (request) =>
      service.updateContact(
        deps,
        viewerOf(request),
        request.params.id,
        request.params.contactId,
        request.body,
        request.ip,
      ),
  );

  app.delete(
    '/customers/:id/contacts/:contactId',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['contacts'],
        summary: 'Remove a contact person',
        params: contactParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteContact(
        deps,
        viewerOf(request),
        request.params.id,
        request.params.contactId,
        request.ip,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/customers/:id/contacts/:contactId/reveal',
    {
      config: { access: ['rm', 'team_lead', 'risk_officer'] },
      schema: {
        tags: ['contacts'],
        summary: 'See a contact person’s full phone or e-mail, giving the reason; the reveal is audited',
        params: contactParams,
        body: contactRevealSchema,
        response: { 200: contactRevealedSchema, ...errors },
      },
    },
    async (request) =>
      service.revealContactField(
        deps,
        viewerOf(request),
        request.params.id,
        request.params.contactId,
        request.body,
        request.ip,
      ),
  );
}
