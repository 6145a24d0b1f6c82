import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NEED_TAGS } from '../src/shared/codes';
import { BENCH_PASSWORD, DATA_DIR, elapsed, log, parseArgs } from './common';
import { type BenchOrganisation, benchCustomers, benchOrganisation } from './dataset';

// npx tsx bench/import-files.ts [--customers 1000000] [--out bench/.data/import]
//                               [--kinds customers,accounts,account-monthly] [--months 24]
// Writes the import files of DOMAIN §7.3 from the bench dataset (bench/dataset.ts): customers.csv,
// accounts.csv (~2 per customer) and account-monthly.csv (one row per account and month, the last
// `--months` months up to 2026-10). Streamed to disk, never held in memory. The customers' `owner`
// column names rm1 … rmN of benchOrganisation(rmCountFor(customers)): the benchmark creates these
// users (createBenchUsers) in the target database before importing.

export const IMPORT_KINDS_GENERATED = ['customers', 'accounts', 'account-monthly'] as const;
export type GeneratedKind = (typeof IMPORT_KINDS_GENERATED)[number];
export const FILE_OF: Record<GeneratedKind, string> = {
  customers: 'customers.csv',
  accounts: 'accounts.csv',
  'account-monthly': 'account-monthly.csv',
};
const LAST_MONTH = { year: 2026, month: 10 };
const NOW = '2026-11-01T00:00:00.000Z';

/** As bench/load.ts: one RM per thousand customers, at least ten. */
export function rmCountFor(customers: number) {
  return Math.max(10, Math.round(customers / 1000));
}

const CUSTOMER_HEADER = [
  'code',
  'kind',
  'name',
  'id_number',
  'industry',
  'size',
  'region',
  'region_code',
  'tier',
  'need_tags',
  'credit_grade',
  'loan_class',
  'foreign_trade',
  'owner',
  'phone',
  'email',
  'annual_revenue',
  'financial_assets',
  'established_on',
];
const ACCOUNT_HEADER = [
  'account_no',
  'customer_code',
  'product',
  'currency',
  'opened_on',
  'closed_on',
  'rate',
];
const MONTHLY_HEADER = ['account_no', 'month', 'avg_balance', 'net_interest_contribution', 'fee_income'];

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
const fenToYuan = (fen: number | null) => (fen === null ? null : (fen / 100).toFixed(2));

/** A write stream that respects back-pressure: `write` awaits only when the buffer is full. */
class CsvOut {
  private readonly stream: fs.WriteStream;
  private buf: string[] = [];
  private size = 0;
  rows = 0;
  constructor(file: string, header: string[]) {
    this.stream = fs.createWriteStream(file);
    this.buf.push(`${header.join(',')}\n`);
  }
  async row(cells: (string | number | null | undefined)[]) {
    const line = `${cells.map(cell).join(',')}\n`;
    this.buf.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size > 1 << 20) await this.flush();
  }
  private async flush() {
    const chunk = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }
  async close() {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
  }
}

/** Deterministic monthly figures of one account (fen → yuan strings). */
function monthlyFigures(accountId: number, monthIndex: number, loan: boolean) {
  let x = (accountId * 2654435761 + monthIndex * 40503) >>> 0;
  const next = () => {
    x = (Math.imul(x ^ (x >>> 16), 0x45d9f3b) + 0x9e3779b9) >>> 0;
    return x / 4294967296;
  };
  const balance = Math.floor((loan ? 5e8 : 2e8) * next() ** 2) + 10_000; // fen
  const nic = Math.floor(balance * (loan ? 0.0015 : 0.0008) * (next() - 0.1));
  const fee = Math.floor(next() * 50_000);
  return [fenToYuan(balance), fenToYuan(nic), fenToYuan(fee)];
}

export interface GeneratedFiles {
  dir: string;
  customers: number;
  rows: Partial<Record<GeneratedKind, number>>;
  bytes: Partial<Record<GeneratedKind, number>>;
  seconds: number;
}

export async function writeImportFiles(
  customers: number,
  outDir: string,
  kinds: readonly GeneratedKind[] = IMPORT_KINDS_GENERATED,
  months = 24,
): Promise<GeneratedFiles> {
  const started = performance.now();
  fs.mkdirSync(outDir, { recursive: true });
  const org = benchOrganisation(rmCountFor(customers));
  const usernameOf = new Map(org.users.map((u) => [u.id, u.username]));
  const want = new Set(kinds);
  const out: Partial<Record<GeneratedKind, CsvOut>> = {};
  if (want.has('customers'))
    out.customers = new CsvOut(path.join(outDir, FILE_OF.customers), CUSTOMER_HEADER);
  if (want.has('accounts')) out.accounts = new CsvOut(path.join(outDir, FILE_OF.accounts), ACCOUNT_HEADER);
  if (want.has('account-monthly'))
    out['account-monthly'] = new CsvOut(path.join(outDir, FILE_OF['account-monthly']), MONTHLY_HEADER);
  const monthList = Array.from({ length: months }, (_, i) => {
    const m = LAST_MONTH.year * 12 + (LAST_MONTH.month - 1) - (months - 1 - i);
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
  let done = 0;
  for (const { customer: c, accounts } of benchCustomers(customers, org.rmIds)) {
    if (out.customers) {
      await out.customers.row([
        c.code,
        c.kind,
        c.name,
        c.id_number,
        c.industry,
        c.size,
        c.region_name,
        c.region_code,
        c.tier,
        NEED_TAGS.codes.filter((_, i) => (c.need_mask & (1 << i)) !== 0).join(';'),
        c.credit_grade,
        c.loan_class,
        c.foreign_trade ? 'true' : 'false',
        c.owner_id === null ? null : usernameOf.get(c.owner_id),
        c.phone,
        c.email,
        fenToYuan(c.annual_revenue),
        fenToYuan(c.financial_assets),
        c.established_on,
      ]);
    }
    if (out.accounts || out['account-monthly']) {
      for (const a of accounts) {
        await out.accounts?.row([
          a.account_no,
          c.code,
          a.product,
          a.currency,
          a.opened_on,
          a.closed_on,
          a.rate === null ? null : `${a.rate.toFixed(2)}%`,
        ]);
        const monthly = out['account-monthly'];
        if (monthly) {
          const opened = a.opened_on.slice(0, 7);
          const loan = a.rate !== null;
          for (let i = 0; i < monthList.length; i++) {
            if (monthList[i]! < opened) continue;
            await monthly.row([a.account_no, monthList[i], ...monthlyFigures(a.id, i, loan)]);
          }
        }
      }
    }
    if (++done % 200_000 === 0)
      log(`import files: ${done.toLocaleString('en')} customers (${elapsed(started)})`);
  }
  const rows: GeneratedFiles['rows'] = {};
  const bytes: GeneratedFiles['bytes'] = {};
  for (const kind of kinds) {
    await out[kind]!.close();
    rows[kind] = out[kind]!.rows;
    bytes[kind] = fs.statSync(path.join(outDir, FILE_OF[kind])).size;
  }
  return { dir: outDir, customers, rows, bytes, seconds: (performance.now() - started) / 1000 };
}

/**
 * Creates the bench organisation (branches, teams, admin, team leads, rm1 … rmN) in a migrated,
 * empty database, every user with BENCH_PASSWORD (hashed once). Explicit ids, then PostgreSQL's
 * sequences are moved past them.
 */
export async function createBenchUsers(
  // biome-ignore lint/suspicious/noExplicitAny: Kysely<DB> of either dialect
  db: import('kysely').Kysely<any>,
  dialect: 'sqlite' | 'postgres',
  customers: number,
): Promise<BenchOrganisation> {
  const { hashPassword } = await import('../src/server/modules/users/passwords');
  const org = benchOrganisation(rmCountFor(customers));
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < org.branches.length; i += 500)
      await trx
        .insertInto('branches')
        .values(org.branches.slice(i, i + 500).map((b) => ({ ...b, created_at: NOW })))
        .execute();
    for (let i = 0; i < org.teams.length; i += 500)
      await trx
        .insertInto('teams')
        .values(org.teams.slice(i, i + 500).map((t) => ({ ...t, created_at: NOW })))
        .execute();
    const users = org.users.map((u) => ({
      ...u,
      password_hash: passwordHash,
      active: 1,
      locale: 'zh-CN',
      version: 1,
      created_at: NOW,
      updated_at: NOW,
    }));
    for (let i = 0; i < users.length; i += 200)
      await trx
        .insertInto('users')
        .values(users.slice(i, i + 200))
        .execute();
  });
  if (dialect === 'postgres') {
    const { sql } = await import('kysely');
    for (const t of ['branches', 'teams', 'users'])
      await sql
        .raw(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`)
        .execute(db);
  }
  return org;
}

async function main() {
  const args = parseArgs();
  const customers = Number(args.get('customers') ?? 1_000_000);
  const outDir = path.resolve(args.get('out') ?? path.join(DATA_DIR, 'import'));
  const kinds = (args.get('kinds') ?? IMPORT_KINDS_GENERATED.join(',')).split(',') as GeneratedKind[];
  for (const k of kinds) if (!IMPORT_KINDS_GENERATED.includes(k)) throw new Error(`unknown kind ${k}`);
  const months = Number(args.get('months') ?? 24);
  const r = await writeImportFiles(customers, outDir, kinds, months);
  for (const k of kinds)
    log(`${FILE_OF[k]}: ${r.rows[k]!.toLocaleString('en')} rows, ${(r.bytes[k]! / 2 ** 20).toFixed(1)} MiB`);
  log(`written to ${outDir} in ${r.seconds.toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
