import { z } from 'zod';
import { PRODUCTS } from '../../../../shared/codes';
import { pastDate } from '../../../../shared/schemas/common';
import { customerCreateSchema } from '../../../../shared/schemas/customer';
import { bulkInsert } from '../../../db/bulk-insert';
import type { AccountRow, Db } from '../../../db/database';
import { markDirty } from '../../customer-value/customer-value.repository';
import { type BatchIssue, defineKind, type ImportColumn } from '../kind';
import { customerIdsByCode } from './lookups';

// Product holdings (DOMAIN §2, §7.3). Natural key: `account_no`. The customer is named by its code and
// must already be in the database: import customers first, then accounts, then their monthly figures.
// (Looking ahead in the same file would need a file of mixed kinds, which §7.3 does not have.)

export const accountNo = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9A-Za-z]{6,32}$/, 'must be 6–32 digits or letters'));

const CURRENCIES = {
  CNY: { zh: '人民币', en: 'Renminbi' },
  USD: { zh: '美元', en: 'US dollar' },
  EUR: { zh: '欧元', en: 'Euro' },
  HKD: { zh: '港币', en: 'Hong Kong dollar' },
  JPY: { zh: '日元', en: 'Japanese yen' },
  GBP: { zh: '英镑', en: 'Pound sterling' },
};

const rate = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a number such as 0.0435, or 4.35%')])
  .transform(Number)
  .refine((v) => v >= 0 && v < 1, 'must be an annual rate as a fraction, such as 0.0435, or as 4.35%');

const fields = z.object({
  accountNo,
  customerCode: customerCreateSchema.shape.code.unwrap(),
  product: z.enum(PRODUCTS.codes),
  currency: z
    .string()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as CNY'),
  openedOn: pastDate,
  closedOn: pastDate.nullable(),
  rate: rate.nullable(),
});
export type AccountImportRow = z.output<typeof fields>;
const f = fields.shape;

export const accountColumns: readonly ImportColumn[] = [
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
    field: 'customerCode',
    name: 'customer_code',
    zh: '客户号',
    aliases: ['客户编号'],
    required: true,
    type: 'code',
    schema: f.customerCode,
    example: 'C0001',
  },
  {
    field: 'product',
    name: 'product',
    zh: '产品',
    required: true,
    type: 'enum',
    labels: PRODUCTS.labels,
    schema: f.product,
    example: { 'zh-CN': '活期存款', en: 'demand_deposit' },
  },
  {
    field: 'currency',
    name: 'currency',
    zh: '币种',
    type: 'enum',
    labels: CURRENCIES,
    schema: f.currency,
    emptyAs: 'CNY',
    example: 'CNY',
  },
  {
    field: 'openedOn',
    name: 'opened_on',
    zh: '开户日期',
    required: true,
    type: 'date',
    schema: f.openedOn,
    example: '2021-03-15',
  },
  { field: 'closedOn', name: 'closed_on', zh: '销户日期', type: 'date', schema: f.closedOn, example: '' },
  { field: 'rate', name: 'rate', zh: '利率', type: 'rate', schema: f.rate, example: '0.35%' },
];

type Stored = Pick<AccountRow, 'customer_id' | 'product' | 'currency' | 'opened_on' | 'closed_on' | 'rate'>;

export const accountsKind = defineKind<AccountImportRow>({
  code: 'accounts',
  columns: accountColumns,
  key: ['accountNo'],
  check(row) {
    return row.closedOn && row.closedOn < row.openedOn
      ? [{ field: 'closedOn', message: 'must not be before the opening date' }]
      : [];
  },
  start(ctx) {
    return {
      async plan(db, rows) {
        const customerIds = await customerIdsByCode(db, [...new Set(rows.map((r) => r.value.customerCode))]);
        const stored = new Map(
          (
            await findAccounts(
              db,
              rows.map((r) => r.value.accountNo),
            )
          ).map((a) => [a.account_no, a]),
        );
        const issues: BatchIssue[] = [];
        const inserts: Omit<AccountRow, 'id'>[] = [];
        const updates: { id: number; customerId: number; set: Partial<Stored> }[] = [];
        let unchanged = 0;
        for (const { row, value: v } of rows) {
          const customerId = customerIds.get(v.customerCode);
          if (customerId === undefined) {
            issues.push({
              row,
              field: 'customerCode',
              message: `no customer ${v.customerCode} (import customers first)`,
            });
            continue;
          }
          const set: Partial<Stored> = { customer_id: customerId, product: v.product, opened_on: v.openedOn };
          if (v.currency !== undefined) set.currency = v.currency;
          if (v.closedOn !== undefined) set.closed_on = v.closedOn;
          if (v.rate !== undefined) set.rate = v.rate;
          const before = stored.get(v.accountNo);
          if (!before) {
            inserts.push({
              account_no: v.accountNo,
              customer_id: customerId,
              product: v.product,
              opened_on: v.openedOn,
              currency: v.currency ?? 'CNY',
              closed_on: v.closedOn ?? null,
              rate: v.rate ?? null,
              created_at: ctx.audit.at,
            });
            continue;
          }
          const changed: Partial<Stored> = {};
          for (const [column, value] of Object.entries(set)) {
            if ((before as Record<string, unknown>)[column] !== value) {
              (changed as Record<string, unknown>)[column] = value;
            }
          }
          if (Object.keys(changed).length === 0) unchanged += 1;
          else updates.push({ id: before.id, customerId: before.customer_id, set: changed });
        }
        return {
          issues,
          inserted: inserts.length,
          updated: updates.length,
          unchanged,
          async write(trx) {
            await bulkInsert(trx, 'accounts', inserts);
            const touched = [
              ...inserts.map((i) => i.customer_id),
              ...updates.flatMap((u) => [u.customerId, u.set.customer_id ?? u.customerId]),
            ];
            await markDirty(trx, [...new Set(touched)], ctx.audit.at);
            for (const u of updates) {
              await trx.updateTable('accounts').set(u.set).where('id', '=', u.id).execute();
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
    .select(['id', 'account_no', 'customer_id', 'product', 'currency', 'opened_on', 'closed_on', 'rate'])
    .where('account_no', 'in', accountNos)
    .execute();
}
