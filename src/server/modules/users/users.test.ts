import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';

describe.each(dialects())('users and organisation on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let lead1: Client;
  let rm1: Client;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [admin, lead1, rm1] = await ctx.loginAll('admin', 'lead1', 'rm1');
  });
  afterAll(async () => ctx?.close());

  it('creates a user who can then sign in, audited without the password', async () => {
    const res = await admin.post('/users', {
      username: 'RM20',
      displayName: '赵磊',
      role: 'rm',
      teamId: ctx.teams.team1,
      password: 'Strong-pass-2026',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'rm20',
      role: 'rm',
      teamId: ctx.teams.team1,
      active: true,
      teamName: '团队T1',
    });
    const login = await ctx.login('rm20', 'Strong-pass-2026');
    expect((await login.get('/auth/me')).json().user.displayName).toBe('赵磊');
    const audit = (await admin.get(`/audit?entity=user&entityId=${res.json().id}`)).json().items;
    expect(audit[0].action).toBe('create');
    expect(JSON.stringify(audit[0])).not.toContain('Strong-pass-2026');
  });

  it.each([
    ['a weak password', { password: 'short' }, 'body.password'],
    ['a password without digits', { password: 'onlyletters-here' }, 'body.password'],
    ['an unknown role', { role: 'cashier' }, 'body.role'],
    ['a bad username', { username: '9lives' }, 'body.username'],
    ['an RM without a team', { teamId: null }, 'body.teamId'],
    ['a team that does not exist', { teamId: 9999 }, 'body.teamId'],
    ['an unknown field', { salary: 1 }, 'body.salary'],
  ])('answers 400 naming the field for %s', async (_, override, path) => {
    const res = await admin.post('/users', {
      username: 'newrm',
      displayName: '新人',
      role: 'rm',
      teamId: ctx.teams.team1,
      password: 'Strong-pass-2026',
      ...override,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
  });

  it('answers 409 for a username that is taken', async () => {
    const res = await admin.post('/users', {
      username: 'rm1',
      displayName: 'x',
      role: 'rm',
      teamId: ctx.teams.team1,
      password: 'Strong-pass-2026',
    });
    expect(res.statusCode).toBe(409);
  });

  it('keeps user administration to administrators', async () => {
    expect((await rm1.get('/users')).statusCode).toBe(403);
    expect((await lead1.get('/users?role=rm')).statusCode).toBe(200);
    expect((await lead1.post('/users', {})).statusCode).toBe(403);
    expect((await lead1.patch(`/users/${ctx.users.rm1}`, { version: 1 })).statusCode).toBe(403);
    expect((await ctx.anonymous.get('/users')).statusCode).toBe(401);
    expect((await admin.get('/users/99999')).statusCode).toBe(404);
  });

  it('changes role and team with the version read; a stale version answers 409', async () => {
    const user = (await admin.get(`/users/${ctx.users.rm2}`)).json();
    const res = await admin.patch(`/users/${ctx.users.rm2}`, {
      version: user.version,
      teamId: ctx.teams.team2,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().teamId).toBe(ctx.teams.team2);
    expect(
      (await admin.patch(`/users/${ctx.users.rm2}`, { version: user.version, teamId: ctx.teams.team1 }))
        .statusCode,
    ).toBe(409);
    const back = await admin.patch(`/users/${ctx.users.rm2}`, {
      version: res.json().version,
      teamId: ctx.teams.team1,
    });
    expect(back.statusCode).toBe(200);
  });

  it('does not let an administrator disable or demote themselves', async () => {
    const me = (await admin.get(`/users/${ctx.users.admin}`)).json();
    const res = await admin.patch(`/users/${ctx.users.admin}`, { version: me.version, active: false });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('body.active');
  });

  it('resets a password, ending the user’s sessions', async () => {
    const rm3 = await ctx.login('rm3');
    const res = await admin.post(`/users/${ctx.users.rm3}/password`, { password: 'Fresh-pass-2027' });
    expect(res.statusCode).toBe(204);
    expect((await rm3.get('/auth/me')).statusCode).toBe(401);
    expect((await (await ctx.login('rm3', 'Fresh-pass-2027')).get('/auth/me')).statusCode).toBe(200);
    expect((await admin.post(`/users/${ctx.users.rm3}/password`, { password: 'x' })).statusCode).toBe(400);
  });

  it('lists and creates branches and teams', async () => {
    const branch = await admin.post('/branches', { code: 'B02', name: '浦东支行' });
    expect(branch.statusCode, branch.body).toBe(201);
    const team = await admin.post('/teams', { code: 'T9', name: '公司业务三组', branchId: branch.json().id });
    expect(team.statusCode, team.body).toBe(201);
    expect(team.json()).toMatchObject({ branchName: '浦东支行', memberCount: 0 });
    const teams = (await rm1.get('/teams')).json().items;
    expect(teams.find((t: { code: string }) => t.code === 'T1').memberCount).toBeGreaterThanOrEqual(3);
    expect(
      (await admin.post('/teams', { code: 'T9', name: 'dup', branchId: branch.json().id })).statusCode,
    ).toBe(409);
    expect(
      (await admin.post('/teams', { code: 'T10', name: 'x', branchId: 999 })).json().error.fields[0].path,
    ).toBe('body.branchId');
    expect((await rm1.post('/branches', { code: 'B03', name: 'x' })).statusCode).toBe(403);
  });
});
