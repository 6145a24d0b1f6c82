import { z } from 'zod';
import {
  CHANNELS,
  MAINTENANCE_FORMS,
  METRIC_UNITS,
  NEED_TAGS,
  OBJECTIVE_OUTCOMES,
  PRODUCTS,
  VISIT_PLAN_STATUSES,
} from '../codes';
import {
  customerRef,
  exactlyOneSubject,
  instant,
  isoDate,
  optionalText,
  pageQuery,
  personRef,
  positiveId,
  requiredText,
  version,
} from './common';

// The meeting plan 相会计划表, its objectives, the post-meeting summary 见面后总结表 and the memo
// 备忘录 (DOMAIN §4 item 5). A draft may hold objectives that are not yet SMART; a plan is submitted
// only when every objective is (src/domain/smart.ts).

const unique = <T>(items: T[]) => new Set(items).size === items.length;

export const objectiveInputSchema = z.strictObject({
  what: z.string().trim().max(500),
  needTag: z.enum(NEED_TAGS.codes).nullable().optional(),
  product: z.enum(PRODUCTS.codes).nullable().optional(),
  metric: optionalText(200),
  unit: z.enum(METRIC_UNITS.codes).nullable().optional(),
  target: z.number().finite().min(0).max(1e13).nullable().optional(),
  justification: optionalText(1000),
  dueOn: isoDate.nullable().optional(),
});
export type ObjectiveInput = z.output<typeof objectiveInputSchema>;

export const participantSchema = z.strictObject({
  name: requiredText(100),
  department: requiredText(100),
});

const planFields = {
  startsAt: instant,
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  channel: z.enum(CHANNELS.codes),
  place: optionalText(200),
  contactIds: z.array(positiveId).max(20).refine(unique, 'must not repeat a contact'),
  participants: z.array(participantSchema).max(20),
  timingRationale: optionalText(2000),
  entryPoint: optionalText(2000),
  agenda: optionalText(4000),
  products: z
    .array(z.enum(PRODUCTS.codes))
    .max(PRODUCTS.codes.length)
    .refine(unique, 'must not repeat a product'),
  offer: optionalText(2000),
  objectives: z.array(objectiveInputSchema).min(1, 'needs at least one objective').max(10),
};

export const visitPlanCreateSchema = z
  .strictObject({
    customerId: positiveId.optional(),
    prospectId: positiveId.optional().describe('a plan to meet a prospect, instead of a customer'),
    ...planFields,
    durationMinutes: planFields.durationMinutes.default(60),
    channel: planFields.channel.default('visit'),
    contactIds: planFields.contactIds.default([]),
    participants: planFields.participants.default([]),
    products: planFields.products.default([]),
  })
  .superRefine(exactlyOneSubject);
export type VisitPlanCreate = z.output<typeof visitPlanCreateSchema>;

export const visitPlanPatchSchema = z.strictObject({
  version,
  startsAt: planFields.startsAt.optional(),
  durationMinutes: planFields.durationMinutes.optional(),
  channel: planFields.channel.optional(),
  place: planFields.place,
  contactIds: planFields.contactIds.optional(),
  participants: planFields.participants.optional(),
  timingRationale: planFields.timingRationale,
  entryPoint: planFields.entryPoint,
  agenda: planFields.agenda,
  products: planFields.products.optional(),
  offer: planFields.offer,
  objectives: planFields.objectives.optional(),
});
export type VisitPlanPatch = z.output<typeof visitPlanPatchSchema>;

export const planActionSchema = z.strictObject({ version, note: optionalText(1000) });
export const planReturnSchema = z.strictObject({ version, note: requiredText(1000) });

export const memoItemSchema = z.strictObject({
  title: requiredText(300),
  notes: optionalText(2000),
  ownerId: positiveId.optional().describe('who follows it up; the plan’s owner when absent'),
  dueOn: isoDate,
});

export const visitSummarySchema = z.strictObject({
  version,
  occurredAt: instant.optional().describe('when the visit took place; the planned time when absent'),
  summary: requiredText(4000),
  maintenanceForm: z.enum(MAINTENANCE_FORMS.codes).nullable().optional(),
  nextStep: optionalText(2000),
  outcomes: z
    .array(
      z.strictObject({
        objectiveId: positiveId,
        outcome: z.enum(OBJECTIVE_OUTCOMES.codes),
        actual: z.number().finite().min(0).max(1e13).nullable().optional(),
      }),
    )
    .max(10),
  needsFound: z
    .array(z.enum(NEED_TAGS.codes))
    .max(NEED_TAGS.codes.length)
    .refine(unique, 'must not repeat a tag'),
  addNeedTags: z.boolean().default(false).describe('add the needs found to the customer’s need tags'),
  memo: z.array(memoItemSchema).max(20),
});
export type VisitSummary = z.output<typeof visitSummarySchema>;

export const visitPlanListQuerySchema = z.strictObject({
  ...pageQuery,
  status: z.enum(VISIT_PLAN_STATUSES.codes).optional(),
  customerId: positiveId.optional(),
  prospectId: positiveId.optional(),
  ownerId: positiveId.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type VisitPlanListQuery = z.output<typeof visitPlanListQuerySchema>;

const reasonSchema = z.object({ zh: z.string(), en: z.string() });
const letterSchema = z.object({ ok: z.boolean(), reason: reasonSchema });
export const smartVerdictSchema = z.object({
  ok: z.boolean(),
  letters: z.object({ S: letterSchema, M: letterSchema, A: letterSchema, R: letterSchema, T: letterSchema }),
});

export const objectiveSchema = z.object({
  id: z.number(),
  what: z.string(),
  needTag: z.enum(NEED_TAGS.codes).nullable(),
  product: z.enum(PRODUCTS.codes).nullable(),
  metric: z.string().nullable(),
  unit: z.enum(METRIC_UNITS.codes).nullable(),
  target: z.number().nullable(),
  justification: z.string().nullable(),
  dueOn: z.string().nullable(),
  outcome: z.enum(OBJECTIVE_OUTCOMES.codes).nullable(),
  actual: z.number().nullable(),
  smart: smartVerdictSchema,
});

export const visitPlanSummarySchema = z.object({
  id: z.number(),
  customer: customerRef.nullable(),
  prospect: customerRef.nullable().describe('set instead of customer for a plan to meet a prospect'),
  owner: personRef,
  status: z.enum(VISIT_PLAN_STATUSES.codes),
  startsAt: z.string(),
  durationMinutes: z.number(),
  channel: z.enum(CHANNELS.codes),
  place: z.string().nullable(),
  objectiveCount: z.number(),
  objectivesMet: z.number(),
  updatedAt: z.string(),
  version: z.number(),
});
export type VisitPlanSummary = z.output<typeof visitPlanSummarySchema>;

export const visitPlanSchema = visitPlanSummarySchema.extend({
  contacts: z.array(personRef),
  participants: z.array(z.object({ name: z.string(), department: z.string() })),
  timingRationale: z.string().nullable(),
  entryPoint: z.string().nullable(),
  agenda: z.string().nullable(),
  products: z.array(z.enum(PRODUCTS.codes)),
  offer: z.string().nullable(),
  objectives: z.array(objectiveSchema),
  smartOk: z.boolean().describe('every objective passes the SMART check: the plan may be submitted'),
  needsApproval: z.boolean().describe('the owner’s team asks for the team lead’s approval'),
  submittedAt: z.string().nullable(),
  decidedBy: personRef.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  summary: z.string().nullable(),
  needsFound: z.array(z.enum(NEED_TAGS.codes)),
  completedAt: z.string().nullable(),
  interactionId: z.number().nullable(),
  memoTaskIds: z.array(z.number()),
  createdAt: z.string(),
});
export type VisitPlan = z.output<typeof visitPlanSchema>;

export const visitPlanListSchema = z.object({ items: z.array(visitPlanSummarySchema), total: z.number() });
