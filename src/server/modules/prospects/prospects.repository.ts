import { type Insertable, sql, type Updateable } from 'kysely';
import { escapeLike, normalizeForSearch } from '../../../domain/name-search';
import { OPEN_STAGES } from '../../../domain/pipeline';
import { nameLookupGrams, pairsToLookUp } from '../../../domain/prospect-duplicates';

import type { BoardQuery, ProspectListQuery } from '../../../shared/schemas/prospect';
import type { Db, ProspectTable, ProspectTacticTable } from '../../db/database';
import { pageOf } from '../../db/paging';
import { customerVisibleTo, prospectVisibleTo, type Viewer } from '../../http/access';

// All SQL of prospects. Every read of prospects is narrowed by `prospectVisibleTo` (ARCHITECTURE
// rule 4): one the viewer may not see is not found.

/** A character pair's frequency is counted up to this many names. */
const GRAM_PROBE = 1000;

function withOwner(db: Db) {
  return db
    .selectFrom('prospects')
    .leftJoin('users as owner', 'owner.id', 'prospects.owner_id')
    .selectAll('prospects')
    .select(['owner.display_name as owner_name']);
}

export type ProspectWithOwner = Awaited<ReturnType<typeof findVisibleProspect>> & object;

export function findVisibleProspect(db: Db, viewer: Viewer, id: number) {
  return withOwner(db).where('prospects.id', '=', id).where(prospectVisibleTo(viewer)).executeTakeFirst();
}

function filtered(db: Db, viewer: Viewer, query: Omit<Partial<ProspectListQuery>, 'page' | 'pageSize'>) {
  let q = withOwner(db).where(prospectVisibleTo(viewer)).where('prospects.merged_into_id', 'is', null);
  if (query.status === 'open') q = q.where('prospects.status', 'in', OPEN_STAGES);
  else if (query.status) q = q.where('prospects.status', '=', query.status);
  if (query.source) q = q.where('prospects.source', '=', query.source);
  if (query.kind) q = q.where('prospects.kind', '=', query.kind);
  if (query.ownerId !== undefined) q = q.where('prospects.owner_id', '=', query.ownerId);
  if (query.minFit !== undefined) q = q.where('prospects.fit_score', '>=', query.minFit);
  if (query.q) {
    const text = query.q;
    const contains = sql<string>`${`%${escapeLike(normalizeForSearch(text))}%`} escape '\\'`;
    q = q.where((eb) =>
      eb.or([
        eb('prospects.search_name', 'like', contains),
        eb('prospects.code', '=', text),
        eb('prospects.id_number', '=', text.toUpperCase()),
      ]),
    );
  }
  return q;
}

const SORT_COLUMNS = {
  updatedAt: 'prospects.updated_at',
  createdAt: 'prospects.created_at',
  name: 'prospects.search_name',
  fitScore: 'prospects.fit_score',
  stageEnteredAt: 'prospects.stage_entered_at',
} as const;

export function listProspects(db: Db, viewer: Viewer, query: ProspectListQuery) {
  const column = SORT_COLUMNS[query.sort];
  // Every sort column is set on every prospect (the fit is scored at creation), so the order reads
  // straight from an index.
  return pageOf(
    filtered(db, viewer, query),
    (x) => x.orderBy(column, query.order).orderBy('prospects.id', query.order),
    query.page,
    query.pageSize,
  );
}

/**
 * Per status: how many, and the best-fitting few (the kanban board). One small query a status, each
 * reading the (status, fit) index from its best end, rather than ranking every prospect of the bank.
 */
export async function board(db: Db, viewer: Viewer, query: BoardQuery, statuses: readonly string[]) {
  const base = filtered(db, viewer, query);
  const [counts, ...columns] = await Promise.all([
    base
      .clearSelect()
      .select(['prospects.status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('prospects.status')
      .execute(),
    ...statuses.map((status) =>
      base
        .where('prospects.status', '=', status)
        .orderBy('prospects.fit_score', 'desc')
        .orderBy('prospects.id', 'desc')
        .limit(query.perStage)
        .execute(),
    ),
  ]);
  return { counts, columns };
}

export async function insertProspect(db: Db, row: Insertable<ProspectTable>) {
  const { id } = await db.insertInto('prospects').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates when the version still matches, moving it on; answers whether it did. */
export async function updateProspect(
  db: Db,
  id: number,
  expectedVersion: number,
  set: Omit<Updateable<ProspectTable>, 'id' | 'version'>,
) {
  const result = await db
    .updateTable('prospects')
    .set({ ...set, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const findProspectIdByCode = (db: Db, code: string) =>
  db.selectFrom('prospects').select('id').where('code', '=', code).executeTakeFirst();

export async function insertHistory(
  db: Db,
  row: {
    prospect_id: number;
    from_status: string | null;
    to_status: string;
    reason?: string | null;
    note?: string | null;
    changed_by: number | null;
    changed_at: string;
  },
) {
  await db
    .insertInto('prospect_stage_history')
    .values({ reason: null, note: null, ...row })
    .execute();
}

export function listHistory(db: Db, prospectId: number) {
  return db
    .selectFrom('prospect_stage_history as h')
    .leftJoin('users', 'users.id', 'h.changed_by')
    .selectAll('h')
    .select('users.display_name as changed_by_name')
    .where('h.prospect_id', '=', prospectId)
    .orderBy('h.changed_at')
    .orderBy('h.id')
    .execute();
}

export async function insertTactic(db: Db, row: Insertable<ProspectTacticTable>) {
  const { id } = await db
    .insertInto('prospect_tactics')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function listTactics(db: Db, viewer: Viewer, prospectId: number) {
  return db
    .selectFrom('prospect_tactics as t')
    .leftJoin('users', 'users.id', 't.created_by')
    .leftJoin('customers', (join) =>
      join.onRef('customers.id', '=', 't.related_customer_id').on(customerVisibleTo(viewer)),
    )
    .selectAll('t')
    .select([
      'users.display_name as created_by_name',
      'customers.code as related_code',
      'customers.name as related_name',
    ])
    .where('t.prospect_id', '=', prospectId)
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
}

/** What the pipeline's entry rules read besides the prospect itself, and the counts shown with it. */
export async function factsOf(db: Db, prospectId: number) {
  const [interactions, plans, tasks] = await Promise.all([
    db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('prospect_id', '=', prospectId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('visit_plans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('prospect_id', '=', prospectId)
      .where('status', '!=', 'cancelled')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('prospect_id', '=', prospectId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow(),
  ]);
  return { interactions: Number(interactions.n), visitPlans: Number(plans.n), openTasks: Number(tasks.n) };
}

/** The other prospects and the customers with this ID number. */
export async function sameIdNumber(db: Db, idNumber: string, exceptProspectId: number | null) {
  const [prospects, customers] = await Promise.all([
    db
      .selectFrom('prospects')
      .select(['id', 'code', 'name', 'region_name', 'owner_id'])
      .where('id_number', '=', idNumber)
      .where('merged_into_id', 'is', null)
      .where('customer_id', 'is', null)
      .$if(exceptProspectId !== null, (q) => q.where('id', '!=', exceptProspectId!))
      .execute(),
    db
      .selectFrom('customers')
      .select(['id', 'code', 'name', 'region_name'])
      .where('id_number', '=', idNumber)
      .execute(),
  ]);
  return { prospects, customers };
}

/**
 * Prospects and customers of the region that may have a very similar name: the candidates the
 * similarity rule then judges. Customers are found through their name index by enough of the name's
 * rarest character pairs that none is missed (`pairsToLookUp`).
 */
export async function similarNameCandidates(
  db: Db,
  name: string,
  regionCode: string,
  exceptProspectId: number | null,
) {
  const prospects = await db
    .selectFrom('prospects')
    .select(['id', 'code', 'name', 'region_name'])
    .where('region_code', '=', regionCode)
    .where('merged_into_id', 'is', null)
    .where('customer_id', 'is', null)
    .$if(exceptProspectId !== null, (q) => q.where('id', '!=', exceptProspectId!))
    .execute();
  const grams = nameLookupGrams(name);
  if (grams.length === 0) return { prospects, customers: [] };
  // The rarest pairs find the fewest candidates; how rare each is, is counted up to a cap so that a
  // pair every tenth company has (the city, 贸易) costs no more than a rare one.
  const frequencies = await Promise.all(
    grams.map(async (gram) => {
      const row = await db
        .selectFrom(
          db
            .selectFrom('customer_name_grams')
            .select('gram')
            .where('gram', '=', gram)
            .limit(GRAM_PROBE)
            .as('g'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { gram, n: Number(row.n) };
    }),
  );
  const rarest = frequencies
    .sort((a, b) => a.n - b.n)
    .slice(0, pairsToLookUp(grams.length))
    .map((f) => f.gram);
  const customers = await db
    .selectFrom('customers')
    .select(['customers.id', 'customers.code', 'customers.name', 'customers.region_name'])
    .where('customers.region_code', '=', regionCode)
    .where(
      'customers.id',
      'in',
      db.selectFrom('customer_name_grams').select('customer_id').where('gram', 'in', rarest),
    )
    .execute();
  return { prospects, customers };
}

export const isCustomerVisible = async (db: Db, viewer: Viewer, id: number) =>
  (await db
    .selectFrom('customers')
    .select('id')
    .where('id', '=', id)
    .where(customerVisibleTo(viewer))
    .executeTakeFirst()) !== undefined;

export const isProspectVisible = async (db: Db, viewer: Viewer, id: number) =>
  (await db
    .selectFrom('prospects')
    .select('id')
    .where('id', '=', id)
    .where(prospectVisibleTo(viewer))
    .executeTakeFirst()) !== undefined;

export function findCustomerRef(db: Db, id: number) {
  return db.selectFrom('customers').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst();
}

export function findProspectRef(db: Db, id: number) {
  return db
    .selectFrom('prospects')
    .select([
      'id',
      'code',
      'name',
      'customer_id',
      'referrer_kind',
      'referrer_customer_id',
      'referrer_prospect_id',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findContactRef(db: Db, id: number) {
  return db
    .selectFrom('contacts')
    .select(['id', 'name', 'customer_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Who introduced a customer: the referral links pointing at it, and the prospect it was converted from. */
export async function introducersOfCustomer(db: Db, customerId: number) {
  const [links, converted] = await Promise.all([
    db
      .selectFrom('customer_links')
      .select('from_customer_id')
      .where('to_customer_id', '=', customerId)
      .where('kind', '=', 'referral')
      .execute(),
    db
      .selectFrom('prospects')
      .select(['referrer_customer_id', 'referrer_prospect_id'])
      .where('customer_id', '=', customerId)
      .execute(),
  ]);
  return { links: links.map((l) => l.from_customer_id), converted };
}

// Ideal customer profiles -----------------------------------------------------------------------

export function currentProfile(db: Db) {
  return db
    .selectFrom('ideal_customer_profiles as p')
    .leftJoin('users', 'users.id', 'p.created_by')
    .selectAll('p')
    .select('users.display_name as created_by_name')
    .orderBy('p.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listProfiles(db: Db) {
  return db
    .selectFrom('ideal_customer_profiles as p')
    .leftJoin('users', 'users.id', 'p.created_by')
    .selectAll('p')
    .select('users.display_name as created_by_name')
    .orderBy('p.version', 'desc')
    .execute();
}

export async function insertProfile(
  db: Db,
  row: { version: number; profile_json: string; reason: string; created_by: number; created_at: string },
) {
  await db.insertInto('ideal_customer_profiles').values(row).execute();
}

/** The prospects still in the pipeline, whose fit follows the profile. */
export function openProspectsForScoring(db: Db) {
  return db
    .selectFrom('prospects')
    .select([
      'id',
      'kind',
      'industry',
      'region_code',
      'size',
      'annual_revenue',
      'financial_assets',
      'established_on',
      'credit_grade',
      'cooperation',
    ])
    .where('status', 'in', OPEN_STAGES)
    .where('merged_into_id', 'is', null)
    .execute();
}

export async function setFit(
  db: Db,
  id: number,
  fit: { fit_score: number; fit_restricted: number; fit_json: string; fit_profile_version: number },
) {
  await db.updateTable('prospects').set(fit).where('id', '=', id).execute();
}

/** Moves a prospect's contact records, visit plans and tasks to a customer (conversion, merge). */
export async function repointSubject(
  db: Db,
  prospectId: number,
  to: { customerId: number } | { prospectId: number },
) {
  const set =
    'customerId' in to
      ? { customer_id: to.customerId, prospect_id: null }
      : { customer_id: null, prospect_id: to.prospectId };
  for (const table of ['interactions', 'visit_plans', 'tasks'] as const) {
    await db.updateTable(table).set(set).where('prospect_id', '=', prospectId).execute();
  }
}

/** The prospects a merged duplicate had introduced are introduced by the record it was merged into. */
export async function repointReferrals(
  db: Db,
  prospectId: number,
  into: { kind: 'prospect' | 'customer'; id: number },
) {
  await db
    .updateTable('prospects')
    .set(
      into.kind === 'prospect'
        ? { referrer_prospect_id: into.id }
        : { referrer_kind: 'customer', referrer_customer_id: into.id, referrer_prospect_id: null },
    )
    .where('referrer_prospect_id', '=', prospectId)
    .execute();
}
