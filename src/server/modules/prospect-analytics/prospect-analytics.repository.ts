import { type Expression, type QueryCreator, type RawBuilder, sql } from 'kysely';
import { PIPELINE_STAGES, type PipelineStage, stageIndex } from '../../../domain/pipeline';
import { WAITING_STAGES } from '../../../domain/pipeline-analytics';
import type { Dialect } from '../../db/connect';
import type { DB, Db } from '../../db/database';
import { customerVisibleTo, prospectVisibleTo, scopeToViewer, type Viewer } from '../../http/access';

// All Kysely code of the pipeline analytics and the referral network. Every query is narrowed by the
// viewer's scope (access.ts): prospects by `prospectVisibleTo`, customers by `scopeToViewer`, a
// contact person by the customer it belongs to. Merged duplicates are never counted.

export interface AnalyticsFilter {
  fromAt: string;
  toAt: string;
  ownerId?: number | undefined;
  teamId?: number | undefined;
  source?: string | undefined;
}

/** The prospects the viewer sees that were created in the period and match the filter. */
function prospectsInPeriod(qb: QueryCreator<DB>, viewer: Viewer, f: AnalyticsFilter) {
  let q = qb
    .selectFrom('prospects')
    .where(prospectVisibleTo(viewer))
    .where('prospects.merged_into_kind', 'is', null)
    .where('prospects.created_at', '>=', f.fromAt)
    .where('prospects.created_at', '<', f.toAt);
  if (f.ownerId !== undefined) q = q.where('prospects.owner_id', '=', f.ownerId);
  if (f.teamId !== undefined) {
    const teamId = f.teamId;
    q = q.where('prospects.owner_id', 'in', (eb) =>
      eb.selectFrom('users').select('users.id').where('users.team_id', '=', teamId),
    );
  }
  if (f.source !== undefined) q = q.where('prospects.source', '=', f.source);
  return q;
}

// ------------------------------------------------------------------------------------------------
// The pipeline's figures, aggregated in SQL (one statement, a few hundred rows whatever the bank's
// size). The rules are those of domain/pipeline.ts and domain/pipeline-analytics.ts, written here as
// SQL expressions; the API tests hold the two together on both dialects.

/**
 * A status's position in PIPELINE_STAGES, -1 for `disqualified` (or a code this version does not
 * know): the order `furthestStage` reads, so a prospect's furthest stage is the maximum over its
 * history and its current status.
 */
export function stageRank(status: Expression<string>): RawBuilder<number> {
  const whens = PIPELINE_STAGES.map((s, i) => sql`when ${sql.lit(s)} then ${sql.lit(i)}`);
  return sql<number>`case ${status} ${sql.join(whens, sql` `)} else -1 end`;
}

/** The stage at a position of `stageRank`; null for -1 (no stage reached). */
export const stageAtRank = (rank: number): PipelineStage | null => PIPELINE_STAGES[rank] ?? null;

/** An ISO instant (text) as milliseconds since the epoch; exact to the millisecond on both dialects. */
function epochMs(dialect: Dialect, instant: Expression<string | null>): RawBuilder<number> {
  return dialect === 'sqlite'
    ? sql<number>`cast(round((julianday(${instant}) - 2440587.5) * 86400000) as integer)`
    : sql<number>`cast(extract(epoch from cast(${instant} as timestamptz)) * 1000 as bigint)`;
}

/** The larger of two values that are never null (SQLite's `max` with two arguments is not the aggregate). */
function larger(
  dialect: Dialect,
  a: Expression<number | null>,
  b: Expression<number | null>,
): RawBuilder<number> {
  return dialect === 'sqlite' ? sql<number>`max(${a}, ${b})` : sql<number>`greatest(${a}, ${b})`;
}

/** The smaller of two values that are never null. */
function smaller(
  dialect: Dialect,
  a: Expression<number | null>,
  b: Expression<number | null>,
): RawBuilder<number> {
  return dialect === 'sqlite' ? sql<number>`min(${a}, ${b})` : sql<number>`least(${a}, ${b})`;
}

/** The exact median of a column over a group (the mean of the two middle values for an even count). */
function medianOf(dialect: Dialect, value: Expression<number | null>): RawBuilder<number | null> {
  // better-sqlite3 builds SQLite with its percentile extension (SQLITE_ENABLE_PERCENTILE).
  return dialect === 'sqlite'
    ? sql<number | null>`median(${value})`
    : sql<number | null>`percentile_cont(0.5) within group (order by ${value})`;
}

/** Which month of the period an instant falls in: the index of the last start not after it (a search tree). */
function monthIndex(
  instant: Expression<string>,
  starts: readonly string[],
  lo = 0,
  hi = starts.length - 1,
): RawBuilder<number> {
  if (lo >= hi) return sql<number>`${sql.lit(lo)}`;
  const mid = Math.ceil((lo + hi) / 2);
  return sql<number>`case when ${instant} < ${starts[mid]!} then ${monthIndex(instant, starts, lo, mid - 1)} else ${monthIndex(instant, starts, mid, hi)} end`;
}

const nullInt = sql<number | null>`cast(null as integer)`;
const nullText = sql<string | null>`cast(null as varchar(200))`;
const nullReal = sql<number | null>`cast(null as double precision)`;
const asReal = (e: Expression<unknown>) => sql<number | null>`cast(${e} as double precision)`;

export interface PipelineFigureQuery extends AnalyticsFilter {
  /** The moment a stay still open counts up to, in milliseconds since the epoch. */
  asOfMs: number;
  /** The first instant of each month of the period, in order. */
  monthStarts: readonly string[];
}

/**
 * The period's prospects counted by their furthest stage, per owner (with the owner's name and
 * current team), per source, month and current disqualification, with the median days to establish
 * per source and, per waiting stage, the prospects that stayed in it, their total and median stay.
 *
 * Per prospect, from its stage history ordered by (changed_at, id): the furthest stage is the highest
 * `stageRank` of its statuses and its current status; a stay runs from a change to the next one (the
 * last one to `asOfMs`), never below 0, and the stays of one prospect in one stage add up; days to
 * establish run from the first change to the first entry into `established` or `product_followup`.
 */
export async function pipelineFigures(db: Db, dialect: Dialect, viewer: Viewer, q: PipelineFigureQuery) {
  const rows = await pipelineFiguresQuery(db, dialect, viewer, q).execute();
  const of = (kind: Kind) => rows.filter((r) => r.kind === kind);
  return {
    /** Per owner and furthest stage (-1: none): the prospects, the first one's id, the owner's team. */
    owners: of('owner').map((r) => ({
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      teamId: r.team_id,
      teamName: r.team_name,
      furthest: r.furthest!,
      prospects: r.prospects,
      firstId: r.first_id!,
    })),
    /** Per source, month (index into the period's months), furthest stage and disqualified now. */
    cohorts: of('cohort').map((r) => ({
      source: r.code!,
      month: r.month!,
      furthest: r.furthest!,
      disqualified: r.disqualified === 1,
      prospects: r.prospects,
    })),
    /** Per source: the prospects established, and the median milliseconds it took them. */
    won: of('won').map((r) => ({ source: r.code!, prospects: r.prospects, medianMs: r.median_ms })),
    /** Per waiting stage: the prospects that stayed in it, their total and median milliseconds. */
    stages: of('stage').map((r) => ({
      stage: r.code as PipelineStage,
      prospects: r.prospects,
      totalMs: r.total_ms ?? 0,
      medianMs: r.median_ms,
    })),
  };
}

type Kind = 'owner' | 'cohort' | 'won' | 'stage';

/** The statuses whose first entry the pivot keeps: the stages in order, then `disqualified`. */
const PIVOT_STATUSES = [...PIPELINE_STAGES, 'disqualified'] as const;

/**
 * The one statement of `pipelineFigures` (the benchmark runs it raw): rows of four kinds.
 *
 * Each prospect's history is read once, in one pass with the prospect (no window, no sort): the
 * number of changes and, per status, when it was first entered. That alone gives the furthest stage
 * and the days to establish. It gives the stays too when the history is a plain march forward (each
 * status once, each later than the one before, a disqualification last), which most are: a stage then
 * lasts until the next status present, or until now. The others (moved back, reopened, two changes at
 * one instant, a status this version does not know) have their stays measured change by change (LEAD
 * over their history), which is exact for any history but costs a window and a sort.
 */
export function pipelineFiguresQuery(db: Db, dialect: Dialect, viewer: Viewer, q: PipelineFigureQuery) {
  const ms = (e: Expression<string | null>) => epochMs(dialect, e);
  const t = (k: number) => sql.ref<number | null>(`pv.t${k}`);
  const present = (k: number) => sql<number>`case when ${t(k)} is null then 0 else 1 end`;
  /** The first of these entries present (the next status after a stage, in a march forward). */
  const firstOf = (entries: readonly Expression<number | null>[]) =>
    entries.length === 1 ? entries[0]! : sql<number | null>`coalesce(${sql.join(entries)})`;
  const entriesBetween = (from: number, to: number) =>
    Array.from({ length: Math.max(0, to - from) }, (_, i) => t(from + i));
  // Each status entered after the last one present before it, a disqualification after all of them.
  const inOrder = sql.join(
    Array.from({ length: PIVOT_STATUSES.length - 1 }, (_, i) => {
      const k = i + 1;
      const before = firstOf(entriesBetween(0, k).reverse());
      return sql`(${t(k)} is null or ${before} is null or ${t(k)} > ${before})`;
    }),
    sql` and `,
  );
  const statusesPresent = sql.join(
    PIVOT_STATUSES.map((_, k) => present(k)),
    sql` + `,
  );
  const reached = sql<number>`case ${sql.join(
    PIPELINE_STAGES.map((_, k) => PIPELINE_STAGES.length - 1 - k).map(
      (k) => sql`when ${t(k)} is not null then ${sql.lit(k)}`,
    ),
    sql` `,
  )} else -1 end`;
  const established = stageIndex('established');
  const wonAt = sql<number | null>`coalesce(${t(established)}, ${t(established + 1)})`;
  const wonAtToo = sql<number | null>`coalesce(${t(established + 1)}, ${t(established)})`;

  let query = db
    .with(
      (cte) => cte('per_prospect').materialized(),
      (qb) =>
        qb
          .selectFrom(
            prospectsInPeriod(qb, viewer, q)
              .leftJoin('prospect_stage_history as h', 'h.prospect_id', 'prospects.id')
              .groupBy('prospects.id')
              .select((eb) => [
                'prospects.id',
                'prospects.owner_id',
                'prospects.source',
                'prospects.status',
                monthIndex(eb.ref('prospects.created_at'), q.monthStarts).as('month'),
                eb.fn.count<number>('h.id').as('changes'),
                ms(eb.fn.min('h.changed_at')).as('first_ms'),
                ...PIVOT_STATUSES.map((status, k) =>
                  sql<
                    number | null
                  >`min(${ms(eb.ref('h.changed_at'))}) filter (where ${eb.ref('h.to_status')} = ${sql.lit(status)})`.as(
                    `t${k}`,
                  ),
                ),
              ])
              .as('pv'),
          )
          .select((eb) => [
            'pv.id',
            'pv.owner_id',
            'pv.source',
            'pv.month',
            eb.case().when('pv.status', '=', 'disqualified').then(1).else(0).end().as('disqualified'),
            // The current status counts too, should a history row be missing.
            larger(dialect, reached, stageRank(eb.ref('pv.status'))).as('furthest'),
            sql<number | null>`case when ${wonAt} is not null then ${larger(
              dialect,
              sql`0`,
              sql`${smaller(dialect, wonAt, wonAtToo)} - ${sql.ref('pv.first_ms')}`,
            )} end`.as('won_ms'),
            sql<number>`case when ${sql.ref('pv.changes')} = ${statusesPresent} and ${inOrder} then 1 else 0 end`.as(
              'marched',
            ),
            ...WAITING_STAGES.map((stage) => {
              const k = stageIndex(stage);
              const next = firstOf([...entriesBetween(k + 1, PIVOT_STATUSES.length), sql.lit(q.asOfMs)]);
              return sql<number | null>`case when ${t(k)} is not null then ${larger(
                dialect,
                sql`0`,
                sql`${next} - ${t(k)}`,
              )} end`.as(`in_${stage}`);
            }),
          ]),
    )
    .with(
      (cte) => cte('stays').materialized(),
      (qb) =>
        qb
          .selectFrom('per_prospect as pp')
          .where('pp.marched', '=', 1)
          .select(WAITING_STAGES.map((stage) => sql.ref<number | null>(`pp.in_${stage}`).as(`in_${stage}`)))
          .unionAll(
            // The other histories, change by change: a stay runs to the next change (LEAD).
            qb
              .selectFrom(
                qb
                  .selectFrom(
                    qb
                      .selectFrom('prospect_stage_history as h')
                      .where(
                        'h.prospect_id',
                        'in',
                        qb
                          .selectFrom('per_prospect')
                          .select('per_prospect.id')
                          .where('per_prospect.marched', '=', 0),
                      )
                      .select((eb) => [
                        'h.id',
                        'h.prospect_id',
                        'h.changed_at',
                        stageRank(eb.ref('h.to_status')).as('stage'),
                        ms(eb.ref('h.changed_at')).as('at_ms'),
                      ])
                      .as('e'),
                  )
                  .select((eb) => {
                    const leftAt = eb.fn
                      .agg<number | null>('lead', ['e.at_ms'])
                      .over((ob) => ob.partitionBy('e.prospect_id').orderBy('e.changed_at').orderBy('e.id'));
                    return [
                      'e.prospect_id',
                      'e.stage',
                      larger(
                        dialect,
                        sql`0`,
                        sql`coalesce(${leftAt}, ${q.asOfMs}) - ${eb.ref('e.at_ms')}`,
                      ).as('stay_ms'),
                    ];
                  })
                  .as('s'),
              )
              .groupBy('s.prospect_id')
              .select((eb) =>
                WAITING_STAGES.map((stage) =>
                  eb.fn
                    .sum<number | null>('s.stay_ms')
                    .filterWhere('s.stage', '=', stageIndex(stage))
                    .as(`in_${stage}`),
                ),
              ),
          ),
    )
    .selectFrom((qb) =>
      qb
        .selectFrom('per_prospect')
        .groupBy(['per_prospect.owner_id', 'per_prospect.furthest'])
        .select((eb) => [
          'per_prospect.owner_id',
          'per_prospect.furthest',
          eb.fn.countAll<number>().as('prospects'),
          eb.fn.min('per_prospect.id').as('first_id'),
        ])
        .as('g'),
    )
    .leftJoin('users as u', 'u.id', 'g.owner_id')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select([
      sql<Kind>`'owner'`.as('kind'),
      'g.owner_id',
      sql<string | null>`u.display_name`.as('owner_name'),
      sql<number | null>`t.id`.as('team_id'),
      sql<string | null>`t.name`.as('team_name'),
      nullText.as('code'),
      nullInt.as('month'),
      sql<number | null>`g.furthest`.as('furthest'),
      nullInt.as('disqualified'),
      'g.prospects',
      sql<number | null>`g.first_id`.as('first_id'),
      nullReal.as('total_ms'),
      nullReal.as('median_ms'),
    ])
    .unionAll((eb) =>
      eb
        .selectFrom('per_prospect as p')
        .groupBy(['p.source', 'p.month', 'p.furthest', 'p.disqualified'])
        .select((eb) => [
          sql<Kind>`'cohort'`.as('kind'),
          nullInt.as('owner_id'),
          nullText.as('owner_name'),
          nullInt.as('team_id'),
          nullText.as('team_name'),
          sql<string | null>`p.source`.as('code'),
          sql<number | null>`p.month`.as('month'),
          sql<number | null>`p.furthest`.as('furthest'),
          sql<number | null>`p.disqualified`.as('disqualified'),
          eb.fn.countAll<number>().as('prospects'),
          nullInt.as('first_id'),
          nullReal.as('total_ms'),
          nullReal.as('median_ms'),
        ]),
    )
    .unionAll((eb) =>
      eb
        .selectFrom('per_prospect as p')
        .where('p.won_ms', 'is not', null)
        .groupBy('p.source')
        .select((eb) => [
          sql<Kind>`'won'`.as('kind'),
          nullInt.as('owner_id'),
          nullText.as('owner_name'),
          nullInt.as('team_id'),
          nullText.as('team_name'),
          sql<string | null>`p.source`.as('code'),
          nullInt.as('month'),
          nullInt.as('furthest'),
          nullInt.as('disqualified'),
          eb.fn.count<number>('p.won_ms').as('prospects'),
          nullInt.as('first_id'),
          nullReal.as('total_ms'),
          asReal(medianOf(dialect, eb.ref('p.won_ms'))).as('median_ms'),
        ]),
    );
  for (const stage of WAITING_STAGES) {
    const stay = sql.ref<number | null>(`st.in_${stage}`);
    query = query.unionAll((eb) =>
      eb
        .selectFrom('stays as st')
        .select((eb) => [
          sql<Kind>`'stage'`.as('kind'),
          nullInt.as('owner_id'),
          nullText.as('owner_name'),
          nullInt.as('team_id'),
          nullText.as('team_name'),
          sql<string | null>`${sql.lit(stage)}`.as('code'),
          nullInt.as('month'),
          nullInt.as('furthest'),
          nullInt.as('disqualified'),
          eb.fn.count<number>(stay).as('prospects'),
          nullInt.as('first_id'),
          asReal(eb.fn.sum(stay)).as('total_ms'),
          asReal(medianOf(dialect, stay)).as('median_ms'),
        ]),
    );
  }
  return query;
}

// ------------------------------------------------------------------------------------------------
// The referral network.

/** Customers the viewer sees: for risk officers and administrators the whole table, unfiltered. */
const customersSeen = (db: QueryCreator<DB>, viewer: Viewer) =>
  scopeToViewer(db.selectFrom('customers').select('customers.id'), viewer);

/** 1 when the customer of the column `id` is one the viewer sees: a lookup by key, for any viewer. */
const seesCustomer = (db: QueryCreator<DB>, viewer: Viewer, id: string) =>
  sql<number>`case when exists ${scopeToViewer(
    db.selectFrom('customers').select(sql.lit(1).as('one')).where('customers.id', '=', sql.ref<number>(id)),
    viewer,
  )} then 1 else 0 end`;

/**
 * The prospects introduced by someone where either end is in the viewer's scope (or the same named key
 * person introduced one in it), with both ends described and flagged visible or not. The most recent
 * first, at most `limit`.
 */
export function referredProspects(db: Db, viewer: Viewer, limit: number) {
  return referredProspectsQuery(db, viewer, limit).execute();
}

/** The statement of `referredProspects` (the benchmark runs it raw). */
export function referredProspectsQuery(db: Db, viewer: Viewer, limit: number) {
  const prospectsSeen = db.selectFrom('prospects').select('prospects.id').where(prospectVisibleTo(viewer));
  const personsSeen = db
    .selectFrom('prospects')
    .select('prospects.referrer_name')
    .where(prospectVisibleTo(viewer))
    .where('prospects.referrer_kind', '=', 'person');
  // The introduced prospect is the unaliased `prospects`, so the access rule applies to it directly
  // (for risk officers and administrators it is no condition at all).
  return db
    .selectFrom('prospects')
    .leftJoin('customers as pc', 'pc.id', 'prospects.customer_id')
    .leftJoin('customers as rc', 'rc.id', 'prospects.referrer_customer_id')
    .leftJoin('prospects as rp', 'rp.id', 'prospects.referrer_prospect_id')
    .leftJoin('customers as rpc', 'rpc.id', 'rp.customer_id')
    .leftJoin('contacts as rct', 'rct.id', 'prospects.referrer_contact_id')
    .leftJoin('customers as rctc', 'rctc.id', 'rct.customer_id')
    .select((eb) => [
      'prospects.id',
      'prospects.name',
      'prospects.status',
      'prospects.customer_id',
      'pc.name as customer_name',
      'prospects.created_at',
      'prospects.referrer_kind',
      'prospects.referrer_customer_id',
      'rc.name as referrer_customer_name',
      'prospects.referrer_prospect_id',
      'rp.name as referrer_prospect_name',
      'rp.status as referrer_prospect_status',
      'rp.customer_id as referrer_prospect_customer_id',
      'rpc.name as referrer_prospect_customer_name',
      'prospects.referrer_contact_id',
      'rct.name as referrer_contact_name',
      'rctc.id as referrer_contact_customer_id',
      'rctc.name as referrer_contact_customer_name',
      'prospects.referrer_name',
      eb.case().when(prospectVisibleTo(viewer)(eb)).then(1).else(0).end().as('visible'),
      seesCustomer(db, viewer, 'prospects.customer_id').as('customer_visible'),
      seesCustomer(db, viewer, 'rc.id').as('referrer_customer_visible'),
      eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('prospects')
              .select(sql.lit(1).as('one'))
              .whereRef('prospects.id', '=', 'rp.id')
              .where(prospectVisibleTo(viewer)),
          ),
        )
        .then(1)
        .else(0)
        .end()
        .as('referrer_prospect_visible'),
      seesCustomer(db, viewer, 'rp.customer_id').as('referrer_prospect_customer_visible'),
      // A contact person is seen with the customer they belong to.
      seesCustomer(db, viewer, 'rct.customer_id').as('referrer_contact_visible'),
    ])
    .where('prospects.merged_into_kind', 'is', null)
    .where('prospects.referrer_kind', 'is not', null)
    .where((eb) =>
      eb.or([
        prospectVisibleTo(viewer)(eb),
        eb('prospects.customer_id', 'in', customersSeen(db, viewer)),
        eb('prospects.referrer_customer_id', 'in', customersSeen(db, viewer)),
        eb('rp.id', 'in', prospectsSeen),
        eb('rp.customer_id', 'in', customersSeen(db, viewer)),
        eb('rct.customer_id', 'in', customersSeen(db, viewer)),
        eb.and([
          eb('prospects.referrer_kind', '=', 'person'),
          eb('prospects.referrer_name', 'in', personsSeen),
        ]),
      ]),
    )
    .orderBy('prospects.created_at', 'desc')
    .orderBy('prospects.id', 'desc')
    .limit(limit);
}

/** Customer-to-customer introductions (customer_links of kind referral) touching the viewer's scope. */
export function customerReferrals(db: Db, viewer: Viewer, limit: number) {
  return customerReferralsQuery(db, viewer, limit).execute();
}

/** The statement of `customerReferrals` (the benchmark runs it raw). */
export function customerReferralsQuery(db: Db, viewer: Viewer, limit: number) {
  // The links are found from the customers in scope (the access rule as a condition on `customers`):
  // an RM's thousand customers lead to their links through the link indexes, and for risk officers
  // and administrators the rule is no condition, so every link is read once rather than every
  // customer of the bank being tried.
  const touching = (end: 'from_customer_id' | 'to_customer_id') =>
    db
      .selectFrom('customer_links as lk')
      .innerJoin('customers', 'customers.id', `lk.${end}`)
      .select('lk.id')
      .where('lk.kind', '=', 'referral')
      .where(customerVisibleTo(viewer));
  // The most recent first, cut to the limit before the names are looked up.
  const latest = db
    .selectFrom('customer_links as l')
    .select(['l.id', 'l.from_customer_id', 'l.to_customer_id', 'l.created_at'])
    .where('l.id', 'in', touching('from_customer_id').union(touching('to_customer_id')))
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit);
  return db
    .selectFrom(latest.as('l'))
    .innerJoin('customers as f', 'f.id', 'l.from_customer_id')
    .innerJoin('customers as t', 't.id', 'l.to_customer_id')
    .select([
      'l.from_customer_id',
      'f.name as from_name',
      'l.to_customer_id',
      't.name as to_name',
      'l.created_at',
      seesCustomer(db, viewer, 'f.id').as('from_visible'),
      seesCustomer(db, viewer, 't.id').as('to_visible'),
    ])
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc');
}

/**
 * The prospect each of these customers was converted from (its status, and whether the viewer sees
 * that prospect), so a customer in the network shows as the converted prospect it is.
 */
export async function conversionsOf(db: Db, viewer: Viewer, customerIds: readonly number[]) {
  const rows: { customer_id: number | null; status: string; visible: number }[] = [];
  const ids = [...new Set(customerIds)];
  // Bounded IN lists: SQLite and PostgreSQL cap the parameters of one statement.
  for (let i = 0; i < ids.length; i += 1000) {
    rows.push(
      ...(await db
        .selectFrom('prospects')
        .select((eb) => [
          'prospects.customer_id',
          'prospects.status',
          eb.case().when(prospectVisibleTo(viewer)(eb)).then(1).else(0).end().as('visible'),
        ])
        .where('prospects.customer_id', 'in', ids.slice(i, i + 1000))
        .where('prospects.merged_into_kind', 'is', null)
        .execute()),
    );
  }
  return rows;
}

/** The realized value (fen) of those customers that have one. */
export async function realizedValues(db: Db, customerIds: number[]) {
  const out = new Map<number, number>();
  for (let i = 0; i < customerIds.length; i += 5000) {
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'realized_value'])
      .where('id', 'in', customerIds.slice(i, i + 5000))
      .where('realized_value', 'is not', null)
      .execute();
    for (const r of rows) out.set(r.id, r.realized_value!);
  }
  return out;
}
