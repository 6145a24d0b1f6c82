import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { bulkInsert } from '../src/server/db/bulk-insert';
import { connect } from '../src/server/db/connect';
import { DATA_DIR, log, parseArgs, RESULTS_DIR, ROOT_DIR } from './common';
import { loadValueSqlite } from './value-data';

// npx tsx bench/roll-up.ts [--customers 1000000]
//
// What customer_monthly (migration 008: each customer's monthly figures, kept by triggers on
// account_monthly) costs the writers of figures. On a copy of bench/value-data.ts's file, a new month
// of figures — one row for every account open at the end of 2026-10, ~1.9 rows a customer — is written
// as the account-monthly import's commit writes it (bulkInsert, transactions of 5,000 rows, the
// server's connection), then a tenth of those rows corrected (UPDATE by key, as the import does for a
// changed row): once with the triggers, once with them dropped. Each twice, alternating, on fresh copies.

const args = parseArgs();
const customers = Number(args.get('customers') ?? 1_000_000);
const MONTH = '2026-11';
const ROLL_UP_TRIGGERS = [
  'account_monthly_roll_up_insert',
  'account_monthly_roll_up_update',
  'account_monthly_roll_up_delete',
];

interface Result {
  triggers: boolean;
  rows: number;
  insertSeconds: number;
  updated: number;
  updateSeconds: number;
  loadAverage: number;
}

async function once(source: string, triggers: boolean): Promise<Result> {
  const file = path.join(DATA_DIR, `roll-up-${customers}.work.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(source, file);
  const { db, close } = connect(`sqlite:${file}`);
  try {
    if (!triggers) for (const t of ROLL_UP_TRIGGERS) await sql.raw(`drop trigger ${t}`).execute(db);
    const open = await db
      .selectFrom('accounts')
      .select('id')
      .where('closed_on', 'is', null)
      .orderBy('id')
      .execute();
    const rows = open.map((a) => ({
      account_id: a.id,
      month: MONTH,
      avg_balance: (a.id % 97) * 100_000,
      net_interest_contribution: (a.id % 89) * 100,
      fee_income: a.id % 7,
    }));
    let t = performance.now();
    for (let i = 0; i < rows.length; i += 5000) {
      await db.transaction().execute((trx) => bulkInsert(trx, 'account_monthly', rows.slice(i, i + 5000)));
    }
    const insertSeconds = (performance.now() - t) / 1000;
    const corrected = rows.filter((_, i) => i % 10 === 0);
    t = performance.now();
    for (let i = 0; i < corrected.length; i += 5000) {
      await db.transaction().execute(async (trx) => {
        for (const r of corrected.slice(i, i + 5000)) {
          await trx
            .updateTable('account_monthly')
            .set({ avg_balance: r.avg_balance + 1 })
            .where('account_id', '=', r.account_id)
            .where('month', '=', MONTH)
            .execute();
        }
      });
    }
    const updateSeconds = (performance.now() - t) / 1000;
    if (triggers) {
      // The roll-up took the new month in, to the fen.
      const [roll, raw] = await Promise.all([
        db
          .selectFrom('customer_monthly')
          .select((eb) => eb.fn.sum<number>('avg_balance').as('b'))
          .where('month_index', '=', 2026 * 12 + 10)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('account_monthly')
          .select((eb) => eb.fn.sum<number>('avg_balance').as('b'))
          .where('month', '=', MONTH)
          .executeTakeFirstOrThrow(),
      ]);
      if (Number(roll.b) !== Number(raw.b)) throw new Error(`roll-up ${roll.b} ≠ figures ${raw.b}`);
    }
    return {
      triggers,
      rows: rows.length,
      insertSeconds: Number(insertSeconds.toFixed(2)),
      updated: corrected.length,
      updateSeconds: Number(updateSeconds.toFixed(2)),
      loadAverage: Number(os.loadavg()[0]!.toFixed(2)),
    };
  } finally {
    await close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}

const started = new Date();
const { file: source } = await loadValueSqlite(customers);
const results: Result[] = [];
for (const triggers of [true, false, true, false]) {
  const r = await once(source, triggers);
  results.push(r);
  log(
    `  ${triggers ? 'with the triggers' : 'without them    '}: ${r.rows.toLocaleString('en')} rows inserted in ${r.insertSeconds} s, ` +
      `${r.updated.toLocaleString('en')} corrected in ${r.updateSeconds} s, load ${r.loadAverage}`,
  );
}
fs.mkdirSync(RESULTS_DIR, { recursive: true });
const out = path.join(
  RESULTS_DIR,
  `${started.toISOString().replace(/[:.]/g, '').slice(0, 17)}-roll-up-${customers}.json`,
);
fs.writeFileSync(out, `${JSON.stringify({ at: started.toISOString(), customers, results }, null, 2)}\n`);
log(`results in ${path.relative(ROOT_DIR, out)}`);
