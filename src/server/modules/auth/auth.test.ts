import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  dialects,
  TEST_PASSWORD,
  type TestContext,
} from '../../../../tests/support/test-app';
import { FAILURE_WINDOW_MS, LOCKOUT_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './auth.service';

describe.each(dialects())('auth on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(async () => ctx?.close());

  const loginRaw = (username: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  it('signs in with a session cookie that is HttpOnly and SameSite=Lax, and answers the user and a CSRF token', async () => {
    const res = await loginRaw('rm1', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'rm1', role: 'rm', teamId: ctx.teams.team1 });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = res.cookies.find((c) => c.name === 'rmw_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy(); // plain HTTP in tests; HTTPS sets Secure
  });

  it('answers the same 401 for a wrong password and an unknown user', async () => {
    const wrong = await loginRaw('rm2', 'wrong-password-1');
    const unknown = await loginRaw('nobody', 'wrong-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('names the field of a malformed login', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'rm1' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain('body.password');
  });

  it('locks a username for 15 minutes after 5 failures within 15 minutes, even for the right password', async () => {
    for (let i = 0; i < 4; i++) expect((await loginRaw('lead2', 'bad-password-1')).statusCode).toBe(401);
    // 4 failures: the right password still works and resets the count.
    expect((await loginRaw('lead2', TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await loginRaw('lead2', 'bad-password-1')).statusCode).toBe(401);
    const locked = await loginRaw('lead2', TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    ctx.advance(LOCKOUT_MS - 5_000);
    expect((await loginRaw('lead2', TEST_PASSWORD)).statusCode).toBe(429);
    ctx.advance(10_000);
    expect((await loginRaw('lead2', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('does not lock when the 5 failures are spread over more than 15 minutes', async () => {
    for (let i = 0; i < 4; i++) expect((await loginRaw('rm3', 'bad-password-1')).statusCode).toBe(401);
    ctx.advance(FAILURE_WINDOW_MS + 1_000);
    expect((await loginRaw('rm3', 'bad-password-1')).statusCode).toBe(401);
    expect((await loginRaw('rm3', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('locks unknown usernames too, so the answer does not reveal which exist', async () => {
    for (let i = 0; i < 5; i++) await loginRaw('ghost', 'bad-password-1');
    expect((await loginRaw('ghost', 'bad-password-1')).statusCode).toBe(429);
  });

  it('refuses anonymous calls with 401 and writes without the CSRF token with 403', async () => {
    expect((await ctx.anonymous.get('/customers')).statusCode).toBe(401);
    const rm1 = await ctx.login('rm1');
    const noToken = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { cookie: rm1.cookie },
      payload: { locale: 'en' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_token_invalid');
    const withToken = await rm1.patch('/auth/me', { locale: 'en' });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.json().locale).toBe('en');
    expect((await rm1.get('/auth/me')).json().user.locale).toBe('en');
  });

  it('ends the session on logout', async () => {
    const rm1 = await ctx.login('rm1');
    expect((await rm1.get('/auth/me')).statusCode).toBe(200);
    expect((await rm1.post('/auth/logout')).statusCode).toBe(204);
    expect((await rm1.get('/auth/me')).statusCode).toBe(401);
  });

  it('expires a session idle for more than 30 minutes', async () => {
    const rm1 = await ctx.login('rm1');
    ctx.advance(SESSION_IDLE_MS - 60_000);
    expect((await rm1.get('/auth/me')).statusCode).toBe(200);
    ctx.advance(SESSION_IDLE_MS - 60_000); // active 1 minute ago: still alive
    expect((await rm1.get('/auth/me')).statusCode).toBe(200);
    ctx.advance(SESSION_IDLE_MS + 1_000);
    expect((await rm1.get('/auth/me')).statusCode).toBe(401);
  });

  it('answers a signed-in request while a long write transaction holds the database', async () => {
    const rm1 = await ctx.login('rm1');
    ctx.advance(5 * 60_000); // the session's activity is due to be written
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const trx = ctx.deps.db.transaction().execute(async (t) => {
      await t.updateTable('branches').set({ name: '长事务' }).where('id', '<', 0).execute();
      await held;
    });
    try {
      const answer = await Promise.race([
        rm1.get('/auth/me').then((r) => r.statusCode),
        new Promise((r) => setTimeout(() => r('blocked'), 3000)),
      ]);
      expect(answer).toBe(200);
    } finally {
      release();
      await trx;
    }
  });

  it('expires a session 12 hours after sign-in however active it is', async () => {
    const rm2 = await ctx.login('rm2');
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_MS - 20 * 60_000; elapsed += 20 * 60_000) {
      ctx.advance(20 * 60_000);
      expect((await rm2.get('/auth/me')).statusCode).toBe(200);
    }
    ctx.advance(25 * 60_000);
    expect((await rm2.get('/auth/me')).statusCode).toBe(401);
  });

  it('ends every session of a user an administrator disables, and refuses their sign-in', async () => {
    const admin = await ctx.login('admin');
    const rm2 = await ctx.login('rm2');
    const user = (await admin.get(`/users/${ctx.users.rm2}`)).json();
    const res = await admin.patch(`/users/${ctx.users.rm2}`, { version: user.version, active: false });
    expect(res.statusCode).toBe(200);
    expect((await rm2.get('/auth/me')).statusCode).toBe(401);
    expect((await loginRaw('rm2', TEST_PASSWORD)).statusCode).toBe(401);
    const back = await admin.patch(`/users/${ctx.users.rm2}`, { version: res.json().version, active: true });
    expect(back.statusCode).toBe(200);
    expect((await loginRaw('rm2', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('audits sign-ins, failures and sign-outs', async () => {
    const admin = await ctx.login('admin');
    const res = await admin.get(`/audit?entity=session&actorId=${ctx.users.rm1}&pageSize=200`);
    expect(res.statusCode).toBe(200);
    const actions = new Set(res.json().items.map((e: { action: string }) => e.action));
    expect(actions).toEqual(new Set(['login', 'logout']));
  });
});
