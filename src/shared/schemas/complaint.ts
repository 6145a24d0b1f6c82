import { z } from 'zod';
import { DEFAULT_COMPLAINT_DEADLINES } from '../../domain/complaints';
import {
  CHANNELS,
  FEEDBACK_CATEGORIES,
  FEEDBACK_KINDS,
  FEEDBACK_SEVERITIES,
  FEEDBACK_STATUSES,
} from '../codes';
import {
  customerRef,
  instant,
  optionalText,
  personRef,
  positiveId,
  requiredText,
  settingsUpdateOf,
  settingsVersionOf,
  version,
} from './common';
import { surveyScore } from './survey';

// Complaints, suggestions and praise (issue #8 part 3, DOMAIN §5 "complaint and suggestion system").

export const complaintCreateSchema = z.strictObject({
  customerId: positiveId,
  kind: z.enum(FEEDBACK_KINDS.codes),
  channel: z.enum(CHANNELS.codes),
  category: z.enum(FEEDBACK_CATEGORIES.codes),
  severity: z.enum(FEEDBACK_SEVERITIES.codes).default('normal'),
  /** when the bank received it; default now, never in the future */
  receivedAt: instant.optional(),
  subject: requiredText(120),
  description: requiredText(2000),
  /** default: the customer's RM */
  assigneeId: positiveId.optional(),
});

/**
 * Edits with the version read. Resolving sets status `resolved` with a resolution; the customer's
 * satisfaction with the fix (1–7) is recorded once resolved.
 */
export const complaintPatchSchema = z.strictObject({
  version,
  category: z.enum(FEEDBACK_CATEGORIES.codes).optional(),
  severity: z.enum(FEEDBACK_SEVERITIES.codes).optional(),
  assigneeId: positiveId.optional(),
  status: z.enum(FEEDBACK_STATUSES.codes).optional(),
  resolution: optionalText(2000),
  fixSatisfaction: surveyScore.nullable().optional(),
});

export const complaintSchema = z.object({
  id: z.number(),
  customer: customerRef,
  kind: z.enum(FEEDBACK_KINDS.codes),
  channel: z.enum(CHANNELS.codes),
  category: z.enum(FEEDBACK_CATEGORIES.codes),
  severity: z.enum(FEEDBACK_SEVERITIES.codes),
  status: z.enum(FEEDBACK_STATUSES.codes),
  subject: z.string(),
  description: z.string(),
  receivedAt: z.string(),
  /** null for praise */
  deadlineAt: z.string().nullable(),
  /** open after the deadline, or resolved after it */
  breached: z.boolean(),
  assignee: personRef.nullable(),
  escalatedAt: z.string().nullable(),
  escalatedTo: personRef.nullable(),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: personRef.nullable(),
  hoursToResolve: z.number().nullable(),
  fixSatisfaction: z.number().nullable(),
  version: z.number(),
  createdBy: personRef.nullable(),
  createdAt: z.string(),
});
export type Complaint = z.infer<typeof complaintSchema>;

export const complaintListQuery = z.object({
  status: z.enum(FEEDBACK_STATUSES.codes).optional(),
  kind: z.enum(FEEDBACK_KINDS.codes).optional(),
  category: z.enum(FEEDBACK_CATEGORIES.codes).optional(),
  severity: z.enum(FEEDBACK_SEVERITIES.codes).optional(),
  breached: z.enum(['true', 'false']).optional(),
  customerId: positiveId.optional(),
  assigneeId: positiveId.optional(),
  sort: z.enum(['deadlineAt', 'receivedAt']).default('deadlineAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const complaintDashboardQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'must be a month YYYY-MM')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'must be a month YYYY-MM')
    .optional(),
  branchId: positiveId.optional(),
});

export const complaintDashboardSchema = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number(),
  open: z.number(),
  breached: z.number(),
  escalated: z.number(),
  byCategory: z.array(
    z.object({
      category: z.enum(FEEDBACK_CATEGORIES.codes),
      count: z.number(),
      open: z.number(),
      breached: z.number(),
    }),
  ),
  byBranch: z.array(
    z.object({
      branch: z.object({ id: z.number(), name: z.string() }).nullable(),
      count: z.number(),
      breached: z.number(),
      meanHoursToResolve: z.number().nullable(),
    }),
  ),
  byMonth: z.array(
    z.object({ month: z.string(), complaint: z.number(), suggestion: z.number(), praise: z.number() }),
  ),
  resolution: z.object({
    resolved: z.number(),
    medianHours: z.number().nullable(),
    p90Hours: z.number().nullable(),
    withinDeadlineShare: z.number().nullable(),
  }),
  fixSatisfaction: z.object({ n: z.number(), mean: z.number().nullable() }),
});

/** The day page's alerts: cases assigned to the viewer or escalated to them, open, by deadline. */
export const complaintAlertsSchema = z.object({
  breached: z.number(),
  dueSoon: z.number(),
  items: z.array(complaintSchema),
});

export const complaintSettingsSchema = z.strictObject({
  /** days to resolve, by severity */
  deadlineDays: z.strictObject({
    urgent: z.number().int().min(1).max(60),
    high: z.number().int().min(1).max(60),
    normal: z.number().int().min(1).max(60),
    low: z.number().int().min(1).max(60),
  }),
});
export const complaintSettingsUpdateSchema = settingsUpdateOf(complaintSettingsSchema);
export const complaintSettingsVersionSchema = settingsVersionOf(complaintSettingsSchema);
export type ComplaintSettingsDto = z.infer<typeof complaintSettingsSchema>;
export const DEFAULT_COMPLAINT_SETTINGS: ComplaintSettingsDto = { deadlineDays: DEFAULT_COMPLAINT_DEADLINES };
