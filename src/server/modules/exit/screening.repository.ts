import { sql } from 'kysely';
import type { ExitGroup, ExitRule } from '../../../shared/codes';
import type { Db } from '../../db/database';
import { customerVisibleTo, SEES_ALL, type Viewer } from '../../http/access';

const screeningColumns = [
  'exit_screenings.id',
  'exit_screenings.as_of',
  'exit_screenings.scope',
  'exit_screenings.criteria_version',
  'exit_screenings.started_by',
  'starter.display_name as started_by_name',
  'exit_screenings.started_at',
  'exit_screenings.finished_at',
  'exit_screenings.screened',
  'exit_screenings.candidates',
  'exit_screenings.new_candidates',
  'exit_screenings.insufficient',
] as const;

const selectScreenings = (db: Db) =>
  db
    .selectFrom('exit_screenings')
    .leftJoin('users as starter', 'starter.id', 'exit_screenings.started_by')
    .select(screeningColumns);

export type ScreeningRow = NonNullable<Awaited<ReturnType<typeof findScreening>>>;

export const findScreening = (db: Db, id: number) =>
  selectScreenings(db).where('exit_screenings.id', '=', id).executeTakeFirst();

/** Runs over many customers (a bank or a portfolio), newest first; the single-customer re-screens are left out. */
export const listScreenings = (db: Db, limit: number) =>
  selectScreenings(db)
    .where('exit_screenings.scope', '!=', 'customers')
    .orderBy('exit_screenings.id', 'desc')
    .limit(limit)
    .execute();

/** The last finished whole-bank run. */
export const lastBankScreening = (db: Db) =>
  selectScreenings(db)
    .where('exit_screenings.scope', '=', 'bank')
    .where('exit_screenings.finished_at', 'is not', null)
    .orderBy('exit_screenings.id', 'desc')
    .limit(1)
    .executeTakeFirst();

export interface CandidateFilter {
  rule?: ExitRule;
  group?: ExitGroup;
  status?: string;
  since?: string;
  q?: string;
  ownerId?: number;
  customerId?: number;
}

/**
 * The queue's rows the filter keeps, from exit_candidates alone: what narrows by customer (visibility,
 * owner, a name or code fragment) is a subquery on the customer's id, left out for a viewer who sees
 * every customer and asks for no such filter — so counting a bank-wide queue reads only the queue.
 */
function candidates(db: Db, viewer: Viewer, f: CandidateFilter, withRule: boolean) {
  let q = db.selectFrom('exit_candidates');
  if (withRule && f.rule) q = q.where('exit_candidates.rules', 'like', `% ${f.rule} %`);
  if (withRule && f.group) q = q.where('exit_candidates.rules', 'like', `% ${f.group}.%`);
  if (f.status) q = q.where('exit_candidates.status', '=', f.status);
  if (f.since) q = q.where('exit_candidates.since', '>=', f.since);
  if (f.customerId !== undefined) q = q.where('exit_candidates.customer_id', '=', f.customerId);
  if (SEES_ALL.includes(viewer.role) && !f.q && f.ownerId === undefined) return q;
  let owners = db.selectFrom('customers').select('customers.id').where(customerVisibleTo(viewer));
  if (f.ownerId !== undefined) owners = owners.where('customers.owner_id', '=', f.ownerId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    owners = owners.where((eb) =>
      eb.or([
        eb('customers.name', 'like', sql<string>`${like} escape '\\'`),
        eb('customers.code', 'like', sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  return q.where('exit_candidates.customer_id', 'in', owners);
}

export async function listCandidates(
  db: Db,
  viewer: Viewer,
  f: CandidateFilter,
  page: number,
  pageSize: number,
) {
  const filtered = candidates(db, viewer, f, true);
  const [rows, count] = await Promise.all([
    filtered
      .innerJoin('customers', 'customers.id', 'exit_candidates.customer_id')
      .leftJoin('users as owner', 'owner.id', 'customers.owner_id')
      .leftJoin('users as decider', 'decider.id', 'exit_candidates.status_by')
      .select((eb) => [
        'customers.id as customer_id',
        'customers.code',
        'customers.name',
        'customers.kind',
        'customers.industry',
        'customers.credit_grade',
        'customers.loan_class',
        'customers.owner_id',
        'owner.display_name as owner_name',
        'exit_candidates.since',
        'exit_candidates.screening_id',
        'exit_candidates.result_json',
        'exit_candidates.status',
        'exit_candidates.status_note',
        'exit_candidates.status_by',
        'decider.display_name as status_by_name',
        'exit_candidates.status_at',
        'exit_candidates.version',
        eb
          .selectFrom('exit_plans')
          .select((p) => p.fn.max('exit_plans.id').as('id'))
          .whereRef('exit_plans.customer_id', '=', 'exit_candidates.customer_id')
          .as('plan_id'),
      ])
      // (since, customer_id) is an index: the page is read in its order.
      .orderBy('exit_candidates.since', 'desc')
      .orderBy('exit_candidates.customer_id', 'asc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type CandidateRow = Awaited<ReturnType<typeof listCandidates>>['rows'][number];

/** How many candidates the filter keeps, before it picks a rule, by their set of rules. */
export function candidateRuleSets(db: Db, viewer: Viewer, f: CandidateFilter) {
  return candidates(db, viewer, f, false)
    .select(['exit_candidates.rules', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('exit_candidates.rules')
    .execute();
}

export const findCandidate = (db: Db, customerId: number) =>
  db.selectFrom('exit_candidates').selectAll().where('customer_id', '=', customerId).executeTakeFirst();

export async function updateCandidateStatus(
  db: Db,
  customerId: number,
  version: number,
  set: { status: string; status_note: string | null; status_by: number; status_at: string },
) {
  const res = await db
    .updateTable('exit_candidates')
    .set({ ...set, version: version + 1 })
    .where('customer_id', '=', customerId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A plan under way for the customer marks its candidate `planned`; a plan that ended opens it again. */
export async function markCandidatePlanned(db: Db, customerId: number, planned: boolean) {
  await db
    .updateTable('exit_candidates')
    .set((eb) => ({ status: planned ? 'planned' : 'open', version: eb('version', '+', 1) }))
    .where('customer_id', '=', customerId)
    .where('status', planned ? '!=' : '=', 'planned')
    .execute();
}

/** Ids of the customers in the list that the viewer may see. */
export async function visibleIds(db: Db, viewer: Viewer, ids: readonly number[]) {
  const seen = new Set<number>();
  for (let i = 0; i < ids.length; i += 2_000) {
    const rows = await db
      .selectFrom('customers')
      .select('customers.id')
      .where('customers.id', 'in', ids.slice(i, i + 2_000) as number[])
      .where(customerVisibleTo(viewer))
      .execute();
    for (const r of rows) seen.add(r.id);
  }
  return seen;
}
