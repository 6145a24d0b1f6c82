import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { type Compilable, Kysely, SqliteDialect } from 'kysely';
import { DEFAULT_PROFILE, fitScore } from '../src/domain/ideal-customer';
import { makeUscc } from '../src/domain/identity-numbers';
import { normalizeForSearch } from '../src/domain/name-search';
import { PIPELINE_STAGES } from '../src/domain/pipeline';
import { monthsBetween } from '../src/domain/pipeline-analytics';
import { nameLookupGrams, pairsToLookUp } from '../src/domain/prospect-duplicates';
import { openSqlite } from '../src/server/db/connect';
import type { DB } from '../src/server/db/database';
import { createRandom } from '../src/server/db/demo/random';
import type { Viewer } from '../src/server/http/access';
import {
  customerReferralsQuery,
  pipelineFiguresQuery,
  referredProspectsQuery,
} from '../src/server/modules/prospect-analytics/prospect-analytics.repository';
import { MAX_EDGES } from '../src/server/modules/prospect-analytics/prospect-analytics.service';
import { PROSPECT_SOURCES } from '../src/shared/codes';
import { bankDayStart } from '../src/shared/schemas/common';
import { BENCH_PASSWORD, DATA_DIR, log, parseArgs, RESULTS_DIR } from './common';
import { loadSqlite } from './load';
import { startServer } from './server';

// npx tsx bench/prospects.ts [--customers 1000000] [--prospects 100000] [--creates 300] [--duration 10]
//
// New customers (issue #6) at a bank's scale: 1,000,000 customers (bench/load.ts) and 100,000
// prospects with their stage history, on SQLite. Measured against the same work done by raw SQL
// with better-sqlite3 prepared statements in this process:
// - POST /prospects, one after another: the duplicate check (ID number among customers and prospects;
//   similar names of the region through the customers' name index) and the fit score, then the
//   insert with its history and audit entry. Every name is a variant of a real customer's name of
//   its region, so the similarity check always has candidates to judge (the worst case).
// - GET /prospects/board: an RM (about 100 prospects) and the administrator (all of them).
// - GET /prospects?status=open&sort=fitScore for the administrator: the best-fitting open prospects.

const args = parseArgs();
const customers = Number(args.get('customers') ?? 1_000_000);
const prospectCount = Number(args.get('prospects') ?? 100_000);
const creates = Number(args.get('creates') ?? 300);
const duration = Number(args.get('duration') ?? 10);
const DAY = 86_400_000;

type Sqlite = ReturnType<typeof openSqlite>;

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2));
  const total = sorted.reduce((a, b) => a + b, 0);
  return { p50: at(0.5), p99: at(0.99), perSecond: Math.round((1000 * sorted.length) / total) };
}

async function build(source: string, file: string) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(source, file);
  // The server migrates at start; the prospects table exists already in the copy (bench/load.ts
  // migrates to the latest schema).
  const db = openSqlite(file);
  const rms = db.prepare(`select id from users where role = 'rm' order by id`).all() as { id: number }[];
  const regions = db
    .prepare(
      `select region_code as code, region_name as name from customers where region_code is not null group by region_code`,
    )
    .all() as { code: string; name: string }[];
  const r = createRandom(17, 'prospects-bench');
  const now = Date.now();
  const insert = db.prepare(
    `insert into prospects (code, kind, name, search_name, id_number, industry, size, region_code, region_name,
       annual_revenue, established_on, credit_grade, cooperation, source, owner_id, status, stage_entered_at,
       fit_score, fit_restricted, fit_json, fit_profile_version, created_by, version, created_at, updated_at)
     values (@code, 'corporate', @name, @search_name, @id_number, @industry, 'medium', @region_code, @region_name,
       @annual_revenue, @established_on, @credit_grade, 'other_banks', @source, @owner_id, @status, @stage_entered_at,
       @fit_score, @fit_restricted, @fit_json, 0, @owner_id, 1, @created_at, @created_at)`,
  );
  const history = db.prepare(
    `insert into prospect_stage_history (prospect_id, from_status, to_status, changed_by, changed_at)
     values (?, ?, ?, ?, ?)`,
  );
  const industries = ['C34', 'C39', 'I65', 'M74', 'F51', 'E48', 'C27', 'C31'];
  const today = new Date(now).toISOString().slice(0, 10);
  db.transaction(() => {
    for (let i = 0; i < prospectCount; i++) {
      const region = r.pick(regions);
      const industry = r.pick(industries);
      const name = `${region.name.slice(0, 2)}潜客${i}号${r.pick(['精密机械', '软件', '贸易', '检测技术'])}有限公司`;
      const facts = {
        kind: 'corporate' as const,
        industry,
        regionCode: region.code,
        size: 'medium',
        annualRevenue: Math.round(r.logNormal(Math.log(20_000_000), 1)),
        establishedOn: '2015-06-01',
        creditGrade: r.pick(['AA', 'A', 'BBB', 'BB']),
        cooperation: 'other_banks' as const,
      };
      const fit = fitScore(DEFAULT_PROFILE, facts, today);
      const reached = r.int(0, 6);
      const createdAt = now - r.int(1, 720) * DAY;
      const info = insert.run({
        code: `P${String(i + 1).padStart(12, '0')}`,
        name,
        search_name: normalizeForSearch(name),
        id_number: r.chance(0.5) ? makeUscc(8_000_000 + i) : null,
        industry,
        region_code: region.code,
        region_name: region.name,
        annual_revenue: facts.annualRevenue * 100,
        established_on: facts.establishedOn,
        credit_grade: facts.creditGrade,
        source: r.pick(PROSPECT_SOURCES.codes),
        owner_id: r.pick(rms).id,
        status: PIPELINE_STAGES[reached]!,
        stage_entered_at: new Date(createdAt + reached * 10 * DAY).toISOString(),
        fit_score: fit.score,
        fit_restricted: fit.restricted ? 1 : 0,
        fit_json: JSON.stringify({ terms: fit.terms, missing: fit.missing }),
        created_at: new Date(createdAt).toISOString(),
      });
      const id = Number(info.lastInsertRowid);
      let from: string | null = null;
      for (let s = 0; s <= reached; s++) {
        history.run(id, from, PIPELINE_STAGES[s]!, null, new Date(createdAt + s * 10 * DAY).toISOString());
        from = PIPELINE_STAGES[s]!;
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Names to create: a real customer's name of a region with a suffix, so candidates always exist. */
function createBodies(file: string, n: number, seed: number) {
  const db = openSqlite(file);
  const rows = db
    .prepare(
      `select name, region_code, region_name from customers where region_code is not null and kind = 'corporate'
       and id % 997 = ? limit ?`,
    )
    .all(seed % 997, n) as { name: string; region_code: string; region_name: string }[];
  db.close();
  return rows.map((c, i) => ({
    kind: 'corporate',
    name: `${c.name.replace('有限公司', '')}分公司${seed}-${i}`,
    idNumber: makeUscc(9_000_000 + seed * 10_000 + i),
    industry: 'C34',
    size: 'medium',
    regionCode: c.region_code,
    regionName: c.region_name,
    annualRevenue: 30_000_000,
    establishedOn: '2016-01-01',
    creditGrade: 'A',
    cooperation: 'other_banks',
    source: 'canvassing',
    acknowledgeDuplicates: true,
  }));
}

/** The same work as POST /prospects in raw SQL: the four lookups, then the writes in one transaction. */
function rawCreates(db: Sqlite, bodies: ReturnType<typeof createBodies>, ownerId: number) {
  const byIdCustomers = db.prepare(`select id, code, name, region_name from customers where id_number = ?`);
  const byIdProspects = db.prepare(
    `select id, code, name, region_name from prospects where id_number = ? and merged_into_id is null and customer_id is null`,
  );
  const regionProspects = db.prepare(
    `select id, code, name, region_name from prospects where region_code = ? and merged_into_id is null and customer_id is null`,
  );
  const insert = db.prepare(
    `insert into prospects (code, kind, name, search_name, id_number, industry, size, region_code, region_name,
       annual_revenue, established_on, credit_grade, cooperation, source, owner_id, status, stage_entered_at,
       fit_score, fit_restricted, fit_json, fit_profile_version, created_by, version, created_at, updated_at)
     values (?, 'corporate', ?, ?, ?, 'C34', 'medium', ?, ?, 3000000000, '2016-01-01', 'A', 'other_banks', 'canvassing',
       ?, 'sourced', ?, ?, 0, ?, 0, ?, 1, ?, ?)`,
  );
  const history = db.prepare(
    `insert into prospect_stage_history (prospect_id, from_status, to_status, changed_by, changed_at) values (?, null, 'sourced', ?, ?)`,
  );
  const audit = db.prepare(
    `insert into audit_log (at, actor_id, actor_username, action, entity, entity_id, after_json) values (?, ?, 'rm1', 'create', 'prospect', ?, ?)`,
  );
  const probe = db.prepare(
    `select count(*) as n from (select 1 from customer_name_grams where gram = ? limit 1000)`,
  );
  const today = new Date().toISOString().slice(0, 10);
  const times: number[] = [];
  for (const [i, b] of bodies.entries()) {
    const t0 = performance.now();
    byIdCustomers.all(b.idNumber);
    byIdProspects.all(b.idNumber);
    regionProspects.all(b.regionCode);
    const grams = nameLookupGrams(b.name);
    const rarest = grams
      .map((g) => ({ g, n: (probe.get(g) as { n: number }).n }))
      .sort((x, y) => x.n - y.n)
      .slice(0, pairsToLookUp(grams.length))
      .map((x) => x.g);
    db.prepare(
      `select c.id, c.code, c.name, c.region_name from customers c where c.region_code = ? and c.id in
         (select customer_id from customer_name_grams where gram in (${rarest.map(() => '?').join(',')}))`,
    ).all(b.regionCode, ...rarest);
    const fit = fitScore(
      DEFAULT_PROFILE,
      {
        kind: 'corporate',
        industry: 'C34',
        regionCode: b.regionCode,
        size: 'medium',
        annualRevenue: 30_000_000,
        establishedOn: '2016-01-01',
        creditGrade: 'A',
        cooperation: 'other_banks',
      },
      today,
    );
    const at = new Date().toISOString();
    db.transaction(() => {
      const id = Number(
        insert.run(
          `R${Date.now()}${i}`,
          b.name,
          normalizeForSearch(b.name),
          b.idNumber,
          b.regionCode,
          b.regionName,
          ownerId,
          at,
          fit.score,
          JSON.stringify({ terms: fit.terms, missing: fit.missing }),
          ownerId,
          at,
          at,
        ).lastInsertRowid,
      );
      history.run(id, ownerId, at);
      audit.run(at, ownerId, id, JSON.stringify(b));
    }).immediate();
    times.push(performance.now() - t0);
  }
  return percentiles(times);
}

function rawBoard(db: Sqlite, ownerId: number | null, iterations: number) {
  const scope = ownerId === null ? '' : 'and owner_id = ?';
  const params = ownerId === null ? [] : [ownerId];
  const counts = db.prepare(
    `select status, count(*) from prospects where merged_into_id is null ${scope} group by status`,
  );
  const statuses = [...PIPELINE_STAGES, 'disqualified'];
  const top = db.prepare(
    `select p.*, u.display_name from prospects p left join users u on u.id = p.owner_id
     where p.merged_into_id is null and p.status = ? ${scope} order by p.fit_score desc, p.id desc limit 50`,
  );
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    counts.all(...params);
    for (const status of statuses) top.all(status, ...params);
    times.push(performance.now() - t0);
  }
  return percentiles(times);
}

function rawBestOpen(db: Sqlite, iterations: number) {
  const open = `status in ('sourced','screened','needs_researched','assessed','targeted','action_planned','engaged') and merged_into_id is null`;
  const page = db.prepare(
    `select p.*, u.display_name from prospects p left join users u on u.id = p.owner_id where ${open}
     order by p.fit_score desc, p.id desc limit 20`,
  );
  const count = db.prepare(`select count(*) from prospects p where ${open}`);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    page.all();
    count.get();
    times.push(performance.now() - t0);
  }
  return percentiles(times);
}

/** The two years before today, as the analytics page asks by default. */
function periodDays() {
  return {
    from: new Date(Date.now() - 730 * DAY).toISOString().slice(0, 10),
    to: new Date().toISOString().slice(0, 10),
  };
}
function period() {
  const { from, to } = periodDays();
  return `from=${from}&to=${to}`;
}

/** A viewer as the access rules see one: an RM (their own prospects) or the administrator (all). */
function benchViewer(id: number, role: 'rm' | 'admin'): Viewer {
  return {
    id,
    username: role,
    displayName: role,
    role,
    teamId: null,
    locale: 'zh-CN',
    sessionId: null,
    csrfToken: null,
  };
}

/** Runs one statement the server builds (compiled once, as SQLite is handed it) with better-sqlite3. */
function rawStatement(db: Sqlite, query: Compilable, iterations: number) {
  const { sql, parameters } = query.compile();
  const statement = db.prepare(sql);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    statement.all(...(parameters as unknown[]));
    times.push(performance.now() - t0);
  }
  return percentiles(times);
}

/**
 * The analytics' aggregation in raw SQL: the very statement the repository runs (furthest stage per
 * prospect, stays by LEAD over the history, grouped and their medians taken in SQLite), without the
 * server around it.
 */
function rawAnalytics(db: Sqlite, viewer: Viewer, iterations: number) {
  const { from, to } = periodDays();
  const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: db }) });
  const query = pipelineFiguresQuery(kysely, 'sqlite', viewer, {
    fromAt: bankDayStart(from),
    toAt: bankDayStart(to, 1),
    asOfMs: Date.now(),
    monthStarts: monthsBetween(from, to).map((m) => bankDayStart(`${m}-01`)),
  });
  return rawStatement(db, query, iterations);
}

/** The network's two reads (introduced prospects; customer-to-customer referrals) in raw SQL, as the repository runs them. */
function rawNetwork(db: Sqlite, viewer: Viewer, iterations: number) {
  const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: db }) });
  const referred = rawStatement(db, referredProspectsQuery(kysely, viewer, MAX_EDGES + 1), iterations);
  const links = rawStatement(db, customerReferralsQuery(kysely, viewer, MAX_EDGES + 1), iterations);
  return { referred, links };
}

async function measure(url: string, cookie: string) {
  await autocannon({ url, connections: 1, duration: 2, headers: { cookie } });
  const r = await autocannon({ url, connections: 1, duration, headers: { cookie } });
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: Math.round(r.requests.total / r.duration),
    non2xx: r.non2xx,
  };
}

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  const body = (await res.json()) as { csrfToken: string; user: { id: number } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('rmw_session='))!;
  return { cookie, csrf: body.csrfToken, id: body.user.id };
}

async function main() {
  const { file: customersFile } = await loadSqlite(customers);
  const file = path.join(DATA_DIR, `prospects-${customers}-${prospectCount}.sqlite`);
  log(
    `building ${path.basename(file)}: ${prospectCount.toLocaleString()} prospects over ${customers.toLocaleString()} customers`,
  );
  const t0 = performance.now();
  await build(customersFile, file);
  log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const server = await startServer(
    'src/server/main.ts',
    { DATABASE_URL: `sqlite:${file}`, CRM_DEMO: '0', CRM_LOG_LEVEL: 'warn' },
    '/api/v1/health',
  );
  const result: Record<string, unknown> = {
    at: new Date().toISOString(),
    customers,
    prospects: prospectCount,
    loadAverageBefore: Number(os.loadavg()[0]!.toFixed(2)),
  };
  try {
    const rm = await login(server.base, 'rm1');
    const admin = await login(server.base, 'admin');

    // POST /prospects, one after another.
    const bodies = createBodies(file, creates, 1);
    const times: number[] = [];
    let refused = 0;
    for (const body of bodies) {
      const started = performance.now();
      const res = await fetch(`${server.base}/api/v1/prospects`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: rm.cookie, 'x-csrf-token': rm.csrf },
        body: JSON.stringify(body),
      });
      times.push(performance.now() - started);
      if (res.status !== 201) refused += 1;
      await res.arrayBuffer();
    }
    result.create = { api: { ...percentiles(times), refused } };
    result.api = {
      board: {
        rm: await measure(`${server.base}/api/v1/prospects/board`, rm.cookie),
        admin: await measure(`${server.base}/api/v1/prospects/board`, admin.cookie),
      },
      bestOpen: await measure(
        `${server.base}/api/v1/prospects?status=open&sort=fitScore&order=desc`,
        admin.cookie,
      ),
      analytics: {
        rm: await measure(`${server.base}/api/v1/prospects/analytics?${period()}`, rm.cookie),
        admin: await measure(`${server.base}/api/v1/prospects/analytics?${period()}`, admin.cookie),
      },
      network: { admin: await measure(`${server.base}/api/v1/prospects/network`, admin.cookie) },
    };
  } finally {
    await server.stop();
  }
  {
    const db = openSqlite(file);
    const rmId = (db.prepare(`select id from users where username = 'rm1'`).get() as { id: number }).id;
    (result.create as Record<string, unknown>).raw = rawCreates(db, createBodies(file, creates, 2), rmId);
    const api = result.api as {
      board: { rm: unknown; admin: unknown };
      bestOpen: unknown;
      analytics: { rm: unknown; admin: unknown };
      network: { admin: unknown };
    };
    result.board = {
      rm: { api: api.board.rm, raw: rawBoard(db, rmId, 300) },
      admin: { api: api.board.admin, raw: rawBoard(db, null, 30) },
    };
    result.bestOpen = { api: api.bestOpen, raw: rawBestOpen(db, 100) };
    const adminId = (db.prepare(`select id from users where username = 'admin'`).get() as { id: number }).id;
    result.analytics = {
      rm: { api: api.analytics.rm, raw: rawAnalytics(db, benchViewer(rmId, 'rm'), 100) },
      admin: { api: api.analytics.admin, raw: rawAnalytics(db, benchViewer(adminId, 'admin'), 10) },
    };
    result.network = {
      admin: { api: api.network.admin, raw: rawNetwork(db, benchViewer(adminId, 'admin'), 10) },
    };
    delete result.api;
    db.close();
  }
  result.loadAverageAfter = Number(os.loadavg()[0]!.toFixed(2));
  log(JSON.stringify(result, null, 2));
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const out = path.join(
    RESULTS_DIR,
    `${String(result.at).replace(/[:.]/g, '').slice(0, 17)}-prospects-${customers}.json`,
  );
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`results in ${out}`);
}

await main();
