import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/codes';
import type { AppDeps } from '../deps';
import { resolveSession } from '../modules/auth/auth.service';
import type { Viewer } from './access';
import { AppError, forbidden, unauthorized } from './errors';

// Who is calling, for every /api route: a session cookie (people) — and, in a later issue, an API
// key (machines). Each route declares who may call it in `config.access`; portfolio-level checks
// happen in the services through access.ts.

export type RouteAccess = 'public' | readonly Role[];

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export const SESSION_COOKIE = 'rmw_session';
export const ALL_ROLES: readonly Role[] = ['rm', 'team_lead', 'risk_officer', 'admin'];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAuth(app: FastifyInstance, deps: AppDeps) {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.viewer = await resolveSession(deps, token);
    if (access === 'public') return;
    const viewer = request.viewer;
    if (!viewer) throw unauthorized();
    if (
      WRITES.has(request.method) &&
      viewer.sessionId &&
      request.headers['x-csrf-token'] !== viewer.csrfToken
    ) {
      throw new AppError('csrf_token_invalid', 403, 'Missing or wrong x-csrf-token header');
    }
    if (!access.includes(viewer.role)) throw forbidden();
  });
}

/** The caller, on a route whose access is not public. */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw unauthorized();
  return request.viewer;
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  secure: 'auto' | 'always' | 'never',
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure === 'always' || (secure === 'auto' && request.protocol === 'https'),
    maxAge: 12 * 60 * 60,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
