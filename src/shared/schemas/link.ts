import { z } from 'zod';
import { LINK_KINDS } from '../codes';

// Links between customers (DOMAIN §2): group/affiliate, household, referral. A link is stored from
// the customer it was added on to `toCustomerId`; for a referral that reads "from introduced to".

const dbId = z.number().int().positive().max(2_147_483_647);

export const linkCreateSchema = z.strictObject({
  toCustomerId: dbId.describe('the other customer; for a referral, the customer this one introduced'),
  kind: z.enum(LINK_KINDS.codes),
  note: z.string().trim().max(500).nullable().optional(),
});
export type LinkCreate = z.output<typeof linkCreateSchema>;

export const linkParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  linkId: z.coerce.number().int().positive().max(2_147_483_647),
});

export const LINK_DIRECTIONS = ['outgoing', 'incoming'] as const;

export const linkSchema = z.object({
  id: z.number(),
  kind: z.enum(LINK_KINDS.codes),
  direction: z
    .enum(LINK_DIRECTIONS)
    .describe(
      'outgoing: added on this customer towards the other (for a referral: this customer introduced the other); incoming: the reverse',
    ),
  linkedCustomer: z
    .object({
      id: z.number().nullable(),
      code: z.string().nullable(),
      name: z.string().nullable(),
      hidden: z.boolean(),
    })
    .describe(
      'the customer at the other end; when it is outside the caller’s portfolio only `hidden: true` is told, and id, code and name are null',
    ),
  note: z.string().nullable().describe('null too when the linked customer is hidden: a note may name it'),
  createdAt: z.string(),
  removable: z.boolean().describe('whether the caller may remove the link: a writer who sees both customers'),
});
export type Link = z.output<typeof linkSchema>;
