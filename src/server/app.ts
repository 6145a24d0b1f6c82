import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from './deps';
import { registerAuth } from './http/auth';
import { registerErrorHandler } from './http/errors';
import type { ZodApp } from './http/zod-app';
import { accountsRoutes } from './modules/accounts/accounts.routes';
import { apiKeysRoutes } from './modules/api-keys/api-keys.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { complaintsRoutes } from './modules/complaints/complaints.routes';
import { concessionsRoutes } from './modules/concessions/concessions.routes';
import { contactsRoutes } from './modules/contacts/contacts.routes';
import { customerValueRoutes } from './modules/customer-value/customer-value.routes';
import { customersRoutes } from './modules/customers/customers.routes';
import { dayRoutes } from './modules/day/day.routes';
import { exitRoutes } from './modules/exit/exit.routes';
import { exportsRoutes } from './modules/exports/exports.routes';
import { financialStatementsRoutes } from './modules/financial-statements/financial-statements.routes';
import { type ImportLimits, importsRoutes } from './modules/imports/imports.routes';
import { interactionsRoutes } from './modules/interactions/interactions.routes';
import { linksRoutes } from './modules/links/links.routes';
import { loyaltyRoutes } from './modules/loyalty/loyalty.routes';
import { mailRoutes } from './modules/mail/mail.routes';
import { pitfallsRoutes } from './modules/pitfalls/pitfalls.routes';
import { prospectAnalyticsRoutes } from './modules/prospect-analytics/prospect-analytics.routes';
import { prospectsRoutes } from './modules/prospects/prospects.routes';
import { surveysRoutes } from './modules/surveys/surveys.routes';
import { tasksRoutes } from './modules/tasks/tasks.routes';
import { teamRoutes } from './modules/team/team.routes';
import { usersRoutes } from './modules/users/users.routes';
import { visitPlansRoutes } from './modules/visit-plans/visit-plans.routes';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean;
  secureCookies?: 'auto' | 'always' | 'never';
  /** Folder of the built web UI; served at / when it exists. */
  webRoot?: string;
  /** Upload and batch limits of imports (tests lower them). */
  imports?: Partial<ImportLimits>;
}

export const API_PREFIX = '/api/v1';
export const BODY_LIMIT = 1024 * 1024;

export async function buildApp(deps: AppDeps, options: AppOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: BODY_LIMIT,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  deps.log ??= app.log;

  await app.register(cookie);
  // Uploads stream to disk (imports/parse.ts); the 1 GiB ceiling is enforced per request there too.
  await app.register(multipart, { limits: { fileSize: 1024 ** 3, files: 1, fields: 10, parts: 20 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'RM Workbench API',
        description:
          'The relationship manager’s workbench for banks. Sign in with POST /auth/login; send the answered csrfToken in x-csrf-token on every write.',
        version: '1.0.0',
      },
      servers: [{ url: API_PREFIX }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'rmw_session' },
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'rmw_<prefix>_<secret>, for machine clients',
          },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  registerErrorHandler(app);
  registerAuth(app, deps);

  await app.register(
    async (api) => {
      const zapi = api as unknown as ZodApp;
      zapi.get(
        '/health',
        {
          config: { access: 'public' },
          schema: {
            tags: ['system'],
            summary: 'Liveness and database reachability',
            response: {
              200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }),
            },
          },
        },
        async () => {
          await deps.db.selectFrom('users').select('id').limit(1).execute();
          return { status: 'ok' as const, database: deps.dialect };
        },
      );
      zapi.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      authRoutes(zapi, deps, { secureCookies: options.secureCookies ?? 'auto' });
      usersRoutes(zapi, deps);
      customersRoutes(zapi, deps);
      contactsRoutes(zapi, deps);
      linksRoutes(zapi, deps);
      accountsRoutes(zapi, deps);
      auditRoutes(zapi, deps);
      apiKeysRoutes(zapi, deps);
      importsRoutes(zapi, deps, options.imports);
      exportsRoutes(zapi, deps);
      interactionsRoutes(zapi, deps);
      tasksRoutes(zapi, deps);
      visitPlansRoutes(zapi, deps);
      dayRoutes(zapi, deps);
      teamRoutes(zapi, deps);
      calendarRoutes(zapi, deps);
      mailRoutes(zapi, deps);
      prospectsRoutes(zapi, deps);
      prospectAnalyticsRoutes(zapi, deps);
      customerValueRoutes(zapi, deps);
      concessionsRoutes(zapi, deps);
      financialStatementsRoutes(zapi, deps);
      pitfallsRoutes(zapi, deps);
      surveysRoutes(zapi, deps);
      complaintsRoutes(zapi, deps);
      loyaltyRoutes(zapi, deps);
      exitRoutes(zapi, deps);
    },
    { prefix: API_PREFIX },
  );

  // The built single-page app, when present, answers every other GET outside the API with its shell.
  const webRoot =
    options.webRoot && fs.existsSync(path.join(options.webRoot, 'index.html')) ? options.webRoot : null;
  if (webRoot) await app.register(fastifyStatic, { root: path.resolve(webRoot), wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (webRoot && request.method === 'GET' && !request.url.startsWith('/api/'))
      return reply.sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url}` } });
  });
  return app;
}
