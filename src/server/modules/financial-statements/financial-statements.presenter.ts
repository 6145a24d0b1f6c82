import type { z } from 'zod';
import { fenToYuan, yuanToFen } from '../../../shared/money';
import { type financialStatementSchema, statementFields } from '../../../shared/schemas/value';
import type { FinancialStatementTable } from '../../db/database';

export type FinancialStatement = z.output<typeof financialStatementSchema>;
export type StatementField = (typeof statementFields)[number];
type StatementRow = Omit<FinancialStatementTable, 'id'> & { id?: unknown };

/** The database column of each API field. */
export const STATEMENT_COLUMNS = {
  currentAssets: 'current_assets',
  currentLiabilities: 'current_liabilities',
  totalAssets: 'total_assets',
  totalLiabilities: 'total_liabilities',
  ownersEquity: 'owners_equity',
  netProfit: 'net_profit',
  operatingCashFlow: 'operating_cash_flow',
  revenue: 'revenue',
} as const satisfies Record<StatementField, keyof FinancialStatementTable>;
type StatementColumn = (typeof STATEMENT_COLUMNS)[StatementField];

const yuan = (fen: number | null) => (fen === null ? null : fenToYuan(Number(fen)));

/** The figures in yuan, by API name (null: not reported); also the before/after of audit entries. */
export function statementFigures(row: Pick<StatementRow, StatementColumn>) {
  return Object.fromEntries(statementFields.map((f) => [f, yuan(row[STATEMENT_COLUMNS[f]])])) as Record<
    StatementField,
    number | null
  >;
}

/** Figures in yuan as columns in fen; a field left out is not in the answer. */
export function statementColumns(figures: Partial<Record<StatementField, number | null | undefined>>) {
  const set: Partial<Record<StatementColumn, number | null>> = {};
  for (const f of statementFields) {
    const v = figures[f];
    if (v !== undefined) set[STATEMENT_COLUMNS[f]] = v === null ? null : yuanToFen(v)!;
  }
  return set;
}

/** The API shape: fen become yuan here, at the edge (DOMAIN §8). */
export function presentStatement(row: StatementRow): FinancialStatement {
  return {
    customerId: row.customer_id,
    fiscalYear: row.fiscal_year,
    ...statementFigures(row),
    updatedAt: row.updated_at,
    version: row.version,
  };
}
