import { z } from 'zod';
import { apiKeyCreateSchema, apiKeySchema } from '../../../shared/schemas/api-key';
import { errorBody, idParam } from '../../../shared/schemas/common';
import type { AppDeps } from '../../deps';
import { viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './api-keys.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const ADMIN = ['admin'] as const;

export function apiKeysRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/api-keys',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['api keys'],
        summary: 'API keys of machine clients (never their secrets)',
        response: { 200: z.object({ items: z.array(apiKeySchema) }), ...errors },
      },
    },
    async () => ({ items: await service.listApiKeys(deps) }),
  );

  app.post(
    '/api-keys',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['api keys'],
        summary: 'Create an API key; the answer holds the key, shown this once',
        body: apiKeyCreateSchema,
        response: { 201: z.object({ apiKey: apiKeySchema, key: z.string() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createApiKey(deps, viewerOf(request), request.body, request.ip)),
  );

  app.delete(
    '/api-keys/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['api keys'],
        summary: 'Revoke an API key at once',
        params: idParam,
        response: { 200: apiKeySchema, ...errors },
      },
    },
    async (request) => service.revokeApiKey(deps, viewerOf(request), request.params.id, request.ip),
  );
}
