import { z } from 'zod';
import { CHANNELS, DIRECTIONS, MAINTENANCE_FORMS } from '../codes';
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

// Contact records 接触记录 (DOMAIN §3 contact management, §5 channels and maintenance forms): every
// contact with a customer on any channel, who made it, and what came of it.

const editable = {
  contactId: positiveId.nullable().optional(),
  channel: z.enum(CHANNELS.codes),
  direction: z.enum(DIRECTIONS.codes),
  occurredAt: instant,
  place: optionalText(200),
  purpose: optionalText(500),
  maintenanceForm: z.enum(MAINTENANCE_FORMS.codes).nullable().optional(),
  summary: requiredText(4000),
  outcome: optionalText(2000),
  nextStep: optionalText(2000),
};

export const interactionCreateSchema = z
  .strictObject({
    customerId: positiveId.optional(),
    prospectId: positiveId.optional().describe('a contact with a prospect, instead of a customer'),
    ...editable,
    direction: editable.direction.default('outbound'),
  })
  .superRefine(exactlyOneSubject);
export type InteractionCreate = z.output<typeof interactionCreateSchema>;

export const interactionPatchSchema = z.strictObject({
  version,
  contactId: editable.contactId,
  channel: editable.channel.optional(),
  direction: editable.direction.optional(),
  occurredAt: editable.occurredAt.optional(),
  place: editable.place,
  purpose: editable.purpose,
  maintenanceForm: editable.maintenanceForm,
  summary: editable.summary.optional(),
  outcome: editable.outcome,
  nextStep: editable.nextStep,
});
export type InteractionPatch = z.output<typeof interactionPatchSchema>;

export const interactionListQuerySchema = z.strictObject({
  ...pageQuery,
  customerId: positiveId.optional(),
  prospectId: positiveId.optional(),
  channel: z.enum(CHANNELS.codes).optional(),
  maintenanceForm: z.enum(MAINTENANCE_FORMS.codes).optional(),
  recordedBy: positiveId.optional(),
  from: isoDate.optional().describe('first day, in the bank’s time zone'),
  to: isoDate.optional().describe('last day, in the bank’s time zone'),
  q: z.string().trim().max(100).optional().describe('words in the summary, purpose or outcome'),
});
export type InteractionListQuery = z.output<typeof interactionListQuerySchema>;

export const interactionSchema = z.object({
  id: z.number(),
  ref: z.string().nullable().describe('the bank’s own reference, for imported records'),
  customer: customerRef.nullable(),
  prospect: customerRef.nullable().describe('set instead of customer for a contact with a prospect'),
  contact: personRef.nullable(),
  channel: z.enum(CHANNELS.codes),
  direction: z.enum(DIRECTIONS.codes),
  occurredAt: z.string(),
  place: z.string().nullable(),
  purpose: z.string().nullable(),
  maintenanceForm: z.enum(MAINTENANCE_FORMS.codes).nullable(),
  summary: z.string(),
  outcome: z.string().nullable(),
  nextStep: z.string().nullable(),
  planId: z.number().nullable().describe('the visit plan this contact carried out'),
  recordedBy: personRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Interaction = z.output<typeof interactionSchema>;

export const interactionListSchema = z.object({ items: z.array(interactionSchema), total: z.number() });
