import { z } from 'zod';
import {
  calendarFeedCreatedSchema,
  calendarFeedFileParam,
  calendarFeedStatusSchema,
  calendarQuerySchema,
  calendarSchema,
} from '../../../shared/schemas/calendar';
import { errorBody } from '../../../shared/schemas/common';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './calendar.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const tags = ['calendar'];

export function calendarRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/calendar',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary:
          'Visit plans (not cancelled) starting and tasks (open or done) due on the bank days from–to, at most 62; a team lead may read a member of the team',
        querystring: calendarQuerySchema,
        response: { 200: calendarSchema, ...errors },
      },
    },
    async (request) => service.getCalendar(deps, viewerOf(request), request.query),
  );

  app.get(
    '/calendar/feed',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'Whether the caller has an iCalendar feed, and when it was made and last fetched',
        response: { 200: calendarFeedStatusSchema, ...errors },
      },
    },
    async (request) => service.getFeedStatus(deps, viewerOf(request)),
  );

  app.post(
    '/calendar/feed',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary:
          'A new secret URL of the caller’s iCalendar feed, shown only now; the earlier one stops working',
        response: { 201: calendarFeedCreatedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { token, createdAt } = await service.createFeed(deps, viewerOf(request), request.ip);
      // The feed's path beside this route's, whatever prefix the API is mounted at.
      const url = `${request.routeOptions.url!.replace(/\/feed$/, '/feeds')}/${token}.ics`;
      return reply.status(201).send({ url, token, createdAt });
    },
  );

  app.delete(
    '/calendar/feed',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'Stop the caller’s iCalendar feed',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.revokeFeed(deps, viewerOf(request), request.ip);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/calendar/feeds/:file',
    {
      // The calendar app cannot sign in: the secret in the file name is the credential.
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'The iCalendar feed (RFC 5545) of a secret: visit plans and open tasks from 30 days back to 180 ahead; individuals’ names masked',
        security: [],
        params: calendarFeedFileParam,
        response: { 200: z.string().describe('text/calendar'), 404: errorBody },
      },
    },
    async (request, reply) => {
      const ics = await service.renderFeed(deps, request.params.file);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(ics);
    },
  );
}
