import { z } from 'zod';
import { CONTACT_ROLES } from '../codes';
import { email, pastDate, phone, version } from './common';

// Contact persons of a customer (DOMAIN §2): for a corporate its legal representative, head of
// finance and decision makers; for an individual the family. Birthday and preferences feed
// psychological maintenance (§5).

const text = (max: number) => z.string().trim().max(max);

const editable = {
  name: z.string().trim().min(1, 'must not be empty').max(100),
  role: z.enum(CONTACT_ROLES.codes),
  title: text(100).nullable(),
  // The column holds 20 characters; `phone` alone lets a 21st through ('+' and 20 digits).
  phone: phone.refine((s) => s.length <= 20, 'must have at most 20 characters').nullable(),
  email: email.nullable(),
  birthday: pastDate.nullable(),
  preferences: text(1000).nullable(),
  notes: text(2000).nullable(),
};

export const contactCreateSchema = z.strictObject({
  name: editable.name,
  role: editable.role,
  title: editable.title.optional(),
  phone: editable.phone.optional(),
  email: editable.email.optional(),
  birthday: editable.birthday.optional(),
  preferences: editable.preferences.optional(),
  notes: editable.notes.optional(),
});
export type ContactCreate = z.output<typeof contactCreateSchema>;

/** A PATCH names only what changes, and the `version` it read (DOMAIN §7.2). */
export const contactPatchSchema = z.strictObject({
  version,
  name: editable.name.optional(),
  role: editable.role.optional(),
  title: editable.title.optional(),
  phone: editable.phone.optional(),
  email: editable.email.optional(),
  birthday: editable.birthday.optional(),
  preferences: editable.preferences.optional(),
  notes: editable.notes.optional(),
});
export type ContactPatch = z.output<typeof contactPatchSchema>;

export const contactParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  contactId: z.coerce.number().int().positive().max(2_147_483_647),
});

export const contactSchema = z.object({
  id: z.number(),
  customerId: z.number(),
  name: z.string(),
  role: z.enum(CONTACT_ROLES.codes),
  title: z.string().nullable(),
  phone: z.string().nullable().describe('masked (DOMAIN §9)'),
  email: z.string().nullable().describe('masked (DOMAIN §9)'),
  birthday: z.string().nullable().describe('YYYY-MM-DD'),
  preferences: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Contact = z.output<typeof contactSchema>;

/** A contact person's full phone or e-mail, for a role that may see it, with the reason (DOMAIN §9). */
export const CONTACT_REVEALABLE = ['phone', 'email'] as const;
export const contactRevealSchema = z.strictObject({
  field: z.enum(CONTACT_REVEALABLE),
  reason: z.string().trim().min(4, 'must say why, in at least 4 characters').max(500),
});
export const contactRevealedSchema = z.object({
  field: z.enum(CONTACT_REVEALABLE),
  value: z.string().nullable(),
});
