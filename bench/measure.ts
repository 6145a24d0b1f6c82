import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import SqliteDatabase from 'better-sqlite3';
import { ROOT_DIR } from './common';

// Measuring work done in this process, shared by the in-process benchmarks (bench/value.ts,
// bench/exit.ts): wall and CPU time, peak RSS, the load average, the time spent inside SQLite by
// statement, and a CPU profile summarised by function.

export interface SqlTotals {
  sql: string;
  calls: number;
  seconds: number;
  rows: number;
}

/**
 * Times every better-sqlite3 statement call in this process (the server's connections included): the
 * statement methods are wrapped on their shared prototype, keyed by the statement's text with its
 * value lists folded. `iterate` is not wrapped (its time is spent while the caller reads).
 */
export function instrumentSqlite() {
  const probe = new SqliteDatabase(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<
    string,
    (this: SqliteDatabase.Statement, ...a: unknown[]) => unknown
  >;
  probe.close();
  const totals = new Map<string, { calls: number; ms: number; rows: number }>();
  const keys = new WeakMap<SqliteDatabase.Statement, string>();
  const originals = new Map<string, (this: SqliteDatabase.Statement, ...a: unknown[]) => unknown>();
  const shape = (source: string) =>
    source
      .replace(/\s+/g, ' ')
      .replace(/\?(\s*,\s*\?)+/g, '?…')
      .replace(/(\(\?…\))(\s*,\s*\(\?…\))+/g, '$1…')
      .trim()
      .slice(0, 110);
  for (const name of ['all', 'get', 'run']) {
    const original = proto[name]!;
    originals.set(name, original);
    proto[name] = function (this: SqliteDatabase.Statement, ...a: unknown[]) {
      const t0 = performance.now();
      const out = original.apply(this, a);
      const ms = performance.now() - t0;
      let key = keys.get(this);
      if (key === undefined) {
        key = shape(this.source);
        keys.set(this, key);
      }
      const t = totals.get(key) ?? { calls: 0, ms: 0, rows: 0 };
      t.calls++;
      t.ms += ms;
      t.rows += Array.isArray(out) ? out.length : 0;
      totals.set(key, t);
      return out;
    };
  }
  return {
    /** The totals since the last take, longest first; and starts counting afresh. */
    take(): SqlTotals[] {
      const out = [...totals]
        .map(([sql, t]) => ({ sql, calls: t.calls, seconds: Number((t.ms / 1000).toFixed(3)), rows: t.rows }))
        .sort((a, b) => b.seconds - a.seconds);
      totals.clear();
      return out;
    },
    restore() {
      for (const [name, original] of originals) proto[name] = original;
    },
  };
}

export function procStatus() {
  const text = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

/** Resets the peak RSS (VmHWM) to the current RSS. */
export function resetPeak() {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux, or not allowed: the peak is then over the process's life
  }
}

/** The 1-minute load average: other work on the machine shows here. */
export const load1 = () => Number(os.loadavg()[0]!.toFixed(2));
export const loadAverages = () => os.loadavg().map((l) => Number(l.toFixed(2)));

export interface Measurement {
  work: string;
  /** wall time, rounded to 10 ms */
  seconds: number;
  /** the unrounded wall time, for rates */
  exactSeconds: number;
  /** user + system time of this process */
  cpuSeconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  loadAverage: number;
}

/** Runs `fn` once: wall and CPU time, RSS before and peak during (reset first), the load at the end. */
export async function measureRun<T>(work: string, fn: () => Promise<T> | T) {
  global.gc?.();
  resetPeak();
  const before = procStatus();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const exactSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const m: Measurement = {
    work,
    seconds: Number(exactSeconds.toFixed(2)),
    exactSeconds,
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    rssBeforeMb: before.rssMb,
    peakRssMb: procStatus().peakMb,
    loadAverage: load1(),
  };
  return { m, result };
}

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** Starts the V8 sampling profiler of this process; the function returned stops it, writes `file` and summarises. */
export async function startProfile() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async (file: string) => {
    const { profile: p } = await session.post('Profiler.stop');
    session.disconnect();
    fs.writeFileSync(file, JSON.stringify(p));
    return summarizeProfile(p as unknown as CpuProfile);
  };
}

export type ProfileSummary = ReturnType<typeof summarizeProfile>;

/** Self time by function, and inclusive time of the functions of src/ (synchronous stacks only). */
export function summarizeProfile(p: CpuProfile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (id: number) => {
    const f = byId.get(id)!.callFrame;
    const file = f.url.replace(/^file:\/\//, '').replace(`${ROOT_DIR}/`, '');
    return `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const id = p.samples[i]!;
    const key = label(id);
    self.set(key, (self.get(key) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = label(n);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  }
  const top = (m: Map<string, number>, filter: (k: string) => boolean, n: number) =>
    [...m]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => ({ fn: k, seconds: Number((ms / 1000).toFixed(2)) }));
  return {
    seconds: Number((total / 1000).toFixed(2)),
    self: top(self, () => true, 30),
    inclusiveSrc: top(inclusive, (k) => k.includes('src/'), 30),
  };
}

export function sqliteVersion() {
  const db = new SqliteDatabase(':memory:');
  try {
    return (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

export function machine() {
  const cpu =
    /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
  return {
    cpus: os.availableParallelism(),
    cpu,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    /** The V8 flags this process runs with (the server's: src/server/node-flags.ts). */
    v8Flags: process.execArgv.filter((a) => a.startsWith('--max-')),
    sqlite: sqliteVersion(),
  };
}
