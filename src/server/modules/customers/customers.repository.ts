import { type ExpressionBuilder, sql, type Updateable } from 'kysely';
import { bigrams, escapeLike, normalizeForSearch } from '../../../domain/name-search';
import { needMask } from '../../../shared/codes';
import type { CustomerListQuery } from '../../../shared/schemas/customer';
import { bulkInsert } from '../../db/bulk-insert';
import type { CustomerTable, DB, Db, NewCustomerRow } from '../../db/database';
import { scopeToViewer, type Viewer } from '../../http/access';

const SORT_COLUMNS = {
  code: 'customers.code',
  name: 'customers.name',
  createdAt: 'customers.id',
  updatedAt: 'customers.updated_at',
  tier: 'customers.tier',
  lifecycleStage: 'customers.lifecycle_stage',
  creditGrade: 'customers.credit_grade',
  realizedValue: 'customers.realized_value',
  potentialValue: 'customers.potential_value',
  modelValue: 'customers.model_value',
} as const;
/** Computed figures are missing until the first value run: those customers come last either way. */
const NULLABLE_SORTS = new Set(['realizedValue', 'potentialValue', 'modelValue']);

/**
 * The search box: a name fragment, or exactly a customer code, phone number or ID number. One IN over
 * a UNION of the matching ids rather than an OR of an IN and equalities: PostgreSQL cannot use an
 * index for that OR and scanned every customer; this way each branch reads its own index (bench/).
 */
function matchesSearch(q: string) {
  const normalized = normalizeForSearch(q);
  const grams = bigrams(normalized);
  const exact = q.trim();
  const contains = sql<string>`${`%${escapeLike(normalized)}%`} escape '\\'`;
  return (eb: ExpressionBuilder<DB, 'customers'>) => {
    const withGram = (gram: string) =>
      eb
        .selectFrom('customer_name_grams')
        .select('customer_name_grams.customer_id as id')
        .where('gram', '=', gram);
    const byName =
      grams.length === 0
        ? eb.selectFrom('customers as named').select('named.id').where('named.search_name', 'like', contains)
        : grams.length === 1
          ? withGram(grams[0]!)
          : eb
              .selectFrom('customers as named')
              .select('named.id')
              .where(
                'named.id',
                'in',
                grams.slice(1).reduce((acc, gram) => acc.intersect(withGram(gram)), withGram(grams[0]!)),
              )
              .where('named.search_name', 'like', contains);
    const byIdentifier = eb
      .selectFrom('customers as exact')
      .select('exact.id')
      .where((x) =>
        x.or([
          x('exact.code', '=', exact.toUpperCase()),
          x('exact.phone', '=', exact.replace(/[\s-]/g, '')),
          x('exact.id_number', '=', exact.toUpperCase()),
        ]),
      );
    return eb('customers.id', 'in', byIdentifier.union(byName));
  };
}

function filtered(db: Db, viewer: Viewer, query: CustomerListQuery) {
  let q = scopeToViewer(db.selectFrom('customers'), viewer);
  if (query.q) q = q.where(matchesSearch(query.q));
  if (query.kind) q = q.where('customers.kind', '=', query.kind);
  if (query.tier) q = q.where('customers.tier', '=', query.tier);
  if (query.lifecycleStage) q = q.where('customers.lifecycle_stage', '=', query.lifecycleStage);
  if (query.valueTier) q = q.where('customers.value_tier', '=', query.valueTier);
  if (query.industry) {
    const industry = query.industry;
    // A section letter matches its divisions too: C finds C13 … C43.
    q =
      industry.length === 1
        ? q.where((eb) =>
            eb.or([
              eb('customers.industry', '=', industry),
              eb('customers.industry', 'like', `${industry}%`),
            ]),
          )
        : q.where('customers.industry', '=', industry);
  }
  if (query.ownerId === 'none') q = q.where('customers.owner_id', 'is', null);
  else if (query.ownerId) q = q.where('customers.owner_id', '=', query.ownerId);
  if (query.needTag) {
    const bit = needMask([query.needTag]);
    q = q.where(sql<boolean>`(customers.need_mask & ${bit}) <> 0`);
  }
  if (query.creditGrade) q = q.where('customers.credit_grade', '=', query.creditGrade);
  if (query.loanClass) q = q.where('customers.loan_class', '=', query.loanClass);
  return q;
}

/** The columns of a customer in a list (and in an export of that list). */
export const summaryColumns = [
  'customers.id',
  'customers.code',
  'customers.name',
  'customers.kind',
  'customers.tier',
  'customers.lifecycle_stage',
  'customers.value_tier',
  'customers.industry',
  'customers.region_name',
  'customers.credit_grade',
  'customers.loan_class',
  'customers.need_mask',
  'customers.owner_id',
  'customers.id_number',
  'customers.phone',
  'customers.updated_at',
  'customers.version',
  'customers.realized_value',
  'customers.potential_value',
  'customers.model_value',
] as const;

export async function listCustomers(db: Db, viewer: Viewer, query: CustomerListQuery) {
  const sortColumn = SORT_COLUMNS[query.sort];
  const rows = await filtered(db, viewer, query)
    .leftJoin('users as owner', 'owner.id', 'customers.owner_id')
    .select([...summaryColumns, 'owner.display_name as owner_name'])
    .orderBy(
      NULLABLE_SORTS.has(query.sort)
        ? sql`${sql.ref(sortColumn)} ${sql.raw(query.order === 'asc' ? 'asc' : 'desc')} nulls last`
        : sql`${sql.ref(sortColumn)} ${sql.raw(query.order === 'asc' ? 'asc' : 'desc')}`,
    )
    .orderBy('customers.id', query.order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const { total } = await filtered(db, viewer, query)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

export type CustomerSummaryRow = Awaited<ReturnType<typeof listCustomers>>['rows'][number];

/** The customer if the viewer may see it; undefined both when it is missing and when it is not theirs. */
export function findVisibleCustomer(db: Db, viewer: Viewer, id: number) {
  return scopeToViewer(db.selectFrom('customers'), viewer)
    .leftJoin('users as owner', 'owner.id', 'customers.owner_id')
    .selectAll('customers')
    .select('owner.display_name as owner_name')
    .where('customers.id', '=', id)
    .executeTakeFirst();
}

/** Unscoped: only for a service that has already checked access, or created the row itself. */
export function findCustomerById(db: Db, id: number) {
  return db
    .selectFrom('customers')
    .leftJoin('users as owner', 'owner.id', 'customers.owner_id')
    .selectAll('customers')
    .select('owner.display_name as owner_name')
    .where('customers.id', '=', id)
    .executeTakeFirst();
}

export type CustomerWithOwner = NonNullable<Awaited<ReturnType<typeof findVisibleCustomer>>>;

export function findCustomerIdByCode(db: Db, code: string) {
  return db.selectFrom('customers').select('id').where('code', '=', code).executeTakeFirst();
}

export function findCustomerIdByIdNumber(db: Db, idNumber: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'code'])
    .where('id_number', '=', idNumber)
    .executeTakeFirst();
}

export async function insertCustomer(db: Db, row: Omit<NewCustomerRow, 'search_name'>) {
  const search_name = normalizeForSearch(row.name);
  const { id } = await db
    .insertInto('customers')
    .values({ ...row, search_name })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertNameGrams(db, id, search_name);
  return id;
}

async function insertNameGrams(db: Db, customerId: number, searchName: string) {
  const grams = bigrams(searchName);
  if (grams.length > 0) {
    await db
      .insertInto('customer_name_grams')
      .values(grams.map((gram) => ({ gram, customer_id: customerId })))
      .execute();
  }
}

/** Updates when the version still matches, keeping the name index in step; answers whether it did. */
export async function updateCustomer(
  db: Db,
  id: number,
  expectedVersion: number,
  set: Omit<Updateable<CustomerTable>, 'search_name' | 'version'>,
) {
  const search_name = set.name === undefined ? undefined : normalizeForSearch(set.name);
  const result = await db
    .updateTable('customers')
    .set({ ...set, ...(search_name ? { search_name } : {}), version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  if (search_name !== undefined) {
    await db.deleteFrom('customer_name_grams').where('customer_id', '=', id).execute();
    await insertNameGrams(db, id, search_name);
  }
  return true;
}

export function listShares(db: Db, customerId: number) {
  return db
    .selectFrom('customer_shares')
    .innerJoin('users', 'users.id', 'customer_shares.user_id')
    .select(['users.id', 'users.display_name'])
    .where('customer_shares.customer_id', '=', customerId)
    .orderBy('users.display_name')
    .execute();
}

/** The prospect this customer was converted from (DOMAIN §4), if any. */
export function convertedFrom(db: Db, customerId: number) {
  return db
    .selectFrom('prospects')
    .select(['id', 'code'])
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertShare(db: Db, customerId: number, userId: number, by: number, now: string) {
  await db
    .insertInto('customer_shares')
    .values({ customer_id: customerId, user_id: userId, created_by: by, created_at: now })
    .onConflict((oc) => oc.columns(['customer_id', 'user_id']).doNothing())
    .execute();
}

export async function deleteShare(db: Db, customerId: number, userId: number) {
  const result = await db
    .deleteFrom('customer_shares')
    .where('customer_id', '=', customerId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export function listLifecycleHistory(db: Db, customerId: number) {
  return db
    .selectFrom('lifecycle_history')
    .leftJoin('users', 'users.id', 'lifecycle_history.changed_by')
    .select([
      'lifecycle_history.id',
      'lifecycle_history.stage',
      'lifecycle_history.previous_stage',
      'lifecycle_history.manual',
      'lifecycle_history.reason',
      'lifecycle_history.changed_at',
      'lifecycle_history.as_of',
      'lifecycle_history.evidence_json',
      'users.display_name as changed_by_name',
    ])
    .where('lifecycle_history.customer_id', '=', customerId)
    .orderBy('lifecycle_history.id', 'desc')
    .execute();
}

export async function insertLifecycleHistory(
  db: Db,
  entry: {
    customerId: number;
    stage: string;
    previousStage: string | null;
    manual: boolean;
    reason: string | null;
    by: number | null;
    at: string;
  },
) {
  await db
    .insertInto('lifecycle_history')
    .values({
      customer_id: entry.customerId,
      stage: entry.stage,
      previous_stage: entry.previousStage,
      manual: entry.manual ? 1 : 0,
      reason: entry.reason,
      changed_by: entry.by,
      changed_at: entry.at,
    })
    .execute();
}

export function findActiveUser(db: Db, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'team_id', 'display_name'])
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
}

/**
 * Many new customers at once (imports), keeping the name index in step as `insertCustomer` does:
 * answers their ids by code. Statements stay under both dialects' parameter caps (SQLite 32,766).
 */
export async function insertCustomers(db: Db, rows: Omit<NewCustomerRow, 'search_name'>[]) {
  const values = rows.map((row) => ({ ...row, search_name: normalizeForSearch(row.name) }));
  const ids = new Map<string, number>();
  for (const r of await bulkInsert(db, 'customers', values, ['id', 'code'])) ids.set(r.code, r.id);
  const grams: { gram: string; customer_id: number }[] = [];
  for (const v of values) {
    const customer_id = ids.get(v.code)!;
    for (const gram of bigrams(v.search_name)) grams.push({ gram, customer_id });
  }
  await bulkInsert(db, 'customer_name_grams', grams);
  return ids;
}

/** The customers the viewer may see that pass the list's filters, to select from (exports). */
export function customersMatching(
  db: Db,
  viewer: Viewer,
  query: Omit<CustomerListQuery, 'page' | 'pageSize'>,
) {
  return filtered(db, viewer, { ...query, page: 1, pageSize: 1 });
}
