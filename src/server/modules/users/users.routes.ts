import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/schemas/common';
import {
  branchCreateSchema,
  branchSchema,
  passwordResetSchema,
  teamCreateSchema,
  teamPatchSchema,
  teamSchema,
  userCreateSchema,
  userListQuerySchema,
  userPatchSchema,
  userSchema,
} from '../../../shared/schemas/user';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './users.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const ADMIN = ['admin'] as const;

export function usersRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/users',
    {
      config: { access: ['admin', 'team_lead'] },
      schema: {
        tags: ['users'],
        summary: 'List users (administrators; team leads, to pick an RM)',
        querystring: userListQuerySchema,
        response: { 200: z.object({ items: z.array(userSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await service.listUsers(deps, request.query) }),
  );

  app.post(
    '/users',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        body: userCreateSchema,
        response: { 201: userSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createUser(deps, viewerOf(request), request.body, request.ip)),
  );

  app.get(
    '/users/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'One user',
        params: idParam,
        response: { 200: userSchema, ...errors },
      },
    },
    async (request) => service.getUser(deps, request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Change display name, role, team or active; disabling ends the sessions at once',
        params: idParam,
        body: userPatchSchema,
        response: { 200: userSchema, ...errors },
      },
    },
    async (request) =>
      service.updateUser(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.post(
    '/users/:id/password',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['users'],
        summary: "Reset a user's password; ends their sessions",
        params: idParam,
        body: passwordResetSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.resetPassword(
        deps,
        viewerOf(request),
        request.params.id,
        request.body.password,
        request.ip,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/teams',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['organisation'],
        summary: 'Teams',
        response: { 200: z.object({ items: z.array(teamSchema) }), ...errors },
      },
    },
    async () => ({ items: await service.listTeams(deps) }),
  );

  app.post(
    '/teams',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['organisation'],
        summary: 'Create a team',
        body: teamCreateSchema,
        response: { 201: teamSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createTeam(deps, viewerOf(request), request.body, request.ip)),
  );

  app.patch(
    '/teams/:id',
    {
      config: { access: ['team_lead', 'admin'] },
      schema: {
        tags: ['organisation'],
        summary:
          'Whether the team’s visit plans need the team lead’s approval (its lead or an administrator)',
        params: idParam,
        body: teamPatchSchema,
        response: { 200: teamSchema, ...errors },
      },
    },
    async (request) =>
      service.updateTeam(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.get(
    '/branches',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['organisation'],
        summary: 'Branches',
        response: { 200: z.object({ items: z.array(branchSchema) }), ...errors },
      },
    },
    async () => ({ items: await service.listBranches(deps) }),
  );

  app.post(
    '/branches',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['organisation'],
        summary: 'Create a branch',
        body: branchCreateSchema,
        response: { 201: branchSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createBranch(deps, viewerOf(request), request.body, request.ip)),
  );
}
