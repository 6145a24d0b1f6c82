import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { bulkInsert } from '../src/server/db/bulk-insert';
import { connect, openSqlite } from '../src/server/db/connect';
import { generateCustomers } from '../src/server/db/demo/generate';
import { createRandom } from '../src/server/db/demo/random';
import { migrateToLatest } from '../src/server/db/migrations';
import { bankDate, bankDayStart } from '../src/shared/schemas/common';
import { BENCH_PASSWORD, DATA_DIR, log, parseArgs, RESULTS_DIR } from './common';
import { createBenchUsers } from './import-files';
import { startServer } from './server';

// npx tsx bench/day.ts [--customers 2000] [--interactions 50000] [--duration 10] [--connections 1]
//
// The RM's day (issue #5 goal: an RM with 2,000 customers and 50,000 contact records, GET /day
// within 50 ms p99). One SQLite database: rm1 owns the customers, has recorded the contacts over two
// years, and has tasks, memos and visit plans around today. The real server answers GET /api/v1/day
// under autocannon (one connection: a person's wait; more with --connections); the raw ceiling runs the same six queries with better-sqlite3
// prepared statements in a loop in this process, one day page after another.

const args = parseArgs();
const customers = Number(args.get('customers') ?? 2000);
const interactionCount = Number(args.get('interactions') ?? 50_000);
const duration = Number(args.get('duration') ?? 10);
const connections = Number(args.get('connections') ?? 1);
const file = path.join(DATA_DIR, `day-${customers}-${interactionCount}.sqlite`);
const DAY = 86_400_000;

async function build() {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const { db, close } = connect(`sqlite:${file}`);
  await migrateToLatest(db, 'sqlite');
  await createBenchUsers(db, 'sqlite', customers);
  const rm1 = (
    await db.selectFrom('users').select('id').where('username', '=', 'rm1').executeTakeFirstOrThrow()
  ).id;
  const now = new Date();
  const stamp = now.toISOString();
  const rows = [
    ...generateCustomers({ count: customers, seed: 7, ownerIds: [rm1], asOfMonth: '2026-10', now: stamp }),
  ].map((c) => c.row);
  await db.transaction().execute(async (trx) => {
    const ids = (await bulkInsert(trx, 'customers', rows, ['id'])).map((r) => r.id);
    const r = createRandom(11, 'day-bench');
    const day = (plus: number) => bankDate(new Date(now.getTime() + plus * DAY));
    const dated = { version: 1, created_at: stamp, updated_at: stamp };
    await bulkInsert(
      trx,
      'interactions',
      Array.from({ length: interactionCount }, () => ({
        ref: null,
        customer_id: r.pick(ids),
        contact_id: null,
        channel: r.pick(['visit', 'phone', 'wechat', 'email']),
        direction: 'outbound',
        occurred_at: new Date(now.getTime() - r.int(60, 730 * 24 * 60) * 60_000).toISOString(),
        place: null,
        purpose: '例行维护',
        maintenance_form: 'functional',
        summary: '电话回访，了解近期资金安排',
        outcome: null,
        next_step: null,
        plan_id: null,
        recorded_by: rm1,
        ...dated,
      })),
    );
    const plans = await bulkInsert(
      trx,
      'visit_plans',
      Array.from({ length: 400 }, (_, i) => ({
        customer_id: r.pick(ids),
        owner_id: rm1,
        status: i % 4 === 0 ? 'completed' : 'planned',
        starts_at: new Date(now.getTime() + r.int(-200, 200) * DAY).toISOString(),
        duration_minutes: 60,
        channel: 'visit',
        place: '客户办公室',
        contact_ids_json: '[]',
        participants_json: '[]',
        timing_rationale: null,
        entry_point: null,
        agenda: null,
        products_json: '[]',
        offer: null,
        submitted_at: stamp,
        decided_by: null,
        decided_at: null,
        decision_note: null,
        summary: null,
        needs_found_mask: null,
        completed_at: null,
        ...dated,
      })),
      ['id'],
    );
    await bulkInsert(
      trx,
      'tasks',
      Array.from({ length: 2000 }, (_, i) => ({
        owner_id: rm1,
        title: '跟进事项',
        notes: null,
        due_on: day(r.int(-60, 60)),
        status: i % 3 === 0 ? 'done' : 'open',
        source: i % 2 === 0 ? 'memo' : 'manual',
        customer_id: r.pick(ids),
        plan_id: i % 2 === 0 ? r.pick(plans).id : null,
        created_by: rm1,
        due_notified_at: null,
        completed_at: null,
        ...dated,
      })),
    );
  });
  await close();
  return rm1;
}

/** The day page's six queries, as plain SQL on better-sqlite3: the ceiling of the same work. */
function raw(rm1: number, iterations: number) {
  const db = openSqlite(file);
  const today = bankDate(new Date());
  const from = bankDayStart(today);
  const to = bankDayStart(today, 1);
  const q = [
    db.prepare(
      `select p.id, p.status, p.starts_at, p.place, c.id, c.code, c.name from visit_plans p join customers c on c.id = p.customer_id
       where p.owner_id = ? and p.starts_at >= ? and p.starts_at < ? and p.status != 'cancelled' order by p.starts_at limit 21`,
    ),
    db.prepare(
      `select t.id, t.title, t.due_on, t.status, t.source, c.id, c.code, c.name from tasks t left join customers c on c.id = t.customer_id
       where t.owner_id = ? and t.status = 'open' and t.due_on < ? order by t.due_on, t.id limit 20`,
    ),
    db.prepare(`select count(*) from tasks t where t.owner_id = ? and t.status = 'open' and t.due_on < ?`),
    db.prepare(
      `select t.id, t.title, t.due_on, t.status, t.source, c.id, c.code, c.name from tasks t left join customers c on c.id = t.customer_id
       where t.owner_id = ? and t.status = 'open' and t.due_on = ? order by t.due_on, t.id limit 20`,
    ),
    db.prepare(
      `select p.id, p.completed_at, c.id, c.code, c.name, count(*), min(t.due_on) as next_due from tasks t
       join visit_plans p on p.id = t.plan_id join customers c on c.id = p.customer_id
       where p.owner_id = ? and t.source = 'memo' and t.status = 'open' group by p.id, p.completed_at, c.id, c.code, c.name order by next_due limit 20`,
    ),
    db.prepare(
      `select i.id, i.channel, i.occurred_at, i.summary, c.id, c.code, c.name from interactions i join customers c on c.id = i.customer_id
       where i.recorded_by = ? order by i.occurred_at desc, i.id desc limit 10`,
    ),
  ];
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    q[0]!.all(rm1, from, to);
    q[1]!.all(rm1, today);
    q[2]!.get(rm1, today);
    q[3]!.all(rm1, today);
    q[4]!.all(rm1);
    q[5]!.all(rm1);
    times.push(performance.now() - t0);
  }
  db.close();
  times.sort((a, b) => a - b);
  const at = (p: number) =>
    Number(times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2));
  const total = times.reduce((a, b) => a + b, 0);
  return { p50: at(0.5), p99: at(0.99), perSecond: Math.round((1000 * times.length) / total) };
}

async function main() {
  log(`building ${file}: ${customers} customers of rm1, ${interactionCount} contacts`);
  const rm1 = await build();
  const server = await startServer(
    'src/server/main.ts',
    { DATABASE_URL: `sqlite:${file}`, CRM_DEMO: '0', CRM_LOG_LEVEL: 'warn' },
    '/api/v1/health',
  );
  try {
    const login = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'rm1', password: BENCH_PASSWORD }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('rmw_session='))!;
    const url = `${server.base}/api/v1/day`;
    const probe = (await (await fetch(url, { headers: { cookie } })).json()) as {
      sections: { source: string; total: number }[];
    };
    log(`  sections: ${probe.sections.map((s) => `${s.source}=${s.total}`).join(' ')}`);
    await autocannon({ url, connections, duration: 3, headers: { cookie } });
    server.resetPeak();
    const api = await autocannon({ url, connections, duration, headers: { cookie } });
    const ceiling = raw(rm1, 2000);
    const result = {
      at: new Date().toISOString(),
      customers,
      interactions: interactionCount,
      connections,
      api: {
        p50: api.latency.p50,
        p99: api.latency.p99,
        rps: Math.round(api.requests.total / api.duration),
        non2xx: api.non2xx,
        peakRssMb: Math.round(server.phasePeak()),
      },
      raw: ceiling,
      loadAverage: Number(os.loadavg()[0]!.toFixed(2)),
    };
    log(
      `  API p50=${result.api.p50} ms p99=${result.api.p99} ms ${result.api.rps} req/s rss=${result.api.peakRssMb} MB; ` +
        `raw p50=${ceiling.p50} ms p99=${ceiling.p99} ms ${ceiling.perSecond}/s; load=${result.loadAverage}`,
    );
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const out = path.join(
      RESULTS_DIR,
      `${result.at.replace(/[:.]/g, '').slice(0, 17)}-day-${customers}.json`,
    );
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    log(`results in ${out}`);
  } finally {
    await server.stop();
  }
}

await main();
