import { z } from 'zod';
import { TASK_STATUSES, VISIT_PLAN_STATUSES } from '../codes';
import { customerRef, isoDate, positiveId } from './common';

// The calendar (issue #5 part 6): an RM's visit plans and tasks by bank day, and a personal
// iCalendar feed of them for the phone's calendar app, reached by a secret URL.

/** The longest period the calendar answers at once, in days, both ends included (a two-month view). */
export const CALENDAR_MAX_DAYS = 62;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

export const calendarQuerySchema = z
  .strictObject({
    from: isoDate.describe('the first bank day'),
    to: isoDate.describe(`the last bank day, at most ${CALENDAR_MAX_DAYS} days including the first`),
    ownerId: positiveId
      .optional()
      .describe('whose calendar: the caller when absent; a team lead may read a member of the team'),
  })
  .superRefine((q, ctx) => {
    // zod runs this even when a date failed its own check; then that check has said enough.
    if (!isoDate.safeParse(q.from).success || !isoDate.safeParse(q.to).success) return;
    if (q.to < q.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    } else if (dayNumber(q.to) - dayNumber(q.from) + 1 > CALENDAR_MAX_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${CALENDAR_MAX_DAYS} days from from, both included`,
      });
    }
  });
export type CalendarQuery = z.output<typeof calendarQuerySchema>;

export const calendarEventSchema = z.object({
  kind: z.enum(['visit', 'task']),
  id: z.number().describe('the visit plan’s or the task’s id'),
  title: z.string(),
  start: z.string().describe('a visit: an ISO instant; a task: its due day YYYY-MM-DD'),
  end: z.string().nullable().describe('a visit: start + duration; a task: null'),
  allDay: z.boolean(),
  status: z
    .union([z.enum(VISIT_PLAN_STATUSES.codes), z.enum(TASK_STATUSES.codes)])
    .describe('the visit plan’s or the task’s status'),
  customer: customerRef.nullable(),
  prospect: customerRef.nullable().describe('a visit to a prospect'),
  overdue: z.boolean().describe('a task open and due before today (bank time)'),
});
export type CalendarEvent = z.output<typeof calendarEventSchema>;

export const calendarSchema = z.object({
  events: z.array(calendarEventSchema).describe('sorted by start; a day’s tasks before its visits'),
});
export type Calendar = z.output<typeof calendarSchema>;

export const calendarFeedStatusSchema = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  lastUsedAt: z.string().nullable().describe('when a calendar app last fetched the feed'),
});
export type CalendarFeedStatus = z.output<typeof calendarFeedStatusSchema>;

export const calendarFeedCreatedSchema = z.object({
  url: z.string().describe('the feed’s path on this server, to subscribe to; shown only now'),
  token: z.string().describe('the feed’s secret; only its SHA-256 is kept'),
  createdAt: z.string(),
});
export type CalendarFeedCreated = z.output<typeof calendarFeedCreatedSchema>;

/** Any text: a malformed file name is answered 404 like an unknown one, never 400. */
export const calendarFeedFileParam = z.object({ file: z.string().describe('<token>.ics') });
