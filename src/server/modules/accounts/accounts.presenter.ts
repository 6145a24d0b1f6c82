import { maskAccountNo } from '../../../domain/masking';
import type { Product } from '../../../shared/codes';
import { fenToYuan } from '../../../shared/money';
import type { Account, MonthlyFigures } from '../../../shared/schemas/account';
import type { AccountRow } from '../../db/database';

/** Monthly figures in integer fen, as stored and summed. */
export interface FenFigures {
  avg_balance: number;
  net_interest_contribution: number;
  fee_income: number;
}

export const ZERO_FEN: FenFigures = { avg_balance: 0, net_interest_contribution: 0, fee_income: 0 };

export function addFen(a: FenFigures, b: FenFigures): FenFigures {
  return {
    avg_balance: a.avg_balance + b.avg_balance,
    net_interest_contribution: a.net_interest_contribution + b.net_interest_contribution,
    fee_income: a.fee_income + b.fee_income,
  };
}

/** Fen become yuan only here, at the edge (DOMAIN §8). */
export function presentFigures(f: FenFigures): MonthlyFigures {
  return {
    avgBalance: fenToYuan(f.avg_balance),
    netInterestContribution: fenToYuan(f.net_interest_contribution),
    feeIncome: fenToYuan(f.fee_income),
  };
}

export function presentAccount(
  row: AccountRow,
  latest: (FenFigures & { month: string }) | undefined,
): Account {
  return {
    id: row.id,
    accountNo: maskAccountNo(row.account_no),
    product: row.product as Product,
    currency: row.currency,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    status: row.closed_on === null ? 'open' : 'closed',
    rate: row.rate === null ? null : Number(row.rate),
    latest: latest ? { month: latest.month, ...presentFigures(latest) } : null,
  };
}
