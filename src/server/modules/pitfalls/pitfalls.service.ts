import type { z } from 'zod';
import {
  type ConcessionWarning,
  concessionWarning,
  type Statement,
  type StatementWarning,
  statementsCurrentUntil,
  statementWarning,
} from '../../../domain/pitfalls';
import { fenToYuan } from '../../../shared/money';
import { bankDate } from '../../../shared/schemas/common';
import {
  PITFALL_KINDS,
  type pitfallSchema,
  type pitfallsQuerySchema,
  type portfolioPitfallSchema,
} from '../../../shared/schemas/value';
import type { Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { loadValueRules } from '../customer-value/value-settings';
import { requireVisibleCustomer } from '../customers/customers.service';
import * as repo from './pitfalls.repository';

// Pitfall warnings 误区 (DOMAIN §5): (1) concessions in force costing more than the configured share of
// the customer's realized value; (3) a corporate customer with an open loan whose latest financial
// statements are missing, stale or worsening. The rules are src/domain/pitfalls.ts; money in the
// evidence is yuan. Pitfall (2), broken promises, is the overdue follow-ups of the day and tasks.

export type Pitfall = z.output<typeof pitfallSchema>;
export type PortfolioPitfall = z.output<typeof portfolioPitfallSchema>;
export type PitfallsQuery = z.output<typeof pitfallsQuerySchema>;

interface Rules {
  concessionShare: number;
  statementMaxAgeMonths: number;
}

async function loadRules(db: Db): Promise<Rules> {
  const { rules } = await loadValueRules(db);
  return { concessionShare: rules.concessionShare, statementMaxAgeMonths: rules.statementMaxAgeMonths };
}

const concessionEvidence = (w: ConcessionWarning) => ({
  yearlyCost: fenToYuan(w.yearlyCost),
  realized: fenToYuan(w.realized),
  share: w.share,
  ratio: w.ratio,
});

const statementEvidence = (w: StatementWarning) => ({ ...w });

const toStatement = (r: Awaited<ReturnType<typeof repo.statementsOf>>[number]): Statement => ({
  fiscalYear: r.fiscal_year,
  totalAssets: r.total_assets,
  totalLiabilities: r.total_liabilities,
  ownersEquity: r.owners_equity,
  netProfit: r.net_profit,
  operatingCashFlow: r.operating_cash_flow,
  revenue: r.revenue,
});

/**
 * The pitfalls of one customer on the bank day `today` (YYYY-MM-DD), with their evidence; none for a
 * customer that does not exist. It does not check who asks: callers check visibility first.
 */
export async function customerPitfalls(db: Db, customerId: number, today: string): Promise<Pitfall[]> {
  const customer = await repo.findCustomerFacts(db, customerId);
  if (!customer) return [];
  const rules = await loadRules(db);
  const pitfalls: Pitfall[] = [];
  // Until a value run has computed the realized value there is nothing to weigh the concessions against.
  if (customer.realized_value !== null) {
    const concessions = await repo.concessionsInForce(db, [customerId], today);
    const costly = concessionWarning(
      concessions.map((c) => ({ yearlyCost: c.yearly_cost })),
      customer.realized_value,
      rules.concessionShare,
    );
    if (costly) pitfalls.push({ kind: 'concessions', evidence: concessionEvidence(costly) });
  }
  if (customer.kind === 'corporate' && (await repo.customerHasOpenLoan(db, customerId, today))) {
    const statements = (await repo.statementsOf(db, [customerId])).map(toStatement);
    const warning = statementWarning(statements, today, rules.statementMaxAgeMonths);
    if (warning) pitfalls.push({ kind: 'statements', evidence: statementEvidence(warning) });
  }
  return pitfalls;
}

export async function pitfallsOfCustomer(deps: AppDeps, viewer: Viewer, customerId: number) {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  return { items: await customerPitfalls(deps.db, customerId, bankDate(deps.clock())) };
}

/** The first fiscal year whose statements are still current on `today`. */
export function firstCurrentYear(today: string, maxAgeMonths: number) {
  let year = Number(today.slice(0, 4)) - Math.ceil(maxAgeMonths / 12) - 2;
  while (statementsCurrentUntil(year, maxAgeMonths) < today) year += 1;
  return year;
}

const ownerOf = (r: { owner_id: number | null; owner_name: string | null }) =>
  r.owner_id === null ? null : { id: r.owner_id, name: r.owner_name ?? String(r.owner_id) };

/**
 * The pitfalls of the viewer's portfolio (or of one owner's customers in it): concessions first, the
 * largest excess over the share first; then statements, missing, stalest, worsening. `total` counts
 * them all; `items` holds the first `limit`.
 */
export async function portfolioPitfalls(deps: AppDeps, viewer: Viewer, query: PitfallsQuery) {
  const db = deps.db;
  const today = bankDate(deps.clock());
  const rules = await loadRules(db);
  const items: PortfolioPitfall[] = [];
  let total = 0;
  const kinds = query.kind ? [query.kind] : PITFALL_KINDS;
  for (const kind of kinds) {
    const room = query.limit - items.length;
    // With no room left the query still runs for its count, answering one row that is dropped.
    const filter = { ownerId: query.ownerId, today, limit: Math.max(room, 1) };
    if (kind === 'concessions') {
      const found = await repo.concessionPitfalls(db, viewer, {
        ...filter,
        shareBasisPoints: Math.round(rules.concessionShare * 10_000),
      });
      total += found.total;
      for (const r of found.rows.slice(0, room)) {
        // The cost, summed in SQL, is the sum of the concessions the rule would read.
        const w = concessionWarning([{ yearlyCost: r.cost }], r.realized, rules.concessionShare);
        if (!w) continue;
        items.push({
          customer: { id: r.id, code: r.code, name: r.name },
          owner: ownerOf(r),
          pitfall: { kind, evidence: concessionEvidence(w) },
        });
      }
    } else {
      const found = await repo.statementPitfalls(db, viewer, {
        ...filter,
        firstCurrentYear: firstCurrentYear(today, rules.statementMaxAgeMonths),
      });
      total += found.total;
      const listed = found.rows.slice(0, room);
      const statements = new Map<number, Statement[]>();
      for (const s of await repo.statementsOf(
        db,
        listed.map((r) => r.id),
      )) {
        const list = statements.get(s.customer_id) ?? [];
        list.push(toStatement(s));
        statements.set(s.customer_id, list);
      }
      for (const r of listed) {
        const w = statementWarning(statements.get(r.id) ?? [], today, rules.statementMaxAgeMonths);
        if (!w) continue;
        items.push({
          customer: { id: r.id, code: r.code, name: r.name },
          owner: ownerOf(r),
          pitfall: { kind, evidence: statementEvidence(w) },
        });
      }
    }
  }
  return { items, total };
}
