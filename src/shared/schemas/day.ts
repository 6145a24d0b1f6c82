import { z } from 'zod';
import { customerRef, isoDate, positiveId } from './common';

// The RM's day 工作台 (issue #5 part 5): one page of agenda sections, each from an agenda source.
// Later features add their sources (overdue maintenance, complaints near their deadline, exit
// candidates) without changing this shape.

export const dayQuerySchema = z.strictObject({
  date: isoDate.optional().describe('the bank day; today when absent'),
});

export const agendaItemSchema = z.object({
  kind: z.string().describe('visit, task, memo, interaction, plan_to_approve …'),
  id: z.number(),
  title: z.string(),
  at: z.string().nullable().describe('an ISO instant, or a YYYY-MM-DD day'),
  customer: customerRef.nullable(),
  prospect: customerRef.nullable().describe('set instead of customer for a prospect'),
  status: z.string().nullable(),
  overdue: z.boolean(),
  detail: z.string().nullable(),
});
export type AgendaItem = z.output<typeof agendaItemSchema>;

export const agendaSectionSchema = z.object({
  source: z.string(),
  total: z.number().describe('all items of the section; `items` holds the first ones'),
  items: z.array(agendaItemSchema),
});
export type AgendaSection = z.output<typeof agendaSectionSchema>;

export const daySchema = z.object({ date: z.string(), sections: z.array(agendaSectionSchema) });

export const teamOverviewQuerySchema = z.strictObject({
  from: isoDate,
  to: isoDate,
  teamId: positiveId.optional().describe('administrators: which team; a team lead sees their own'),
});

const count = z.number();
export const teamOverviewSchema = z.object({
  team: z.object({ id: z.number(), name: z.string() }),
  members: z.array(
    z.object({
      user: z.object({ id: z.number(), name: z.string() }),
      plans: z.record(z.string(), count).describe('visit plans starting in the period, by status'),
      objectives: z.object({
        met: count,
        partly: count,
        notMet: count,
        total: count,
        attainment: z.number().nullable().describe('met ÷ objectives with an outcome'),
      }),
      contacts: count,
      customersContacted: count,
      customersOwned: count,
    }),
  ),
  contactsByMonth: z.array(
    z.object({
      month: z.string(),
      userId: z.number(),
      contacts: count,
      customers: count,
      perCustomer: z.number().describe('contacts ÷ distinct customers contacted that month'),
    }),
  ),
});
export type TeamOverview = z.output<typeof teamOverviewSchema>;
