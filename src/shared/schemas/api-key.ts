import { z } from 'zod';
import { isoDate } from './common';

/** The kinds of file the import framework takes (DOMAIN §7.3); later features add theirs. */
export const IMPORT_KINDS = [
  'customers',
  'contacts',
  'accounts',
  'account-monthly',
  'interactions',
  'prospects',
  'financial-statements',
  'risk-flags',
] as const;
export type ImportKindCode = (typeof IMPORT_KINDS)[number];

export const apiKeyScopesSchema = z.strictObject({
  read: z.boolean().default(false).describe('may read customers and import results'),
  imports: z
    .array(z.enum(IMPORT_KINDS))
    .max(IMPORT_KINDS.length)
    .default([])
    .describe('import kinds it may load'),
});
export type ApiKeyScopes = z.output<typeof apiKeyScopesSchema>;

export const apiKeyCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  scopes: apiKeyScopesSchema,
  expiresOn: isoDate
    .nullable()
    .default(null)
    .describe('last day the key works (bank time); null: never expires'),
});

export const apiKeySchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.object({ read: z.boolean(), imports: z.array(z.enum(IMPORT_KINDS)) }),
  expiresOn: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});
export type ApiKey = z.output<typeof apiKeySchema>;
