import { z } from 'zod';
import { NOTIFICATION_KINDS, TASK_SOURCES, TASK_STATUSES } from '../codes';
import {
  customerRef,
  isoDate,
  optionalText,
  pageQuery,
  personRef,
  positiveId,
  requiredText,
  version,
} from './common';

// Tasks and reminders (issue #5 part 4): a memo's items, follow-ups and whatever an RM or a team lead
// sets someone to do, with a due date; and the in-app notifications that tell people about them.

export const taskCreateSchema = z.strictObject({
  title: requiredText(300),
  notes: optionalText(2000),
  dueOn: isoDate,
  ownerId: positiveId.optional().describe('the caller when absent; a team lead may give a task to the team'),
  customerId: positiveId.nullable().optional(),
});
export type TaskCreate = z.output<typeof taskCreateSchema>;

export const taskPatchSchema = z.strictObject({
  version,
  title: requiredText(300).optional(),
  notes: optionalText(2000),
  dueOn: isoDate.optional(),
  ownerId: positiveId.optional(),
  status: z.enum(TASK_STATUSES.codes).optional(),
});
export type TaskPatch = z.output<typeof taskPatchSchema>;

export const TASK_DUE_FILTERS = ['overdue', 'today', 'week'] as const;

export const taskListQuerySchema = z.strictObject({
  ...pageQuery,
  status: z.enum(TASK_STATUSES.codes).optional(),
  due: z.enum(TASK_DUE_FILTERS).optional().describe('open tasks overdue, due today, or due within 7 days'),
  ownerId: positiveId.optional(),
  customerId: positiveId.optional(),
  prospectId: positiveId.optional(),
  planId: positiveId.optional(),
});
export type TaskListQuery = z.output<typeof taskListQuerySchema>;

export const taskSchema = z.object({
  id: z.number(),
  title: z.string(),
  notes: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(TASK_STATUSES.codes),
  overdue: z.boolean().describe('open and due before today (bank time)'),
  source: z.enum(TASK_SOURCES.codes),
  customer: customerRef.nullable(),
  prospect: customerRef
    .nullable()
    .describe('the prospect the task is about (a memo of a visit to a prospect)'),
  planId: z.number().nullable(),
  owner: personRef,
  createdBy: personRef,
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Task = z.output<typeof taskSchema>;
export const taskListSchema = z.object({ items: z.array(taskSchema), total: z.number() });

export const notificationListQuerySchema = z.strictObject({
  ...pageQuery,
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const notificationSchema = z.object({
  id: z.number(),
  kind: z.enum(NOTIFICATION_KINDS.codes),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  entity: z.enum(['task', 'visit_plan', 'complaint']),
  entityId: z.number(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.output<typeof notificationSchema>;
export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number(),
  unread: z.number(),
});
