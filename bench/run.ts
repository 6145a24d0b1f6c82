import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startPostgres } from '../tests/support/postgres';
import {
  ADMIN_USERNAME,
  BENCH_PASSWORD,
  elapsed,
  log,
  parseArgs,
  RESULTS_DIR,
  RM_USERNAME,
  ROLES_MEASURED,
  ROOT_DIR,
  type RoleMeasured,
  SCENARIO_NAMES,
  SCENARIOS,
  type ScenarioName,
} from './common';
import { DEFAULT_CUSTOMERS, type LoadInfo, loadPostgres, loadSqlite } from './load';
import { type Server, startServer } from './server';

// npm run bench -- [--customers 1000000] [--dialects sqlite,postgres] [--duration 10] [--warmup 2]
//                  [--connections 50] [--fresh]
// For each dialect: load (or reuse), run the real server and measure GET /api/v1/customers per
// scenario as an RM and as admin, then the raw server (same SQL, nothing else) on the same data.

const args = parseArgs();
const customers = Number(args.get('customers') ?? DEFAULT_CUSTOMERS);
const dialects = (args.get('dialects') ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const duration = Number(args.get('duration') ?? 10);
const warmup = Number(args.get('warmup') ?? 2);
const connections = Number(args.get('connections') ?? 50);
const PG_SETTINGS = {
  shared_buffers: '512MB',
  effective_cache_size: '4GB',
  random_page_cost: '1.1', // everything is cached (SSD-class); the default 4 made PostgreSQL prefer seq scans
  work_mem: '16MB',
  maintenance_work_mem: '1GB',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
};

interface Measurement {
  dialect: string;
  server: 'api' | 'raw';
  role: RoleMeasured;
  scenario: ScenarioName;
  total: number;
  items: number;
  p50: number;
  p99: number;
  max: number;
  rps: number;
  requests: number;
  errors: number;
  non2xx: number;
  peakRssMb: number;
  /** 1-minute load average when the scenario ended: other work on the machine shows here. */
  loadAverage: number;
}

async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('rmw_session='));
  if (!cookie) throw new Error(`sign-in as ${username}: no session cookie`);
  return cookie;
}

async function measure(
  server: Server,
  url: string,
  headers: Record<string, string>,
  label: Pick<Measurement, 'dialect' | 'server' | 'role' | 'scenario'>,
): Promise<Measurement> {
  const probe = await fetch(url, { headers });
  if (!probe.ok) throw new Error(`${url}: ${probe.status} ${await probe.text()}`);
  const body = (await probe.json()) as { total: number; items?: unknown[]; rows?: unknown[] };
  if (warmup > 0) await autocannon({ url, connections, duration: warmup, headers });
  server.resetPeak();
  const r = await autocannon({ url, connections, duration, headers });
  const m: Measurement = {
    ...label,
    total: body.total,
    items: (body.items ?? body.rows ?? []).length,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    rps: Math.round(r.requests.total / r.duration),
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    peakRssMb: Math.round(server.phasePeak()),
    loadAverage: Number(os.loadavg()[0]!.toFixed(2)),
  };
  log(
    `  ${label.server} ${label.role.padEnd(5)} ${label.scenario.padEnd(9)} total=${m.total} items=${m.items} ` +
      `p50=${m.p50}ms p99=${m.p99}ms ${m.rps} req/s rss=${m.peakRssMb}MB load=${m.loadAverage}${m.errors || m.non2xx ? ` errors=${m.errors} non2xx=${m.non2xx}` : ''}`,
  );
  return m;
}

async function benchDialect(dialect: 'sqlite' | 'postgres', databaseUrl: string): Promise<Measurement[]> {
  const out: Measurement[] = [];
  const env = { DATABASE_URL: databaseUrl, CRM_DEMO: '0', CRM_LOG_LEVEL: 'warn' };

  log(`${dialect}: real server (src/server/main.ts)`);
  const api = await startServer('src/server/main.ts', env, '/api/v1/customers');
  try {
    const cookies: Record<RoleMeasured, string> = {
      rm: await signIn(api.base, RM_USERNAME),
      admin: await signIn(api.base, ADMIN_USERNAME),
    };
    for (const role of ROLES_MEASURED) {
      for (const scenario of SCENARIO_NAMES) {
        const qs = SCENARIOS[scenario];
        out.push(
          await measure(
            api,
            `${api.base}/api/v1/customers${qs ? `?${qs}` : ''}`,
            { cookie: cookies[role] },
            {
              dialect,
              server: 'api',
              role,
              scenario,
            },
          ),
        );
      }
    }
  } finally {
    log(`  server peak RSS over its life: ${(await api.stop()).toFixed(0)} MB`);
  }

  log(`${dialect}: raw server (bench/raw-server.ts)`);
  const raw = await startServer('bench/raw-server.ts', env, '/raw/sql');
  try {
    for (const role of ROLES_MEASURED) {
      for (const scenario of SCENARIO_NAMES) {
        out.push(
          await measure(
            raw,
            `${raw.base}/raw/${role}/${scenario}`,
            {},
            { dialect, server: 'raw', role, scenario },
          ),
        );
      }
    }
  } finally {
    log(`  server peak RSS over its life: ${(await raw.stop()).toFixed(0)} MB`);
  }
  for (const m of out.filter((m) => m.server === 'api')) {
    const r = out.find((x) => x.server === 'raw' && x.role === m.role && x.scenario === m.scenario)!;
    if (r.total !== m.total || r.items !== m.items) {
      throw new Error(
        `raw and API disagree on ${m.role}/${m.scenario}: ${r.total}/${r.items} vs ${m.total}/${m.items}`,
      );
    }
  }
  return out;
}

function machine() {
  const cpu =
    /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
  return {
    cpus: os.availableParallelism(),
    cpu,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

export function markdownTable(results: Measurement[]) {
  const lines = [
    '| Dialect | Viewer | Scenario | Matches | API p50 | API p99 | API req/s | Raw p50 | Raw p99 | Raw req/s | API/raw | API peak RSS | Raw peak RSS |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const m of results.filter((x) => x.server === 'api')) {
    const r = results.find(
      (x) => x.server === 'raw' && x.dialect === m.dialect && x.role === m.role && x.scenario === m.scenario,
    );
    lines.push(
      `| ${m.dialect} | ${m.role} | ${m.scenario} | ${m.total.toLocaleString('en')} | ${m.p50} ms | ${m.p99} ms | ${m.rps.toLocaleString('en')} | ` +
        `${r ? `${r.p50} ms | ${r.p99} ms | ${r.rps.toLocaleString('en')} | ${Math.round((100 * m.rps) / r.rps)}%` : '– | – | – | –'} | ` +
        `${m.peakRssMb} MB | ${r ? `${r.peakRssMb} MB` : '–'} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const started = performance.now();
  const results: Measurement[] = [];
  const loads: Record<string, LoadInfo> = {};
  for (const dialect of dialects) {
    if (dialect === 'sqlite') {
      const { file, info } = await loadSqlite(customers, { fresh: args.has('fresh') });
      loads.sqlite = info;
      results.push(...(await benchDialect('sqlite', `sqlite:${file}`)));
    } else if (dialect === 'postgres') {
      log('postgres: starting a throwaway cluster');
      const cluster = await startPostgres({ settings: PG_SETTINGS });
      try {
        loads.postgres = await loadPostgres(cluster.url, customers);
        results.push(...(await benchDialect('postgres', cluster.url)));
      } finally {
        cluster.stop();
      }
    } else throw new Error(`unknown dialect ${dialect}`);
  }
  const report = {
    date: new Date().toISOString(),
    customers,
    connections,
    durationSeconds: duration,
    warmupSeconds: warmup,
    machine: machine(),
    postgresSettings: PG_SETTINGS,
    loads,
    results,
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(
    RESULTS_DIR,
    `${report.date.slice(0, 19).replace(/:/g, '')}-customers-${customers}.json`,
  );
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  // biome.json does not read .gitignore, so `npm run check` sees this file: write it in biome's format.
  spawnSync(path.join(ROOT_DIR, 'node_modules/.bin/biome'), ['format', '--write', file], { stdio: 'ignore' });
  console.log(
    `\n${customers.toLocaleString('en')} customers, ${connections} connections, ${duration} s per scenario\n`,
  );
  console.log(markdownTable(results));
  log(`results in ${path.relative(ROOT_DIR, file)} (${elapsed(started)})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
