import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { makeResidentId, makeUscc } from '../../src/domain/identity-numbers';
import { API_PREFIX, buildApp } from '../../src/server/app';
import { connect, type Dialect } from '../../src/server/db/connect';
import type { DB } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrations';
import type { AppDeps } from '../../src/server/deps';
import { hashPassword } from '../../src/server/modules/users/passwords';

// A fresh database per test file and dialect (a temp SQLite file, or a new database in the run's
// PostgreSQL cluster), migrated, with a small bank: one branch, two teams and a user of every role.

export const TEST_PASSWORD = 'Test-password-2026';

export function dialects(): Dialect[] {
  return (process.env.DIALECTS ?? 'sqlite,postgres')
    .split(',')
    .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres');
}

let passwordHash: Promise<string> | undefined;

export interface TestUsers {
  admin: number;
  lead1: number;
  rm1: number;
  rm2: number;
  lead2: number;
  rm3: number;
  risk1: number;
}

export interface Client {
  username: string;
  csrfToken: string;
  cookie: string;
  request(method: InjectOptions['method'], url: string, body?: unknown): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export interface TestContext {
  dialect: Dialect;
  app: Awaited<ReturnType<typeof buildApp>>;
  deps: AppDeps;
  users: TestUsers;
  teams: { team1: number; team2: number; branch: number };
  /** Moves the clock the app sees. */
  advance(ms: number): void;
  login(username: keyof TestUsers | string, password?: string): Promise<Client>;
  /** Signs several users in at once: `const [rm1, admin] = await ctx.loginAll('rm1', 'admin')`. */
  loginAll<const N extends readonly string[]>(...usernames: N): Promise<{ [K in keyof N]: Client }>;
  anonymous: Omit<Client, 'username' | 'csrfToken' | 'cookie'>;
  close(): Promise<void>;
}

/** An empty database of this dialect: a temp SQLite file, or a new database in the run's cluster. */
export async function createDatabase(dialect: Dialect): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmw-test-'));
    return {
      url: `sqlite:${path.join(dir, `${name}.sqlite`)}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = inject('pgUrl');
  if (!adminUrl) throw new Error('PostgreSQL tests need the cluster of tests/support/global-setup.ts');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: adminUrl.replace(/\/postgres$/, `/${name}`),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function clientFor(app: TestContext['app'], cookie: string, csrfToken: string) {
  const request = (method: InjectOptions['method'], url: string, body?: unknown) =>
    app.inject({
      method,
      url: url.startsWith('/api/') ? url : `${API_PREFIX}${url}`,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    });
  return {
    request,
    get: (url: string) => request('GET', url),
    post: (url: string, body?: unknown) => request('POST', url, body ?? {}),
    patch: (url: string, body?: unknown) => request('PATCH', url, body ?? {}),
    put: (url: string, body?: unknown) => request('PUT', url, body ?? {}),
    delete: (url: string) => request('DELETE', url),
  };
}

export async function createTestContext(dialect: Dialect): Promise<TestContext> {
  const database = await createDatabase(dialect);
  const { db, close } = connect(database.url);
  await migrateToLatest(db, dialect);
  let offset = 0;
  const deps: AppDeps = { db, dialect, clock: () => new Date(Date.now() + offset) };
  const app = await buildApp(deps);
  const now = new Date().toISOString();

  const branch = (
    await db
      .insertInto('branches')
      .values({ code: 'B01', name: '测试支行', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const team = async (code: string) =>
    (
      await db
        .insertInto('teams')
        .values({ code, name: `团队${code}`, branch_id: branch, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const team1 = await team('T1');
  const team2 = await team('T2');
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const user = async (username: string, role: string, teamId: number | null) =>
    (
      await db
        .insertInto('users')
        .values({
          username,
          display_name: username.toUpperCase(),
          role,
          team_id: teamId,
          password_hash: hash,
          active: 1,
          locale: 'zh-CN',
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const users: TestUsers = {
    admin: await user('admin', 'admin', null),
    lead1: await user('lead1', 'team_lead', team1),
    rm1: await user('rm1', 'rm', team1),
    rm2: await user('rm2', 'rm', team1),
    lead2: await user('lead2', 'team_lead', team2),
    rm3: await user('rm3', 'rm', team2),
    risk1: await user('risk1', 'risk_officer', null),
  };

  const ctx: TestContext = {
    dialect,
    app,
    deps,
    users,
    teams: { team1, team2, branch },
    advance: (ms) => {
      offset += ms;
    },
    anonymous: clientFor(app, '', ''),
    async login(username, password = TEST_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: `${API_PREFIX}/auth/login`,
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const setCookie = res.cookies.find((c) => c.name === 'rmw_session');
      const cookie = `rmw_session=${setCookie?.value}`;
      const csrfToken = res.json().csrfToken as string;
      return { username, csrfToken, cookie, ...clientFor(app, cookie, csrfToken) };
    },
    async loginAll(...usernames) {
      return (await Promise.all(usernames.map((u) => ctx.login(u)))) as never;
    },
    async close() {
      await app.close();
      await close();
      await database.drop();
    },
  };
  return ctx;
}

let seq = 0;
/** A valid customer body; every call gets distinct identifiers. */
export function buildCustomer(overrides: Record<string, unknown> = {}) {
  seq += 1;
  const n = process.pid * 1000 + seq;
  const kind = (overrides.kind as string | undefined) ?? 'corporate';
  return {
    kind,
    name: kind === 'corporate' ? `上海鑫泰贸易有限公司${n}` : `张伟${n}`,
    idNumber: kind === 'corporate' ? makeUscc(n) : makeResidentId(n),
    industry: kind === 'corporate' ? 'F51' : null,
    tier: 'ordinary',
    needTags: ['deposit'],
    phone: `138${String(n % 100_000_000).padStart(8, '0')}`,
    ...overrides,
  };
}

/** Inserts an open demand-deposit account of the customer straight into the table; answers its id. */
export async function insertAccount(db: Kysely<DB>, customerId: number) {
  seq += 1;
  const row = await db
    .insertInto('accounts')
    .values({
      account_no: `6229${String(process.pid).padStart(6, '0')}${String(seq).padStart(6, '0')}`,
      customer_id: customerId,
      product: 'demand_deposit',
      currency: 'CNY',
      opened_on: '2024-01-10',
      closed_on: null,
      rate: null,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A valid prospect body; every call gets a distinct name and ID number (no region: no name clash). */
export function buildProspect(overrides: Record<string, unknown> = {}) {
  seq += 1;
  const n = process.pid * 1000 + seq;
  const kind = (overrides.kind as string | undefined) ?? 'corporate';
  return {
    kind,
    name: kind === 'corporate' ? `苏州恒达精密机械有限公司${n}` : `李娜${n}`,
    idNumber: kind === 'corporate' ? makeUscc(n) : makeResidentId(n),
    industry: kind === 'corporate' ? 'C34' : null,
    size: kind === 'corporate' ? 'medium' : null,
    annualRevenue: 30_000_000,
    establishedOn: '2018-05-01',
    creditGrade: 'A',
    cooperation: 'other_banks',
    source: 'canvassing',
    ...overrides,
  };
}
