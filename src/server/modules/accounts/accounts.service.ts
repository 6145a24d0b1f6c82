import { DEPOSIT_PRODUCTS, LOAN_PRODUCTS, type Product } from '../../../shared/codes';
import type { CustomerMonth, ProductGroup } from '../../../shared/schemas/account';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { notFound } from '../../http/errors';
import { requireVisibleCustomer } from '../customers/customers.service';
import { addFen, type FenFigures, presentAccount, presentFigures, ZERO_FEN } from './accounts.presenter';
import * as repo from './accounts.repository';

// Product holdings (DOMAIN §2), read-only through the API until imports arrive. All sums are of
// integer fen (DOMAIN §8); yuan appear only in the presenter.

export function productGroup(product: string): ProductGroup {
  if (DEPOSIT_PRODUCTS.includes(product as Product)) return 'deposit';
  if (LOAN_PRODUCTS.includes(product as Product)) return 'loan';
  return 'other';
}

export async function listAccounts(deps: AppDeps, viewer: Viewer, customerId: number) {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  const accounts = await repo.listAccounts(deps.db, customerId);
  const latest = await repo.latestMonthlyOfAccounts(deps.db, customerId);
  const latestByAccount = new Map(latest.map((m) => [m.account_id, m]));
  // The customer's latest month: the totals are of that month, so an account closed long ago does
  // not add its last figures to today's.
  const month = latest.reduce<string | null>(
    (max, m) => (max === null || m.month > max ? m.month : max),
    null,
  );
  const totals = latest.filter((m) => m.month === month).reduce<FenFigures>(addFen, ZERO_FEN);
  const closedAccounts = accounts.filter((a) => a.closed_on !== null).length;
  return {
    items: accounts.map((a) => presentAccount(a, latestByAccount.get(a.id))),
    totals: {
      month,
      ...presentFigures(totals),
      openAccounts: accounts.length - closedAccounts,
      closedAccounts,
    },
  };
}

/** Per month, ascending, the last `months` months that have figures, split by product group. */
export async function customerMonthly(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  months: number,
): Promise<{ items: CustomerMonth[] }> {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  const latest = await repo.latestMonthsOfCustomer(deps.db, customerId, months);
  const first = latest.at(-1);
  if (first === undefined) return { items: [] };
  const sums = await repo.monthlySumsByProduct(deps.db, customerId, first);
  const byMonth = new Map<string, Record<ProductGroup | 'total', FenFigures>>();
  for (const row of sums) {
    let entry = byMonth.get(row.month);
    if (!entry) {
      entry = { deposit: ZERO_FEN, loan: ZERO_FEN, other: ZERO_FEN, total: ZERO_FEN };
      byMonth.set(row.month, entry);
    }
    const group = productGroup(row.product);
    entry[group] = addFen(entry[group], row);
    entry.total = addFen(entry.total, row);
  }
  return {
    items: [...byMonth.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([month, e]) => ({
        month,
        deposit: presentFigures(e.deposit),
        loan: presentFigures(e.loan),
        other: presentFigures(e.other),
        total: presentFigures(e.total),
      })),
  };
}

export async function accountMonthly(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  accountId: number,
  months: number | undefined,
) {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  const account = await repo.findAccount(deps.db, customerId, accountId);
  if (!account) throw notFound('Account');
  const rows = await repo.accountMonths(deps.db, accountId, months);
  return {
    account: presentAccount(account, rows[0]),
    items: rows.reverse().map((r) => ({ month: r.month, ...presentFigures(r) })),
  };
}
