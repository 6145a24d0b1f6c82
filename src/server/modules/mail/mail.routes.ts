import { errorBody } from '../../../shared/schemas/common';
import { contactParams } from '../../../shared/schemas/contact';
import { interactionSchema } from '../../../shared/schemas/interaction';
import { mailSendSchema, mailStatusSchema } from '../../../shared/schemas/mail';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import { RELATIONSHIP_WRITERS } from '../interactions/interactions.routes';
import * as service from './mail.service';

const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  502: errorBody,
  503: errorBody,
};

export function mailRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/mail/status',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['mail'],
        summary: 'Whether this server can send e-mail, and as whom (the UI hides the e-mail button when not)',
        response: { 200: mailStatusSchema, 401: errorBody, 403: errorBody },
      },
    },
    async () => service.mailStatus(deps),
  );

  app.post(
    '/customers/:id/contacts/:contactId/email',
    {
      // Writing to a customer is serving it: the roles that record contacts (risk officers read only).
      config: { access: RELATIONSHIP_WRITERS },
      schema: {
        tags: ['mail'],
        summary:
          'Send an e-mail to a contact person and record it as an outbound e-mail contact (502 when the mail server refuses, 503 when e-mail is not set up)',
        params: contactParams,
        body: mailSendSchema,
        response: { 201: interactionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.sendToContact(
            deps,
            viewerOf(request),
            request.params.id,
            request.params.contactId,
            request.body,
            request.ip,
          ),
        ),
  );
}
