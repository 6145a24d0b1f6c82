import Fastify from 'fastify';
import { type CompiledQuery, Kysely, type LogEvent, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { connect, dialectOf, openSqlite } from '../src/server/db/connect';
import type { DB } from '../src/server/db/database';
import type { Viewer } from '../src/server/http/access';
import { listCustomers } from '../src/server/modules/customers/customers.repository';
import type { Role } from '../src/shared/codes';
import { customerListQuerySchema } from '../src/shared/schemas/customer';
import {
  ADMIN_USERNAME,
  RM_USERNAME,
  ROLES_MEASURED,
  type RoleMeasured,
  SCENARIOS,
  type ScenarioName,
} from './common';

// The raw ceiling: a bare Fastify app with one route per scenario and role that runs exactly the SQL
// the real API runs (captured from the repository's own Kysely queries for that viewer), through
// better-sqlite3 prepared statements or a pg pool, and returns the rows as JSON. No session lookup,
// no validation, no presenter, no response schema.
//
//   DATABASE_URL=sqlite:bench/.data/customers-1000000.sqlite PORT=3100 tsx bench/raw-server.ts

type Captured = { sql: string; parameters: readonly unknown[] };

export async function captureScenarioSql(databaseUrl: string) {
  const captured: CompiledQuery[] = [];
  const logger = (event: LogEvent) => {
    if (event.level === 'query') captured.push(event.query);
  };
  const dialect = dialectOf(databaseUrl);
  const kysely =
    dialect === 'sqlite'
      ? new Kysely<DB>({
          dialect: new SqliteDialect({ database: openSqlite(databaseUrl.slice('sqlite:'.length)) }),
          log: logger,
        })
      : new Kysely<DB>({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }),
          log: logger,
        });
  const viewers = {} as Record<RoleMeasured, Viewer>;
  for (const [role, username] of [
    ['rm', RM_USERNAME],
    ['admin', ADMIN_USERNAME],
  ] as const) {
    const u = await kysely
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role', 'team_id', 'locale'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    viewers[role] = {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role as Role,
      teamId: u.team_id,
      locale: u.locale,
      sessionId: null,
      csrfToken: null,
    };
  }
  const out = {} as Record<RoleMeasured, Record<ScenarioName, { list: Captured; count: Captured }>>;
  for (const role of ROLES_MEASURED) {
    out[role] = {} as Record<ScenarioName, { list: Captured; count: Captured }>;
    for (const [name, qs] of Object.entries(SCENARIOS) as [ScenarioName, string][]) {
      captured.length = 0;
      const query = customerListQuerySchema.parse(Object.fromEntries(new URLSearchParams(qs)));
      await listCustomers(kysely, viewers[role], query);
      const [list, count] = captured.map((c) => ({ sql: c.sql, parameters: c.parameters }));
      if (!list || !count || captured.length !== 2)
        throw new Error(`expected 2 queries for ${role}/${name}, got ${captured.length}`);
      out[role][name] = { list, count };
    }
  }
  await kysely.destroy();
  return out;
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const port = Number(process.env.PORT ?? 3100);
  const queries = await captureScenarioSql(databaseUrl);
  const app = Fastify({ logger: false });
  type Run = () => Promise<{ rows: unknown[]; total: number }>;
  const runners = new Map<string, Run>();
  if (dialectOf(databaseUrl) === 'sqlite') {
    const sqlite = openSqlite(databaseUrl.slice('sqlite:'.length));
    for (const role of ROLES_MEASURED) {
      for (const [name, { list, count }] of Object.entries(queries[role])) {
        const listStmt = sqlite.prepare(list.sql);
        const countStmt = sqlite.prepare(count.sql);
        runners.set(`${role}/${name}`, async () => {
          const rows = listStmt.all(...list.parameters);
          const { total } = countStmt.get(...count.parameters) as { total: number };
          return { rows, total: Number(total) };
        });
      }
    }
  } else {
    const { close } = connect(databaseUrl); // sets pg's BIGINT parser exactly as the server does
    await close();
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: Number(process.env.CRM_DB_POOL_SIZE ?? 10),
    });
    for (const role of ROLES_MEASURED) {
      for (const [name, { list, count }] of Object.entries(queries[role])) {
        runners.set(`${role}/${name}`, async () => {
          const rows = (await pool.query(list.sql, list.parameters as unknown[])).rows;
          const { total } = (await pool.query(count.sql, count.parameters as unknown[])).rows[0] as {
            total: number;
          };
          return { rows, total: Number(total) };
        });
      }
    }
  }
  app.get<{ Params: { role: string; scenario: string } }>('/raw/:role/:scenario', async (request, reply) => {
    const run = runners.get(`${request.params.role}/${request.params.scenario}`);
    if (!run) return reply.status(404).send({ error: 'unknown scenario' });
    return run();
  });
  app.get('/raw/sql', async () => queries);
  await app.listen({ port, host: '127.0.0.1' });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
