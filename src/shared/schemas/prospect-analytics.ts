import { z } from 'zod';
import { PIPELINE_STAGES } from '../../domain/pipeline';
import { NODE_KINDS } from '../../domain/referral-network';
import { PROSPECT_SOURCES } from '../codes';
import { isoDate, personRef, positiveId } from './common';

// Analytics of developing new customers (issue #6 parts 6 and 7, DOMAIN §4): the funnel, the
// acquisition rate 获取率 per RM, team, source and month, time in stage, source effectiveness, the
// referral network and its key persons 关键中心人物.

export const ANALYTICS_MAX_DAYS = 1096;

export const prospectAnalyticsQuerySchema = z.strictObject({
  from: isoDate.describe('first bank day of the period in which the prospects were created'),
  to: isoDate.describe(`last bank day of the period (at most ${ANALYTICS_MAX_DAYS} days)`),
  ownerId: positiveId.optional().describe('only the prospects of this RM'),
  teamId: positiveId.optional().describe('only the prospects owned by members of this team'),
  source: z.enum(PROSPECT_SOURCES.codes).optional(),
});
export type ProspectAnalyticsQuery = z.output<typeof prospectAnalyticsQuerySchema>;

const count = z.number().int();
const rateFields = {
  prospects: count.describe('prospects of the group, approached or not'),
  approached: count.describe('prospects that reached engaged (a contact was made)'),
  acquired: count.describe('prospects that reached established'),
  rate: z.number().nullable().describe('acquired ÷ approached; null when none was approached'),
};
const stage = z.enum(PIPELINE_STAGES);
/** A team's or a customer's reference. */
const namedRef = z.object({ id: z.number(), name: z.string() });

export const prospectAnalyticsSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  asOf: z.string().describe('the moment still-open stays in a stage are counted up to'),
  funnel: z
    .array(
      z.object({
        stage,
        reached: count.describe('prospects whose furthest stage is this one or a later one'),
        conversion: z.number().nullable().describe('reached ÷ the previous stage’s reached'),
      }),
    )
    .describe('every stage, in order; a disqualified prospect counts up to the furthest stage it reached'),
  acquisition: z.object({
    overall: z.object(rateFields),
    byOwner: z
      .array(z.object({ owner: personRef.nullable().describe('null: not assigned'), ...rateFields }))
      .describe('by the owning RM, by name'),
    byTeam: z
      .array(z.object({ team: namedRef.nullable().describe('null: the owner has no team'), ...rateFields }))
      .describe('by the owner’s current team, by name'),
    bySource: z
      .array(z.object({ source: z.enum(PROSPECT_SOURCES.codes), ...rateFields }))
      .describe('by prospecting source, in the code list’s order'),
    byMonth: z
      .array(z.object({ month: z.string().describe('YYYY-MM'), ...rateFields }))
      .describe('every month of the period: the prospects created in it'),
  }),
  timeInStage: z
    .array(
      z.object({
        stage,
        prospects: count.describe('prospects that spent time in the stage'),
        medianDays: z.number().nullable(),
        meanDays: z.number().nullable(),
      }),
    )
    .describe(
      'the stages before established; a still-open stay counts up to asOf; two stays of one prospect in a stage add up',
    ),
  sources: z
    .array(
      z.object({
        source: z.enum(PROSPECT_SOURCES.codes),
        ...rateFields,
        disqualified: count.describe('prospects disqualified now'),
        medianDaysToEstablish: z
          .number()
          .nullable()
          .describe('median days from creation to established of the acquired ones'),
      }),
    )
    .describe('source effectiveness, the sources with prospects, most prospects first'),
});
export type ProspectAnalytics = z.output<typeof prospectAnalyticsSchema>;

export const networkNodeSchema = z.object({
  id: z
    .string()
    .describe(
      'c:<customer id>, p:<prospect id>, ct:<contact person id>, k:<key person name>; h:<n> for a hidden node',
    ),
  kind: z.enum(NODE_KINDS),
  name: z.string().nullable().describe('null for a hidden node'),
  status: z
    .string()
    .nullable()
    .describe(
      'the prospect status (also of a converted prospect, now its customer); customer for a customer that was no prospect; person for contact and key persons; null when hidden',
    ),
  converted: z.boolean().describe('a prospect converted into this customer'),
  organisation: namedRef.nullable().describe('for a contact person, the customer they belong to'),
  hidden: z
    .literal(true)
    .optional()
    .describe('outside the caller’s scope, shown only because it links two nodes the caller sees'),
});
export type NetworkNode = z.output<typeof networkNodeSchema>;

export const referralNetworkSchema = z.object({
  nodes: z.array(networkNodeSchema),
  edges: z
    .array(z.object({ source: z.string(), target: z.string() }))
    .describe('from who introduced to whom they introduced'),
  truncated: z
    .boolean()
    .describe('more introductions exist than the answer carries; the most recent are kept'),
});
export type ReferralNetwork = z.output<typeof referralNetworkSchema>;

export const keyPersonsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const keyPersonSchema = z.object({
  referrer: networkNodeSchema,
  referrals: count.describe('nodes the caller sees that this referrer introduced'),
  converted: count.describe('of those, the ones that are customers'),
  convertedValue: z
    .number()
    .nullable()
    .describe(
      'yuan: the realized value of the converted customers the caller sees, as the last value run stored it; null when none has one yet',
    ),
});
export const keyPersonsSchema = z.object({ items: z.array(keyPersonSchema) });
export type KeyPerson = z.output<typeof keyPersonSchema>;
