import pg from 'pg';
import { dialectOf, openSqlite } from '../src/server/db/connect';
import { parseArgs, ROLES_MEASURED, sqliteFileFor } from './common';
import { captureScenarioSql } from './raw-server';

// Query plans and single-query timings for every scenario's SQL, as the API compiles it:
//   tsx bench/explain.ts --customers 1000000            (SQLite file from bench/load.ts)
//   tsx bench/explain.ts --url postgres://…             (a loaded PostgreSQL database)

const args = parseArgs();
const url = args.get('url') ?? `sqlite:${sqliteFileFor(Number(args.get('customers') ?? 1_000_000))}`;
const queries = await captureScenarioSql(url);
const inline = (sql: string, params: readonly unknown[]) =>
  params.reduce<string>(
    (s, p, i) =>
      s.replace(
        dialectOf(url) === 'sqlite' ? '?' : `$${i + 1}`,
        typeof p === 'string' ? `'${p}'` : String(p),
      ),
    sql,
  );

const time = async (fn: () => unknown, n = 20) => {
  await fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - t) / n).toFixed(2);
};

if (dialectOf(url) === 'sqlite') {
  const db = openSqlite(url.slice('sqlite:'.length));
  for (const role of ROLES_MEASURED) {
    for (const [name, q] of Object.entries(queries[role])) {
      for (const kind of ['list', 'count'] as const) {
        const { sql, parameters } = q[kind];
        const stmt = db.prepare(sql);
        const run = () => (kind === 'list' ? stmt.all(...parameters) : stmt.get(...parameters));
        console.log(`\n### ${role} ${name} ${kind}: ${await time(run)} ms\n${inline(sql, parameters)}`);
        for (const row of db.prepare(`explain query plan ${sql}`).all(...parameters) as {
          detail: string;
        }[]) {
          console.log(`  ${row.detail}`);
        }
      }
    }
  }
} else {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  for (const role of ROLES_MEASURED) {
    for (const [name, q] of Object.entries(queries[role])) {
      for (const kind of ['list', 'count'] as const) {
        const { sql, parameters } = q[kind];
        const ms = await time(() => pool.query(sql, parameters as unknown[]));
        console.log(`\n### ${role} ${name} ${kind}: ${ms} ms\n${inline(sql, parameters)}`);
        const plan = await pool.query(`explain (analyze, buffers) ${sql}`, parameters as unknown[]);
        for (const row of plan.rows as { 'QUERY PLAN': string }[]) console.log(`  ${row['QUERY PLAN']}`);
      }
    }
  }
  await pool.end();
}
