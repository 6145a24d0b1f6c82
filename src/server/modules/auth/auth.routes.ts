import { z } from 'zod';
import { errorBody } from '../../../shared/schemas/common';
import { LOCALES, userSchema } from '../../../shared/schemas/user';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, clearSessionCookie, setSessionCookie, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import { getUser, updateOwnLocale } from '../users/users.service';
import { login, logout } from './auth.service';

const sessionSchema = z.object({ user: userSchema, csrfToken: z.string() });

export function authRoutes(app: ZodApp, deps: AppDeps, opts: { secureCookies: 'auto' | 'always' | 'never' }) {
  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and answers the CSRF token for writes',
        body: z.strictObject({
          username: z.string().trim().min(1).max(64),
          password: z.string().min(1).max(200),
        }),
        response: { 200: sessionSchema, 400: errorBody, 401: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const { token, viewer } = await login(deps, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(request, reply, token, opts.secureCookies);
      return { user: await getUser(deps, viewer.id), csrfToken: viewer.csrfToken! };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['auth'],
        summary: 'End this session',
        response: { 204: z.null(), 401: errorBody, 403: errorBody },
      },
    },
    async (request, reply) => {
      await logout(deps, viewerOf(request), request.ip);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in',
        response: { 200: sessionSchema, 401: errorBody },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      return { user: await getUser(deps, viewer.id), csrfToken: viewer.csrfToken ?? '' };
    },
  );

  app.patch(
    '/auth/me',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['auth'],
        summary: "Change the signed-in user's language",
        body: z.strictObject({ locale: z.enum(LOCALES) }),
        response: { 200: userSchema, 400: errorBody, 401: errorBody, 403: errorBody },
      },
    },
    async (request) => updateOwnLocale(deps, viewerOf(request), request.body.locale, request.ip),
  );
}
