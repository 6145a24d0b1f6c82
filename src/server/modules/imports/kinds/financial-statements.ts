import { z } from 'zod';
import { yuanToFen } from '../../../../shared/money';
import { bankToday } from '../../../../shared/schemas/common';
import { customerCreateSchema } from '../../../../shared/schemas/customer';
import { statementFields } from '../../../../shared/schemas/value';
import { bulkInsert } from '../../../db/bulk-insert';
import type { Db, FinancialStatementTable } from '../../../db/database';
import { changedFields, writeAudit } from '../../../http/audit';
import { conflict } from '../../../http/errors';
import { screenCustomers } from '../../exit/screening.service';
import {
  STATEMENT_COLUMNS,
  type StatementField,
  statementColumns,
  statementFigures,
} from '../../financial-statements/financial-statements.presenter';
import * as statements from '../../financial-statements/financial-statements.repository';
import { type BatchIssue, defineKind, type ImportColumn } from '../kind';

// Annual financial statements of corporate customers (DOMAIN §5, §6.1 EX3, §7.3), in yuan with up to
// 2 decimals, stored as fen; any figure may be negative (losses, negative equity, outflows). Natural
// key: customer code + fiscal year. The customer must already be stored, and corporate. A column left
// out of the file leaves that figure as stored; an empty cell clears it (not reported).

/** 2024, 2024年, FY2024. */
const fiscalYear = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^(?:FY)?\d{4}年?(?:度)?$/i, 'must be a year such as 2024'))
  .transform((s) => Number(/\d{4}/.exec(s)![0]))
  .refine((y) => y >= 1900, 'must be 1900 or later')
  .refine((y) => y <= Number(bankToday().slice(0, 4)), 'must not be in the future');

/** Yuan with at most 2 decimals, of either sign; empty is null (not reported). */
const signedYuan = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a number')])
  .transform((v) => Number(v))
  .refine((v) => Math.abs(v) <= 1e13, 'is too large')
  .refine((v) => yuanToFen(v) !== null, 'must have at most 2 decimals')
  .nullable();

const fields = z.object({
  customerCode: customerCreateSchema.shape.code.unwrap(),
  fiscalYear,
  ...(Object.fromEntries(statementFields.map((f) => [f, signedYuan.optional()])) as Record<
    StatementField,
    z.ZodOptional<typeof signedYuan>
  >),
});
export type FinancialStatementImportRow = z.output<typeof fields>;

/** The headers of DOMAIN §7.3, with the other names Chinese statements give the same lines. */
const FIGURES: Record<StatementField, { zh: string; aliases: string[]; example: string }> = {
  currentAssets: { zh: '流动资产', aliases: ['流动资产合计'], example: '52,000,000.00' },
  currentLiabilities: { zh: '流动负债', aliases: ['流动负债合计'], example: '38,500,000.00' },
  totalAssets: { zh: '总资产', aliases: ['资产总额', '资产总计'], example: '120,000,000.00' },
  totalLiabilities: { zh: '总负债', aliases: ['负债总额', '负债合计'], example: '76,000,000.00' },
  ownersEquity: {
    zh: '所有者权益',
    aliases: ['所有者权益合计', '股东权益', '股东权益合计'],
    example: '44,000,000.00',
  },
  netProfit: { zh: '净利润', aliases: [], example: '3,600,000.00' },
  operatingCashFlow: {
    zh: '经营活动现金流量净额',
    aliases: ['经营活动产生的现金流量净额', '经营现金流'],
    example: '6,250,000.00',
  },
  revenue: { zh: '营业收入', aliases: ['营业总收入'], example: '98,000,000.00' },
};

export const financialStatementColumns: readonly ImportColumn[] = [
  {
    field: 'customerCode',
    name: 'customer_code',
    zh: '客户号',
    aliases: ['客户编号'],
    required: true,
    type: 'code',
    schema: fields.shape.customerCode,
    example: 'C0001',
  },
  {
    field: 'fiscalYear',
    name: 'fiscal_year',
    zh: '会计年度',
    aliases: ['年度', '财务年度', '报表年度'],
    required: true,
    type: 'code',
    schema: fiscalYear,
    example: '2024',
  },
  ...statementFields.map(
    (f): ImportColumn => ({
      field: f,
      name: STATEMENT_COLUMNS[f],
      zh: FIGURES[f].zh,
      aliases: FIGURES[f].aliases,
      type: 'amount',
      schema: signedYuan,
      example: FIGURES[f].example,
    }),
  ),
];

type Stored = Awaited<ReturnType<typeof findStatements>>[number];

export const financialStatementsKind = defineKind<FinancialStatementImportRow>({
  code: 'financial-statements',
  columns: financialStatementColumns,
  key: ['customerCode', 'fiscalYear'],
  start(ctx) {
    /** The customers whose statements the run wrote, screened again once the commit is done (EX3). */
    const touched = new Set<number>();
    return {
      async plan(db, rows) {
        const customers = new Map(
          (await findCustomers(db, [...new Set(rows.map((r) => r.value.customerCode))])).map((c) => [
            c.code,
            c,
          ]),
        );
        const stored = new Map(
          (
            await findStatements(
              db,
              [...customers.values()].map((c) => c.id),
              [...new Set(rows.map((r) => r.value.fiscalYear))],
            )
          ).map((s) => [`${s.customer_id} ${s.fiscal_year}`, s]),
        );
        const issues: BatchIssue[] = [];
        const inserts: Omit<FinancialStatementTable, 'id'>[] = [];
        const updates: {
          row: Stored;
          set: ReturnType<typeof statementColumns>;
          before: object;
          after: object;
        }[] = [];
        let unchanged = 0;
        for (const { row, value: v } of rows) {
          const customer = customers.get(v.customerCode);
          if (!customer) {
            issues.push({
              row,
              field: 'customerCode',
              message: `no customer ${v.customerCode} (import customers first)`,
            });
            continue;
          }
          if (customer.kind !== 'corporate') {
            issues.push({
              row,
              field: 'customerCode',
              message: `${v.customerCode} is an individual customer: financial statements are kept for corporate customers only`,
            });
            continue;
          }
          // Only the figures of the file's columns: a column left out keeps what is stored.
          const given: Partial<Record<StatementField, number | null>> = {};
          for (const f of statementFields) if (v[f] !== undefined) given[f] = v[f];
          const set = statementColumns(given);
          const before = stored.get(`${customer.id} ${v.fiscalYear}`);
          if (!before) {
            inserts.push({
              customer_id: customer.id,
              fiscal_year: v.fiscalYear,
              current_assets: null,
              current_liabilities: null,
              total_assets: null,
              total_liabilities: null,
              owners_equity: null,
              net_profit: null,
              operating_cash_flow: null,
              revenue: null,
              ...set,
              version: 1,
              created_at: ctx.audit.at,
              updated_at: ctx.audit.at,
            });
            continue;
          }
          const diff = changedFields(statementFigures(before), given);
          if (!diff.changed) {
            unchanged += 1;
            continue;
          }
          updates.push({
            row: before,
            set,
            before: { fiscalYear: v.fiscalYear, ...diff.before },
            after: { fiscalYear: v.fiscalYear, ...diff.after },
          });
        }
        return {
          issues,
          inserted: inserts.length,
          updated: updates.length,
          unchanged,
          async write(trx) {
            for (const i of inserts) touched.add(i.customer_id);
            for (const u of updates) touched.add(u.row.customer_id);
            await bulkInsert(trx, 'financial_statements', inserts);
            for (const u of updates) {
              const ok = await statements.updateStatement(
                trx,
                u.row.customer_id,
                u.row.fiscal_year,
                u.row.version,
                { ...u.set, updated_at: ctx.audit.at },
              );
              if (!ok) {
                throw conflict(
                  'Financial statements in the file were changed by someone else meanwhile; import again',
                );
              }
              await writeAudit(trx, ctx.audit, {
                action: 'update',
                entity: 'financial_statement',
                entityId: u.row.id,
                customerId: u.row.customer_id,
                before: u.before,
                after: u.after,
                reason: ctx.reason,
              });
            }
          },
        };
      },
      async committed() {
        await screenCustomers(ctx.deps, touched);
      },
    };
  },
});

function findCustomers(db: Db, codes: string[]) {
  return db.selectFrom('customers').select(['id', 'code', 'kind']).where('code', 'in', codes).execute();
}

function findStatements(db: Db, customerIds: number[], years: number[]) {
  if (customerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('financial_statements')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .where('fiscal_year', 'in', years)
    .execute();
}
