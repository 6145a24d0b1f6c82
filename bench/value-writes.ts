import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqlite } from '../src/server/db/connect';
import { DATA_DIR, log, parseArgs, RESULTS_DIR, ROOT_DIR } from './common';
import { loadValueSqlite } from './value-data';

// npx tsx bench/value-writes.ts [--customers 1000000] [--mode each|staging] [--drop index,index] [--cache-mib N]
//
// The floor under the value run's writing: the 8 columns the run sets, written for every customer in
// raw SQL on a fresh copy of bench/value-data.ts's file, in transactions of 25,000 customers with the
// server's pragmas, twice (the first pass replaces nulls; in the second the old values lie at random
// places of the value indexes too, as in a month when every value changes). Values are generated, not
// computed (their generation is not timed).
// - each: one prepared `UPDATE … WHERE id = ?` per customer (what run-each.ts does);
// - staging: the rows into a temporary table, then one `UPDATE … FROM` it (what the run did before).
// --drop removes indexes first, to see what keeping each of them costs; --cache-mib sets the page
// cache (the server's is 64 MiB).

const args = parseArgs();
const customers = Number(args.get('customers') ?? 1_000_000);
const mode = args.get('mode') ?? 'each';
const drop = (args.get('drop') ?? '').split(',').filter(Boolean);
const cacheMib = Number(args.get('cache-mib') ?? 64);
const BATCH = 25_000;
const STAGES = ['growth', 'maturity', 'decline'];

const { file: source } = await loadValueSqlite(customers);
const file = path.join(DATA_DIR, `value-writes-${customers}.work.sqlite`);
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
fs.copyFileSync(source, file);
const db = openSqlite(file);
db.pragma(`cache_size = -${cacheMib * 1024}`);
for (const index of drop) db.exec(`drop index ${index}`);
const { hi } = db.prepare('select max(id) as hi from customers').get() as { hi: number };

let salt = 0;
const rowsFrom = (lo: number) => {
  const rows: (number | string)[][] = [];
  for (let id = lo; id < lo + BATCH && id <= hi; id++) {
    rows.push([
      id,
      ((id + salt) * 7919) % 1_000_003,
      ((id + salt) * 104_729) % 999_983,
      (id + salt) % 1000,
      salt ? '2026-11' : '2026-10',
      STAGES[(id + salt) % 3]!,
      STAGES[(id + 1) % 3]!,
      'ordinary',
    ]);
  }
  return rows;
};

db.exec(`CREATE TEMPORARY TABLE value_staging (id integer PRIMARY KEY, realized_value bigint,
  potential_value bigint, model_value integer, value_as_of varchar(7), lifecycle_inferred varchar(16),
  lifecycle_prev varchar(16), tier_suggested varchar(16))`);
const stage = db.prepare(
  `insert into value_staging values ${Array.from({ length: 1000 }, () => '(?,?,?,?,?,?,?,?)').join(',')}`,
);
const stageOne = db.prepare('insert into value_staging values (?,?,?,?,?,?,?,?)');
const fromStaging = db.prepare(`UPDATE customers SET realized_value = s.realized_value,
  potential_value = s.potential_value, model_value = s.model_value, value_as_of = s.value_as_of,
  lifecycle_inferred = s.lifecycle_inferred, lifecycle_prev = s.lifecycle_prev, tier_suggested = s.tier_suggested,
  lifecycle_stage = CASE WHEN customers.lifecycle_manual = 0 THEN s.lifecycle_inferred ELSE customers.lifecycle_stage END
  FROM value_staging s WHERE s.id = customers.id AND customers.id IN (SELECT id FROM value_staging)`);
const byId = db.prepare(`UPDATE customers SET realized_value = ?, potential_value = ?, model_value = ?,
  value_as_of = ?, lifecycle_inferred = ?, lifecycle_prev = ?, tier_suggested = ?,
  lifecycle_stage = CASE WHEN lifecycle_manual = 0 THEN ? ELSE lifecycle_stage END WHERE id = ?`);

const passes: { pass: number; seconds: number }[] = [];
for (const pass of [0, 1]) {
  salt = pass * 12_345;
  let seconds = 0;
  for (let lo = 1; lo <= hi; lo += BATCH) {
    const rows = rowsFrom(lo);
    const t = performance.now();
    db.exec('begin');
    if (mode === 'staging') {
      let i = 0;
      for (; i + 1000 <= rows.length; i += 1000) stage.run(rows.slice(i, i + 1000).flat());
      for (; i < rows.length; i++) stageOne.run(rows[i]!);
      fromStaging.run();
      db.exec('delete from value_staging');
    } else {
      for (const r of rows) byId.run(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[5], r[0]);
    }
    db.exec('commit');
    seconds += (performance.now() - t) / 1000;
  }
  passes.push({ pass, seconds: Number(seconds.toFixed(1)) });
  log(
    `  ${mode}, pass ${pass + 1}, ${cacheMib} MiB cache${drop.length ? ` (without ${drop.join(', ')})` : ''}: ${seconds.toFixed(1)} s`,
  );
}
db.close();
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
const at = new Date().toISOString();
fs.mkdirSync(RESULTS_DIR, { recursive: true });
const out = path.join(RESULTS_DIR, `${at.replace(/[:.]/g, '').slice(0, 17)}-value-writes-${customers}.json`);
fs.writeFileSync(
  out,
  `${JSON.stringify({ at, customers, mode, drop, cacheMib, passes, loadAverage: os.loadavg()[0] }, null, 2)}\n`,
);
log(`results in ${path.relative(ROOT_DIR, out)}`);
