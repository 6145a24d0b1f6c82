import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { ApiKey, ApiKeyScopes, apiKeyCreateSchema } from '../../../shared/schemas/api-key';
import { bankDate, bankDayStart } from '../../../shared/schemas/common';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext, writeAudit } from '../../http/audit';
import { invalidField, notFound } from '../../http/errors';
import * as repo from './api-keys.repository';

// API keys for the bank's machine clients (DOMAIN §7.2): `Authorization: Bearer rmw_<prefix>_<secret>`.
// Only the SHA-256 of the secret is stored (a 256-bit random secret needs no slow hash); the whole key
// is shown once, at creation. A key acts with its creator's authority and only within its scopes;
// every use is audited.

const KEY_PATTERN = /^rmw_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest();

function statusOf(row: repo.ApiKeyRow, now: string): ApiKey['status'] {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at && row.expires_at <= now) return 'expired';
  return 'active';
}

function present(row: repo.ApiKeyRow, now: string): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: JSON.parse(row.scopes_json) as ApiKeyScopes,
    // Stored as the first moment after the last day.
    expiresOn: row.expires_at ? bankDate(new Date(Date.parse(row.expires_at) - 1)) : null,
    revokedAt: row.revoked_at,
    createdBy: row.created_by_username,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    status: statusOf(row, now),
  };
}

export async function listApiKeys(deps: AppDeps) {
  const now = deps.clock().toISOString();
  return (await repo.listApiKeys(deps.db)).map((r) => present(r, now));
}

export async function createApiKey(
  deps: AppDeps,
  viewer: Viewer,
  input: z.output<typeof apiKeyCreateSchema>,
  ip: string | null,
): Promise<{ apiKey: ApiKey; key: string }> {
  const ctx = auditContext(deps, viewer, ip);
  const expiresAt = input.expiresOn ? bankDayStart(input.expiresOn, 1) : null;
  if (expiresAt && expiresAt < ctx.at) throw invalidField('expiresOn', 'must not be in the past');
  if (!input.scopes.read && input.scopes.imports.length === 0) {
    throw invalidField('scopes', 'a key needs at least one scope: read, or an import kind');
  }
  const prefix = randomBytes(8).toString('hex').slice(0, 10);
  const secret = randomBytes(32).toString('base64url');
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertApiKey(trx, {
      name: input.name,
      prefix,
      secretHash: sha256(secret).toString('hex'),
      scopesJson: JSON.stringify(input.scopes),
      expiresAt,
      createdBy: viewer.id,
      now: ctx.at,
    });
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'api_key',
      entityId: id,
      after: { name: input.name, prefix, scopes: input.scopes, expiresOn: input.expiresOn },
    });
    return id;
  });
  const row = await repo.findApiKey(deps.db, id);
  return { apiKey: present(row!, ctx.at), key: `rmw_${prefix}_${secret}` };
}

export async function revokeApiKey(deps: AppDeps, viewer: Viewer, id: number, ip: string | null) {
  const ctx = auditContext(deps, viewer, ip);
  const row = await repo.findApiKey(deps.db, id);
  if (!row) throw notFound('API key');
  if (!row.revoked_at) {
    await deps.db.transaction().execute(async (trx) => {
      await repo.revokeApiKey(trx, id, ctx.at);
      await writeAudit(trx, ctx, {
        action: 'revoke',
        entity: 'api_key',
        entityId: id,
        before: { name: row.name },
      });
    });
  }
  return present((await repo.findApiKey(deps.db, id))!, ctx.at);
}

/**
 * The caller a bearer key stands for, or null when the key is malformed, unknown, revoked, expired or
 * its creator disabled. The use is audited.
 */
export async function resolveApiKey(
  deps: AppDeps,
  token: string,
  use: { method: string; url: string; ip: string | null },
): Promise<Viewer | null> {
  const match = KEY_PATTERN.exec(token);
  if (!match) return null;
  const row = await repo.findApiKeyByPrefix(deps.db, match[1]!);
  if (!row) return null;
  const expected = Buffer.from(row.secret_hash, 'hex');
  const actual = sha256(match[2]!);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  const now = deps.clock().toISOString();
  if (statusOf(row, now) !== 'active' || !row.creator_active) return null;
  const viewer: Viewer = {
    id: row.created_by,
    username: `apikey:${row.name}`,
    displayName: row.name,
    role: 'admin',
    teamId: null,
    locale: 'zh-CN',
    sessionId: null,
    csrfToken: null,
    apiKey: { id: row.id, scopes: JSON.parse(row.scopes_json) as ApiKeyScopes },
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.touchApiKey(trx, row.id, now);
    await writeAudit(
      trx,
      { actor: viewer, at: now, ip: use.ip },
      {
        action: 'api_key_use',
        entity: 'api_key',
        entityId: row.id,
        reason: `${use.method} ${use.url}`.slice(0, 1000),
      },
    );
  });
  return viewer;
}
