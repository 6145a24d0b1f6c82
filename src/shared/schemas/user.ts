import { z } from 'zod';
import { ROLES } from '../codes';
import { version } from './common';

export const LOCALES = ['zh-CN', 'en'] as const;

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{1,31}$/, 'must be 2–32 letters, digits, . _ or -, starting with a letter');
const displayName = z.string().trim().min(1, 'must not be empty').max(100);
export const password = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200)
  .refine((p) => /[A-Za-z]/.test(p) && /[0-9]/.test(p), 'must contain letters and digits');

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES.codes),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  active: z.boolean(),
  locale: z.enum(LOCALES),
  version: z.number(),
  createdAt: z.string(),
});
export type User = z.output<typeof userSchema>;

export const userCreateSchema = z.strictObject({
  username,
  displayName,
  role: z.enum(ROLES.codes),
  teamId: z.number().int().positive().nullable().default(null),
  password,
  locale: z.enum(LOCALES).default('zh-CN'),
});

export const userPatchSchema = z.strictObject({
  version,
  displayName: displayName.optional(),
  role: z.enum(ROLES.codes).optional(),
  teamId: z.number().int().positive().nullable().optional(),
  active: z.boolean().optional(),
});

export const passwordResetSchema = z.strictObject({ password });

export const userListQuerySchema = z.strictObject({
  q: z.string().trim().max(64).optional(),
  role: z.enum(ROLES.codes).optional(),
  teamId: z.coerce.number().int().positive().optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const teamSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  branchId: z.number(),
  branchName: z.string(),
  memberCount: z.number(),
  plansNeedApproval: z.boolean().describe('the team’s RMs submit visit plans to the team lead for approval'),
});

export const branchSchema = z.object({ id: z.number(), code: z.string(), name: z.string() });

const orgCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 letters, digits, - or _');
export const teamCreateSchema = z.strictObject({
  code: orgCode,
  name: z.string().trim().min(1).max(200),
  branchId: z.number().int().positive(),
});
export const teamPatchSchema = z.strictObject({ plansNeedApproval: z.boolean() });
export const branchCreateSchema = z.strictObject({ code: orgCode, name: z.string().trim().min(1).max(200) });
