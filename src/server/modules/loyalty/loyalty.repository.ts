import { type Insertable, sql } from 'kysely';
import type { PortfolioScope } from '../../../shared/codes';
import { selectArrays } from '../../db/array-rows';
import type { Dialect } from '../../db/connect';
import type { ChurnRecordTable, CustomerLoyaltyTable, Db, LoyaltyAssessmentTable } from '../../db/database';
import { runEach } from '../../db/run-each';
import { customerVisibleTo, type Viewer } from '../../http/access';
import { inRange, type Range } from '../customer-value/customer-value.repository';

// ---- what the value run reads and writes for a range of customers

/** Each customer's latest RM assessment. */
export async function latestAssessments(db: Db, range: Range) {
  const rows = await db
    .selectFrom('loyalty_assessments')
    .select(['customer_id', 'price_sensitivity', 'competitor_attitude', 'assessed_at', 'id'])
    .where(inRange('customer_id', range))
    .orderBy('customer_id')
    .orderBy('assessed_at')
    .orderBy('id')
    .execute();
  const latest = new Map<number, { price: number; competitor: number }>();
  for (const r of rows)
    latest.set(r.customer_id, { price: r.price_sensitivity, competitor: r.competitor_attitude });
  return latest;
}

/** Complaints (not suggestions or praise) received since the moment, per customer. */
export async function complaintStats(db: Db, range: Range, since: string) {
  const rows = await db
    .selectFrom('complaints')
    .select((eb) => [
      'customer_id',
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('fix_satisfaction').as('rated'),
      eb.fn.sum<number>('fix_satisfaction').as('fix_sum'),
    ])
    .where(inRange('customer_id', range))
    .where('kind', '=', 'complaint')
    .where('received_at', '>=', since)
    .groupBy('customer_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.customer_id,
      {
        complaints: Number(r.n),
        fixSatisfaction: Number(r.rated) > 0 ? Number(r.fix_sum) / Number(r.rated) : null,
      },
    ]),
  );
}

/** The perceived scores the customers gave since the moment, with the campaign that asked. */
export function surveyPerceptions(db: Db, range: Range, since: string) {
  return db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .select(['r.customer_id', 'r.campaign_id', 'a.item_key', 'a.perceived'])
    .where(inRange('r.customer_id', range))
    .where('r.submitted_at', '>=', since)
    .execute();
}

/** The campaigns' definitions, for which item measures which loyalty attitude. */
export function campaignDefinitions(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('survey_campaigns').select(['id', 'template_json']).where('id', 'in', ids).execute();
}

/** In the order storedLoyalty reads them. */
const LOYALTY_COLUMNS = [
  'customer_id',
  'as_of',
  'loyalty_index',
  'repeat_purchases',
  'price_sensitivity',
  'competitor_attitude',
  'problem_attitude',
  'growth',
  'retention',
] as const satisfies readonly (keyof CustomerLoyaltyTable)[];

/** Each customer's stored loyalty, read as arrays (a million rows a night: array-rows.ts). */
export async function storedLoyalty(db: Db, range: Range) {
  const rows = await selectArrays<unknown[]>(
    db,
    db.selectFrom('customer_loyalty').select(LOYALTY_COLUMNS).where(inRange('customer_id', range)),
  );
  const out = new Map<number, CustomerLoyaltyTable>();
  for (const r of rows) {
    // Written out: objects of one shape (a loop over the names makes slower, dictionary-like ones).
    out.set(
      r[0] as number,
      {
        customer_id: r[0],
        as_of: r[1],
        loyalty_index: r[2],
        repeat_purchases: r[3],
        price_sensitivity: r[4],
        competitor_attitude: r[5],
        problem_attitude: r[6],
        growth: r[7],
        retention: r[8],
      } as CustomerLoyaltyTable,
    );
  }
  return out;
}

/** The customers counted lost and not back. */
export async function openChurn(db: Db, range: Range) {
  const rows = await db
    .selectFrom('churn_records')
    .select(['id', 'customer_id'])
    .where(inRange('customer_id', range))
    .where('returned_month', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.customer_id, r.id]));
}

/**
 * Each customer's loyalty row, inserted or replaced. SQLite: one prepared upsert per row, all in one
 * driver call (run-each.ts; a million rows in the value run's first pass). PostgreSQL: 1,000 rows a
 * statement.
 */
export async function upsertLoyalty(trx: Db, rows: CustomerLoyaltyTable[], dialect: Dialect) {
  if (dialect === 'sqlite') {
    await runEach(
      trx,
      `INSERT INTO customer_loyalty (${LOYALTY_COLUMNS.join(', ')}) VALUES (${LOYALTY_COLUMNS.map(() => '?').join(', ')})
      ON CONFLICT (customer_id) DO UPDATE SET ${LOYALTY_COLUMNS.slice(1)
        .map((c) => `${c} = excluded.${c}`)
        .join(', ')}`,
      rows.map((r) => LOYALTY_COLUMNS.map((c) => r[c])),
    );
    return;
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('customer_loyalty')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc.column('customer_id').doUpdateSet((eb) => ({
          as_of: eb.ref('excluded.as_of'),
          loyalty_index: eb.ref('excluded.loyalty_index'),
          repeat_purchases: eb.ref('excluded.repeat_purchases'),
          price_sensitivity: eb.ref('excluded.price_sensitivity'),
          competitor_attitude: eb.ref('excluded.competitor_attitude'),
          problem_attitude: eb.ref('excluded.problem_attitude'),
          growth: eb.ref('excluded.growth'),
          retention: eb.ref('excluded.retention'),
        })),
      )
      .execute();
  }
}

export async function insertChurn(trx: Db, rows: Insertable<ChurnRecordTable>[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('churn_records')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

export async function markReturned(trx: Db, ids: readonly number[], month: string) {
  for (let i = 0; i < ids.length; i += 5000) {
    await trx
      .updateTable('churn_records')
      .set((eb) => ({ returned_month: month, version: eb('version', '+', 1) }))
      .where('id', 'in', ids.slice(i, i + 5000))
      .execute();
  }
}

// ---- one customer

export function loyaltyOf(db: Db, customerId: number) {
  return db
    .selectFrom('customer_loyalty')
    .selectAll()
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
}

export function assessmentsOf(db: Db, customerId: number) {
  return db
    .selectFrom('loyalty_assessments as l')
    .leftJoin('users as u', 'u.id', 'l.assessed_by')
    .select([
      'l.id',
      'l.price_sensitivity',
      'l.competitor_attitude',
      'l.note',
      'l.assessed_by',
      'l.assessed_at',
      'u.display_name as assessed_by_name',
    ])
    .where('l.customer_id', '=', customerId)
    .orderBy('l.assessed_at', 'desc')
    .orderBy('l.id', 'desc')
    .execute();
}

export async function insertAssessment(trx: Db, row: Insertable<LoyaltyAssessmentTable>) {
  const { id } = await trx
    .insertInto('loyalty_assessments')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Relationship breadth and switching cost (§5 levers). */
export async function leversOf(db: Db, customerId: number, since: string) {
  const [persons, channels, products] = await Promise.all([
    db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('interactions')
      .select('channel')
      .distinct()
      .where('customer_id', '=', customerId)
      .where('occurred_at', '>=', since)
      .orderBy('channel')
      .execute(),
    db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customer_id', '=', customerId)
      .where('closed_on', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    contactPersons: Number(persons.n),
    channelsUsed12m: channels.map((c) => c.channel),
    productsHeld: Number(products.n),
  };
}

export function latestChurnOf(db: Db, customerId: number) {
  return db
    .selectFrom('churn_records')
    .select(['id', 'lost_month', 'cause', 'reason'])
    .where('customer_id', '=', customerId)
    .where('returned_month', 'is', null)
    .orderBy('lost_month', 'desc')
    .executeTakeFirst();
}

/** The dates the customer's products were opened (for repeat purchases). */
export function openedSince(db: Db, customerId: number) {
  return db.selectFrom('accounts').select('opened_on').where('customer_id', '=', customerId).execute();
}

// ---- churn records

/** Churn records of the customers the viewer may see (`r`, joined to `customers`). */
export function visibleChurnRecords(db: Db, viewer: Viewer) {
  return db
    .selectFrom('churn_records as r')
    .innerJoin('customers', 'customers.id', 'r.customer_id')
    .where(customerVisibleTo(viewer));
}

export function churnRecordColumns(query: ReturnType<typeof visibleChurnRecords>) {
  return query
    .leftJoin('users as o', 'o.id', 'customers.owner_id')
    .leftJoin('users as rb', 'rb.id', 'r.recorded_by')
    .select([
      'r.id',
      'r.customer_id',
      'customers.code as customer_code',
      'customers.name as customer_name',
      'customers.owner_id',
      'o.display_name as owner_name',
      'r.lost_month',
      'r.cause',
      'r.evidence_json',
      'r.reason',
      'r.note',
      'r.recorded_by',
      'rb.display_name as recorded_by_name',
      'r.recorded_at',
      'r.returned_month',
      'r.version',
      complaintsBefore.as('complaints_before'),
    ]);
}
export type ChurnRecordRow = Awaited<
  ReturnType<ReturnType<typeof churnRecordColumns>['executeTakeFirstOrThrow']>
>;

export async function updateChurnReason(
  trx: Db,
  id: number,
  version: number,
  set: { reason: string; note: string | null; recorded_by: number; recorded_at: string },
) {
  const r = await trx
    .updateTable('churn_records')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- portfolios

/** Customers of a portfolio: the bank, a branch (its teams' RMs), a team (its RMs) or an RM. */
export function inPortfolio(scope: PortfolioScope, scopeId: number, owner = 'c.owner_id') {
  const o = sql.ref(owner);
  if (scope === 'bank') return sql<boolean>`1 = 1`;
  if (scope === 'rm') return sql<boolean>`${o} = ${scopeId}`;
  if (scope === 'team') return sql<boolean>`${o} IN (SELECT id FROM users WHERE team_id = ${scopeId})`;
  return sql<boolean>`${o} IN (SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id WHERE t.branch_id = ${scopeId})`;
}

export function churnRecordsQuery(db: Db, scope: PortfolioScope, scopeId: number) {
  return db
    .selectFrom('churn_records as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .where(inPortfolio(scope, scopeId));
}

/**
 * Complaints of a lost customer (`r`, a churn record) in the 12 months up to the month it was lost:
 * months compared as text (YYYY-MM), the year before's month built from the record's.
 */
export const complaintsBefore = sql<number>`(SELECT COUNT(*) FROM complaints k WHERE k.customer_id = r.customer_id
  AND k.kind = 'complaint'
  AND substr(k.received_at, 1, 7) >= CAST(CAST(substr(r.lost_month, 1, 4) AS integer) - 1 AS varchar(4)) || substr(r.lost_month, 5)
  AND substr(k.received_at, 1, 7) <= r.lost_month)`;

/**
 * Customers of the portfolio by the month of their first product and the month they closed their last
 * (null: some product still open), value tier and kind — few rows, whatever the bank's size.
 */
export function activeSpans(db: Db, scope: PortfolioScope, scopeId: number) {
  return db
    .selectFrom(
      db
        .selectFrom('customers as c')
        .innerJoin('accounts as a', 'a.customer_id', 'c.id')
        .where(inPortfolio(scope, scopeId))
        .select((eb) => [
          'c.id',
          'c.value_tier',
          'c.kind',
          sql<string>`substr(min(a.opened_on), 1, 7)`.as('first_month'),
          sql<
            string | null
          >`CASE WHEN count(a.closed_on) = count(*) THEN substr(max(a.closed_on), 1, 7) END`.as(
            'closed_month',
          ),
          eb.fn.countAll().as('n'),
        ])
        .groupBy(['c.id', 'c.value_tier', 'c.kind'])
        .as('s'),
    )
    .select((eb) => [
      's.first_month',
      's.closed_month',
      's.value_tier',
      's.kind',
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['s.first_month', 's.closed_month', 's.value_tier', 's.kind'])
    .execute();
}

export function loyaltyFigures(db: Db, scope: PortfolioScope, scopeId: number) {
  const measure = (
    column:
      | 'repeat_purchases'
      | 'price_sensitivity'
      | 'competitor_attitude'
      | 'problem_attitude'
      | 'growth'
      | 'retention',
  ) =>
    [
      sql<number | null>`avg(l.${sql.ref(column)})`.as(`${column}_mean`),
      sql<number>`count(l.${sql.ref(column)})`.as(`${column}_known`),
    ] as const;
  return db
    .selectFrom('customers as c')
    .leftJoin('customer_loyalty as l', 'l.customer_id', 'c.id')
    .where(inPortfolio(scope, scopeId))
    .select((eb) => [
      eb.fn.countAll<number>().as('customers'),
      sql<number>`count(l.loyalty_index)`.as('measured'),
      sql<number | null>`avg(l.loyalty_index)`.as('mean_index'),
      ...measure('repeat_purchases'),
      ...measure('price_sensitivity'),
      ...measure('competitor_attitude'),
      ...measure('problem_attitude'),
      ...measure('growth'),
      ...measure('retention'),
    ])
    .executeTakeFirstOrThrow();
}

export function loyaltyDistribution(db: Db, scope: PortfolioScope, scopeId: number) {
  return db
    .selectFrom('customers as c')
    .innerJoin('customer_loyalty as l', 'l.customer_id', 'c.id')
    .where(inPortfolio(scope, scopeId))
    .where('l.loyalty_index', 'is not', null)
    .select((eb) => [
      sql<number>`CASE WHEN l.loyalty_index >= 1000 THEN 9 ELSE l.loyalty_index / 100 END`.as('bucket'),
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(sql`CASE WHEN l.loyalty_index >= 1000 THEN 9 ELSE l.loyalty_index / 100 END`)
    .execute();
}

/** Customers who complained in the window, and how many of them are not counted lost now. */
export function complainers(db: Db, scope: PortfolioScope, scopeId: number, since: string) {
  return db
    .selectFrom('customers as c')
    .where(inPortfolio(scope, scopeId))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('complaints as k')
          .select('k.id')
          .whereRef('k.customer_id', '=', 'c.id')
          .where('k.kind', '=', 'complaint')
          .where('k.received_at', '>=', since),
      ),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as('complained'),
      sql<number>`sum(CASE WHEN EXISTS (SELECT 1 FROM churn_records r WHERE r.customer_id = c.id AND r.returned_month IS NULL) THEN 0 ELSE 1 END)`.as(
        'stayed',
      ),
    ])
    .executeTakeFirstOrThrow();
}
