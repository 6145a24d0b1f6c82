import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { bankDate } from '../../../shared/schemas/common';

describe.each(dialects())('API keys on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  const bearer = (key: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    ctx.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${key}` },
      ...(payload ? { payload: payload as object } : {}),
    });
  const create = async (body: unknown) => {
    const res = await admin.post('/api-keys', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { apiKey: { id: number; prefix: string; status: string }; key: string };
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [admin] = await ctx.loginAll('admin');
    const rm1 = await ctx.login('rm1');
    expect((await rm1.post('/customers', buildCustomer())).statusCode).toBe(201);
  });
  afterAll(async () => ctx?.close());

  it('creates a key shown once, stored only as a hash, and lists it without its secret', async () => {
    const { apiKey, key } = await create({
      name: '夜间批量',
      scopes: { read: true, imports: ['customers'] },
    });
    expect(key).toMatch(/^rmw_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: '夜间批量', status: 'active', createdBy: 'admin', expiresOn: null });
    const listed = await admin.get('/api-keys');
    // The secret is base64url, which may itself contain '_': it is everything after `rmw_<prefix>_`.
    const secret = key.slice(`rmw_${apiKey.prefix}_`.length);
    expect(secret).toHaveLength(43);
    expect(listed.body).not.toContain(secret);
    const stored = await ctx.deps.db
      .selectFrom('api_keys')
      .select('secret_hash')
      .where('id', '=', apiKey.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain(stored.secret_hash);
  });

  it('lets a read key list customers without cookie or CSRF token, and audits each use', async () => {
    const { apiKey, key } = await create({ name: 'reader', scopes: { read: true } });
    const res = await bearer(key, 'GET', '/customers');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBeGreaterThan(0);
    expect(res.json().items[0].idNumber).toContain('*');
    const audit = (await admin.get(`/audit?entity=api_key&entityId=${apiKey.id}&action=api_key_use`)).json();
    expect(audit.items[0]).toMatchObject({ actorUsername: 'apikey:reader', reason: 'GET /api/v1/customers' });
  });

  it('refuses what a key’s scopes do not allow with 403', async () => {
    const { key } = await create({ name: 'imports only', scopes: { read: false, imports: ['accounts'] } });
    expect((await bearer(key, 'GET', '/customers')).statusCode).toBe(403);
    const { key: reader } = await create({ name: 'reader 2', scopes: { read: true } });
    expect((await bearer(reader, 'POST', '/customers', buildCustomer())).statusCode).toBe(403);
    expect((await bearer(reader, 'GET', '/users')).statusCode).toBe(403);
    expect((await bearer(reader, 'GET', '/audit')).statusCode).toBe(403);
  });

  it('stops a revoked key at once, and answers 401 to unknown and malformed keys', async () => {
    const { apiKey, key } = await create({ name: 'to revoke', scopes: { read: true } });
    expect((await bearer(key, 'GET', '/customers')).statusCode).toBe(200);
    const revoked = await admin.delete(`/api-keys/${apiKey.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    expect((await bearer(key, 'GET', '/customers')).statusCode).toBe(401);
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    const { key: other } = await create({ name: 'other', scopes: { read: true } });
    expect(
      (await bearer(`${other.slice(0, -1)}${other.endsWith('A') ? 'B' : 'A'}`, 'GET', '/customers'))
        .statusCode,
    ).toBe(401);
    expect((await bearer(tampered, 'GET', '/customers')).statusCode).toBe(401);
    expect((await bearer('not-a-key', 'GET', '/customers')).statusCode).toBe(401);
    expect((await admin.delete('/api-keys/99999')).statusCode).toBe(404);
  });

  it('stops a key after its last day (bank time)', async () => {
    const today = bankDate(ctx.deps.clock());
    const { key } = await create({ name: 'expiring', scopes: { read: true }, expiresOn: today });
    expect((await bearer(key, 'GET', '/customers')).statusCode).toBe(200);
    ctx.advance(24 * 60 * 60 * 1000);
    expect((await bearer(key, 'GET', '/customers')).statusCode).toBe(401);
    admin = await ctx.login('admin'); // the day also ended the administrator's session
    expect(
      (await admin.get('/api-keys')).json().items.find((k: { name: string }) => k.name === 'expiring').status,
    ).toBe('expired');
  });

  it('answers 400 naming the field for a bad key request, and 403 to non-administrators', async () => {
    const noScope = await admin.post('/api-keys', { name: 'x', scopes: { read: false, imports: [] } });
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json().error.fields[0].path).toBe('body.scopes');
    const badKind = await admin.post('/api-keys', { name: 'x', scopes: { imports: ['gold'] } });
    expect(badKind.json().error.fields[0].path).toBe('body.scopes.imports.0');
    const past = await admin.post('/api-keys', {
      name: 'x',
      scopes: { read: true },
      expiresOn: '2020-01-01',
    });
    expect(past.json().error.fields[0].path).toBe('body.expiresOn');
    const lead = await ctx.login('lead1');
    expect((await lead.post('/api-keys', { name: 'x', scopes: { read: true } })).statusCode).toBe(403);
    expect((await ctx.anonymous.get('/api-keys')).statusCode).toBe(401);
  });
});
