import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/schemas/common';
import {
  notificationListQuerySchema,
  notificationListSchema,
  taskCreateSchema,
  taskListQuerySchema,
  taskListSchema,
  taskPatchSchema,
  taskSchema,
} from '../../../shared/schemas/task';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './tasks.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function tasksRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/tasks',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['tasks'],
        summary:
          'Tasks the caller owns or set, and for a team lead the team’s; open first, soonest due first',
        querystring: taskListQuerySchema,
        response: { 200: taskListSchema, ...errors },
      },
    },
    async (request) => service.listTasks(deps, viewerOf(request), request.query),
  );

  app.get(
    '/tasks/:id',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['tasks'],
        summary: 'One task',
        params: idParam,
        response: { 200: taskSchema, ...errors },
      },
    },
    async (request) => service.getTask(deps, viewerOf(request), request.params.id),
  );

  app.post(
    '/tasks',
    {
      config: { access: ['rm', 'team_lead'] },
      schema: {
        tags: ['tasks'],
        summary: 'Set a task for yourself or a colleague of your team, optionally about a customer',
        body: taskCreateSchema,
        response: { 201: taskSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createTask(deps, viewerOf(request), request.body, request.ip)),
  );

  app.patch(
    '/tasks/:id',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['tasks'],
        summary: 'Change, complete, cancel or hand over a task; send the version you read',
        params: idParam,
        body: taskPatchSchema,
        response: { 200: taskSchema, ...errors },
      },
    },
    async (request) =>
      service.updateTask(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.get(
    '/notifications',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['notifications'],
        summary: 'The caller’s notifications, newest first, with the unread count (the bell)',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema, ...errors },
      },
    },
    async (request) => service.listNotifications(deps, viewerOf(request), request.query),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one notification read',
        params: idParam,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.readNotification(deps, viewerOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notifications/read-all',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['notifications'],
        summary: 'Mark every notification read',
        response: { 200: z.object({ read: z.number() }), ...errors },
      },
    },
    async (request) => service.readAllNotifications(deps, viewerOf(request)),
  );
}
