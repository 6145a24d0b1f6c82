import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/codes';
import type { AppDeps } from '../deps';
import { resolveApiKey } from '../modules/api-keys/api-keys.service';
import { resolveSession } from '../modules/auth/auth.service';
import type { Viewer } from './access';
import { AppError, forbidden, unauthorized } from './errors';

// Who is calling, for every /api route: a session cookie (people) or an API key (machines, DOMAIN
// §7.2). Each route declares which roles may call it in `config.access`, and whether a key may, in
// `config.apiKey`; portfolio-level checks happen in the services through access.ts.

export type RouteAccess = 'public' | readonly Role[];
/** `read`: a key with the read scope may call it; `import`: a key whose imports include `:kind` (any import scope where the route has no `:kind`). */
export type RouteApiKeyAccess = 'read' | 'import';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    apiKey?: RouteApiKeyAccess | readonly RouteApiKeyAccess[];
  }
}

export const SESSION_COOKIE = 'rmw_session';
export const ALL_ROLES: readonly Role[] = ['rm', 'team_lead', 'risk_officer', 'admin'];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAuth(app: FastifyInstance, deps: AppDeps) {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    const { access, apiKey } = request.routeOptions.config;
    if (access === undefined) return;
    const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      if (access === 'public') return;
      request.viewer = await resolveApiKey(deps, bearer.trim(), {
        method: request.method,
        url: request.url,
        ip: request.ip,
      });
      if (!request.viewer) throw new AppError('invalid_api_key', 401, 'Unknown, expired or revoked API key');
      const scopes = request.viewer.apiKey!.scopes;
      const kind = (request.params as { kind?: string }).kind;
      const accepts = [apiKey ?? []].flat();
      const allowed =
        (accepts.includes('read') && scopes.read) ||
        // An import route names its kind; one that does not (an import job's progress) admits any
        // key with an import scope, and the service shows it only jobs of the kinds it may import.
        (accepts.includes('import') &&
          (kind === undefined ? scopes.imports.length > 0 : (scopes.imports as string[]).includes(kind)));
      if (!allowed) throw forbidden('This API key may not call this route');
      return;
    }
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
