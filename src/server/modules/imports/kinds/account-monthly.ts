import { z } from 'zod';
import { yuanToFen } from '../../../../shared/money';
import { bankToday, yuanAmount } from '../../../../shared/schemas/common';
import { bulkInsert } from '../../../db/bulk-insert';
import type { Db } from '../../../db/database';
import { markDirty, noteFigureMonths } from '../../customer-value/customer-value.repository';
import { type BatchIssue, defineKind, type ImportColumn } from '../kind';
import { accountNo } from './accounts';

// Monthly figures of accounts (DOMAIN §2, §7.3): average daily balance, net interest contribution and
// fee income, in yuan with up to 2 decimals, stored as fen. Natural key: account number + month. The
// account must already be in the database (import accounts first). Net interest contribution may be
// negative (a loan priced below its funding cost); balances and fees may not.

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .refine((m) => m <= bankToday().slice(0, 7), 'must not be in the future');

/** Yuan with at most 2 decimals, of either sign. */
const signedYuan = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a number')])
  .transform((v) => Number(v))
  .refine((v) => Math.abs(v) <= 1e13, 'is too large')
  .refine((v) => yuanToFen(v) !== null, 'must have at most 2 decimals');

const fields = z.object({
  accountNo,
  month,
  avgBalance: yuanAmount,
  netInterestContribution: signedYuan,
  feeIncome: yuanAmount,
});
export type AccountMonthlyImportRow = z.output<typeof fields>;
const f = fields.shape;

export const accountMonthlyColumns: readonly ImportColumn[] = [
  {
    field: 'accountNo',
    name: 'account_no',
    zh: '账号',
    aliases: ['账户', '帐号'],
    required: true,
    type: 'code',
    schema: f.accountNo,
    example: '6222021001012345678',
  },
  {
    field: 'month',
    name: 'month',
    zh: '月份',
    aliases: ['年月', '统计月份'],
    required: true,
    type: 'month',
    schema: f.month,
    example: '2025-12',
  },
  {
    field: 'avgBalance',
    name: 'avg_balance',
    zh: '日均余额',
    required: true,
    type: 'amount',
    schema: f.avgBalance,
    example: '1,250,000.00',
  },
  {
    field: 'netInterestContribution',
    name: 'net_interest_contribution',
    zh: '利息净贡献',
    type: 'amount',
    schema: f.netInterestContribution,
    emptyAs: '0',
    example: '3,125.50',
  },
  {
    field: 'feeIncome',
    name: 'fee_income',
    zh: '中间业务收入',
    type: 'amount',
    schema: f.feeIncome,
    emptyAs: '0',
    example: '0',
  },
];

interface Figures {
  avg_balance: number;
  net_interest_contribution: number;
  fee_income: number;
}

export const accountMonthlyKind = defineKind<AccountMonthlyImportRow>({
  code: 'account-monthly',
  columns: accountMonthlyColumns,
  key: ['accountNo', 'month'],
  start(ctx) {
    return {
      async plan(db, rows) {
        const found = await findAccounts(db, [...new Set(rows.map((r) => r.value.accountNo))]);
        const accountIds = new Map(found.map((a) => [a.account_no, a.id]));
        const customerOf = new Map(found.map((a) => [a.id, a.customer_id]));
        const months = [...new Set(rows.map((r) => r.value.month))];
        const stored = new Map(
          (await findMonths(db, [...accountIds.values()], months)).map((m) => [
            `${m.account_id} ${m.month}`,
            m,
          ]),
        );
        const issues: BatchIssue[] = [];
        const inserts: (Figures & { account_id: number; month: string })[] = [];
        const updates: { accountId: number; month: string; set: Partial<Figures> }[] = [];
        let unchanged = 0;
        for (const { row, value: v } of rows) {
          const accountId = accountIds.get(v.accountNo);
          if (accountId === undefined) {
            issues.push({
              row,
              field: 'accountNo',
              message: `no account ${v.accountNo} (import accounts first)`,
            });
            continue;
          }
          const set: Partial<Figures> & { avg_balance: number } = { avg_balance: yuanToFen(v.avgBalance)! };
          if (v.netInterestContribution !== undefined) {
            set.net_interest_contribution = yuanToFen(v.netInterestContribution)!;
          }
          if (v.feeIncome !== undefined) set.fee_income = yuanToFen(v.feeIncome)!;
          const before = stored.get(`${accountId} ${v.month}`);
          if (!before) {
            inserts.push({
              account_id: accountId,
              month: v.month,
              net_interest_contribution: 0,
              fee_income: 0,
              ...set,
            });
            continue;
          }
          const changed: Partial<Figures> = {};
          for (const [column, value] of Object.entries(set) as [keyof Figures, number][]) {
            if (before[column] !== value) changed[column] = value;
          }
          if (Object.keys(changed).length === 0) unchanged += 1;
          else updates.push({ accountId, month: v.month, set: changed });
        }
        return {
          issues,
          inserted: inserts.length,
          updated: updates.length,
          unchanged,
          async write(trx) {
            await bulkInsert(trx, 'account_monthly', inserts);
            const touched = [...inserts.map((i) => i.account_id), ...updates.map((u) => u.accountId)];
            await markDirty(trx, [...new Set(touched.map((a) => customerOf.get(a)!))], ctx.audit.at);
            await noteFigureMonths(trx, [...new Set(inserts.map((i) => i.month))], ctx.audit.at);
            for (const u of updates) {
              await trx
                .updateTable('account_monthly')
                .set(u.set)
                .where('account_id', '=', u.accountId)
                .where('month', '=', u.month)
                .execute();
            }
          },
        };
      },
    };
  },
});

function findAccounts(db: Db, accountNos: string[]) {
  return db
    .selectFrom('accounts')
    .select(['id', 'account_no', 'customer_id'])
    .where('account_no', 'in', accountNos)
    .execute();
}

function findMonths(db: Db, accountIds: number[], months: string[]) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('account_monthly')
    .select(['account_id', 'month', 'avg_balance', 'net_interest_contribution', 'fee_income'])
    .where('account_id', 'in', accountIds)
    .where('month', 'in', months)
    .execute();
}
