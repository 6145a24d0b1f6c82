import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { detectChurn } from '../../../domain/churn';
import {
  changeOf,
  inferLifecycle,
  type LifecycleInference,
  type LifecycleTotals,
} from '../../../domain/lifecycle';
import { loyaltyIndex } from '../../../domain/loyalty';
import { addMonths, monthRange } from '../../../domain/months';
import {
  PARETO_TIERS,
  type ParetoTier,
  paretoOfRanked,
  rankByValue,
  type TierFloors,
  tierByFloors,
  tierFloors,
} from '../../../domain/pareto';
import { suggestRelationshipTier } from '../../../domain/relationship-tier';
import { modelScore, potentialValue } from '../../../domain/value';
import {
  type CreditGrade,
  type CustomerKind,
  LIFECYCLE_STAGES,
  type LifecycleStage,
  needTags,
} from '../../../shared/codes';
import { bankDate } from '../../../shared/schemas/common';
import type { ValueRun } from '../../../shared/schemas/value';
import type { ChurnRecordTable, CustomerLoyaltyTable, DB, Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import { insertChurn, markReturned, upsertLoyalty } from '../loyalty/loyalty.repository';
import { loadLoyaltyRules } from '../loyalty/loyalty-settings';
import { churnRow, loyaltyRow, readLoyaltyFacts, sameLoyalty } from '../loyalty/run-facts';
import { presentRun } from './customer-value.presenter';
import * as repo from './customer-value.repository';
import { loadValueRules } from './value-settings';

// The value run (issue #7 part 7): for the month asked (by default the latest with figures) every
// customer's realized, potential and model value, its lifecycle stage and relationship-tier suggestion
// (DOMAIN §2.1, §3.1), its loyalty and whether it is lost (§5, issue #8: the loyalty index is the
// model value's loyalty term), then the Pareto tiers over the whole bank and the analyses of every
// portfolio (bank, branch, team, RM) for that month.
//
// - full: every customer; nightly and after the settings change.
// - incremental: the customers marked in value_dirty (by imports and edits), then the tiers and
//   analyses again over everyone's stored figures (a changed value moves others' tiers).
// - snapshot: an earlier month's analyses only; the customers keep their current figures.
//
// Customers are read in ranges of ids, a range's figures in one aggregate pass over the 12 months of
// customer_monthly (the per-customer roll-up the database keeps), and only what changed is written, in
// a transaction for about every 25,000 customers, so a reader never waits for the whole run. One run
// at a time: on PostgreSQL a session advisory lock held by the run's connection (so of all the
// instances behind a load balancer only one runs it); on SQLite, one process owns the file. The run's
// row (value_runs) shows its phase and progress, its heartbeat tells a stopped run from a slow one.

const CHUNK = 5_000;
const WRITE_BATCH = 25_000;
const READ_AHEAD = WRITE_BATCH / CHUNK + 1; // ranges
/** The ranges whose customers' values give the tiers a run that rewrites everyone writes first. */
const SAMPLE_RANGES = 10;
/**
 * Lets the event loop answer requests between two ranges: on SQLite every query runs synchronously,
 * and awaiting its result alone never gives way to I/O.
 */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
const ADVISORY_KEY = 7_301_007; // any constant the application owns
const HEARTBEAT_STALE_MS = 5 * 60_000;

export type RunKind = 'full' | 'incremental' | 'snapshot';

export interface RunOptions {
  kind: RunKind;
  asOf?: string;
  startedBy?: number | null;
  /** Told the run's id once its record exists (0 when nothing is to be done). */
  onStart?: (id: number) => void;
}

/** The run of this process: a second one waits for it to end, then starts. */
let current: Promise<ValueRun | null> | null = null;

/**
 * Runs a value computation to the end and answers its run record; null when another run holds the
 * lock (on another instance) or, for an incremental run, when nothing is marked.
 */
export async function runValues(deps: AppDeps, opts: RunOptions): Promise<ValueRun | null> {
  while (current) await current.catch(() => null);
  const run = (async () => {
    if (deps.dialect !== 'postgres') return runLocked(deps, deps.db, opts);
    return deps.db.connection().execute(async (conn) => {
      const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${ADVISORY_KEY}) AS ok`.execute(
        conn,
      );
      if (!got.rows[0]?.ok) return null;
      try {
        return await runLocked(deps, conn, opts);
      } finally {
        await sql`SELECT pg_advisory_unlock(${ADVISORY_KEY})`.execute(conn);
      }
    });
  })();
  current = run;
  try {
    return await run;
  } finally {
    if (current === run) current = null;
  }
}

/**
 * Starts a run without waiting for it: answers its id once its record exists, or null when a run of
 * this process is under way (the new one follows it) or there is nothing to do.
 */
export function startValues(deps: AppDeps, opts: RunOptions, onError: (err: unknown) => void) {
  const busy = current !== null;
  return new Promise<number | null>((resolve) => {
    if (busy) resolve(null);
    runValues(deps, { ...opts, onStart: (id) => resolve(id === 0 ? null : id) })
      .then((run) => resolve(run?.id ?? null))
      .catch((err) => {
        resolve(null);
        onError(err);
      });
  });
}

/**
 * At start: the value indexes a run set aside are built again when the process stopped during that
 * run (they are missing then).
 */
export const restoreValueIndexes = (deps: AppDeps) => repo.createValueIndexes(deps.db);

interface Progress {
  id: number;
  db: Db;
  deps: AppDeps;
  processed: number;
  changed: number;
}

async function beat(p: Progress, set: Partial<{ phase: string; total: number }> = {}) {
  await repo.updateRun(p.db, p.id, {
    ...set,
    processed: p.processed,
    changed: p.changed,
    heartbeat_at: p.deps.clock().toISOString(),
  });
}

async function runLocked(deps: AppDeps, db: Kysely<DB>, opts: RunOptions) {
  const now = () => deps.clock().toISOString();
  await repo.failStaleRuns(db, new Date(deps.clock().getTime() - HEARTBEAT_STALE_MS).toISOString(), now());
  const { version, rules: valueRules } = await loadValueRules(db);
  const loyaltyRules = await loadLoyaltyRules(db);
  const rules = { ...valueRules, loyalty: loyaltyRules.loyalty, churn: loyaltyRules.churn };
  const latest = await repo.latestFiguresMonth(db);
  const asOf = opts.asOf ?? latest ?? addMonths(bankDate(deps.clock()).slice(0, 7), -1);
  const asked: RunKind = opts.kind === 'full' && latest !== null && asOf < latest ? 'snapshot' : opts.kind;
  const startedAt = now();
  const marked = asked === 'incremental' ? await repo.dirtyCount(db) : 0;
  if (asked === 'incremental' && marked === 0) {
    opts.onStart?.(0);
    return null;
  }
  const bounds = await repo.customerIdBounds(db);
  // When most of the bank is marked (a month of figures for every account), the full run does the same
  // work cheaper: ranges of ids rather than lists, and the tiers without reading every customer again.
  const kind: RunKind = asked === 'incremental' && marked * 2 > bounds.n ? 'full' : asked;
  const dirty = kind === 'incremental' ? await repo.dirtyIds(db) : [];
  // A run that rewrites every customer's values: the first one, and the month new figures arrive (a
  // full run of another month than the last). It writes each customer's tier with its values, as the
  // tiers of a sample of the bank put it (SAMPLE_RANGES), and the tiers phase then corrects the few the
  // ranking of everyone places otherwise, rather than writing every customer a second time (at 1M,
  // 4–7 s). On SQLite it also sets aside the indexes of the values, stages and tiers, and builds them
  // again on the reader thread while the bank is ranked: moving every customer's entries one by one
  // costs more than the rest of the writing (BENCHMARKS.md). Meanwhile the customer list sorts and
  // filters by them without them.
  const rewritesAll = kind === 'full' && (await repo.lastFinishedFull(db))?.as_of !== asOf;
  const setAside = deps.dialect === 'sqlite' && rewritesAll;
  const id = await repo.insertRun(db, {
    kind,
    as_of: asOf,
    status: 'running',
    phase: 'values',
    total: kind === 'incremental' ? dirty.length : bounds.n,
    processed: 0,
    changed: 0,
    settings_version: version,
    started_by: opts.startedBy ?? null,
    started_at: startedAt,
    heartbeat_at: startedAt,
    finished_at: null,
    error: null,
  });
  opts.onStart?.(id);
  const p: Progress = { id, db, deps, processed: 0, changed: 0 };
  try {
    const months = monthRange(addMonths(asOf, -11), asOf);
    const computed = new Computed(bounds.n);
    const changedIds = new Set<number>();
    const ranges: repo.Range[] = [];
    if (kind === 'incremental') {
      for (let i = 0; i < dirty.length; i += 5000) ranges.push({ ids: dirty.slice(i, i + 5000) });
    } else {
      for (let lo = bounds.lo; lo <= bounds.hi && bounds.n > 0; lo += CHUNK)
        ranges.push({ lo, hi: lo + CHUNK - 1 });
    }
    // The sample the tiers are first written by: ranges spread over the bank, computed first.
    const sample = rewritesAll ? Math.min(SAMPLE_RANGES, ranges.length) : 0;
    if (sample > 0) sampleFirst(ranges, sample);
    let floors: TierFloors | null = null;
    // Changes are written in transactions of about WRITE_BATCH customers: fewer commits (each one a
    // sync to disk) than one per range. A run that rewrites every customer writes each one, once the
    // sample has given the tiers.
    let pending: ComputedCustomer[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const writes = pending;
      pending = [];
      for (const c of writes) {
        if (floors) settleTier(c, floors);
        if (writesAnything(c)) p.changed++;
        if (kind === 'incremental' && c.changed) changedIds.add(c.id);
        if (kind !== 'incremental') computed.add(c);
      }
      await db.transaction().execute(async (trx) => {
        await repo.writeValues(
          trx,
          writes.filter((c) => c.changed).map((c) => c.update),
          deps.dialect,
        );
        await repo.insertHistory(
          trx,
          writes.flatMap((c) => historyRow(c, asOf, startedAt)),
        );
        await upsertLoyalty(
          trx,
          writes.flatMap((c) => (c.loyaltyWrite ? [c.loyaltyWrite] : [])),
          deps.dialect,
        );
        await insertChurn(
          trx,
          writes.flatMap((c) => (c.churnInsert ? [c.churnInsert] : [])),
        );
        await markReturned(
          trx,
          writes.flatMap((c) => (c.churnReturn === null ? [] : [c.churnReturn])),
          asOf,
        );
      });
    };
    if (setAside) await repo.dropValueIndexes(db);
    // The ranges ahead are read while this one is computed and written: on SQLite the heavy reads by
    // the driver's reader thread, on PostgreSQL by the server. Their customers are not this range's,
    // so what they read is what they would read afterwards. More ranges are read ahead than a write
    // batch holds, so the reading goes on while a batch is written.
    const reads: (Promise<RangeInput> | undefined)[] = [];
    const readAhead = (i: number) => {
      if (i >= ranges.length) return;
      reads[i] = readRange(db, ranges[i]!, months, asOf);
      // Awaited in its round; a failure meanwhile is not unhandled.
      reads[i]!.catch(() => {});
    };
    for (let i = 0; i < READ_AHEAD; i++) readAhead(i);
    // The indexes set aside, built again on the driver's reader thread while the bank is ranked.
    let rebuilding: Promise<void> | null = null;
    try {
      for (let i = 0; i < ranges.length; i++) {
        const input = await reads[i]!;
        reads[i] = undefined;
        readAhead(i + READ_AHEAD);
        // Lets that read start before this range is computed, and requests in.
        await yieldToRequests();
        const out = computeRange(input, months, asOf, rules, startedAt);
        p.processed += out.length;
        for (const c of out) {
          if (kind !== 'snapshot' && (rewritesAll || writesAnything(c))) pending.push(c);
          else if (kind !== 'incremental') computed.add(c);
        }
        if (i === sample - 1)
          floors = tierFloors(
            pending.map((c) => c.realized),
            rules.pareto,
          );
        if (pending.length >= WRITE_BATCH && i >= sample - 1) await flush();
        await beat(p);
      }
      await flush();
      if (kind === 'incremental') await repo.clearDirty(db, dirty, startedAt);
      if (kind === 'full') await repo.clearDirtyBefore(db, startedAt);
      await beat(p, { phase: 'tiers' });
      if (setAside) {
        rebuilding = repo.createValueIndexes(db);
        // Awaited before the run ends; a failure meanwhile is not unhandled.
        rebuilding.catch(() => {});
      }
      const facts = kind === 'incremental' ? await storedFacts(db, changedIds) : computed.facts();
      await yieldToRequests();
      const { tiers, ranked } = rankAndTier(facts, rules.pareto);
      await yieldToRequests();
      const snapshots = await snapshotRows(db, id, asOf, facts, ranked, rules.pareto, now());
      // The tiers wait for the writer while the indexes are built.
      if (kind !== 'snapshot') p.changed += await writeTierChanges(db, facts, tiers);
      await beat(p, { phase: 'snapshots' });
      await db.transaction().execute((trx) => repo.replaceSnapshots(trx, asOf, snapshots));
    } finally {
      if (setAside) await (rebuilding ?? repo.createValueIndexes(db));
    }
    await repo.updateRun(db, id, {
      status: 'succeeded',
      phase: 'done',
      finished_at: now(),
      heartbeat_at: now(),
      processed: p.processed,
      changed: p.changed,
    });
  } catch (err) {
    await repo.updateRun(db, id, {
      status: 'failed',
      finished_at: now(),
      error: String(err instanceof Error ? err.message : err).slice(0, 1000),
    });
    throw err;
  }
  const row = await repo.getRun(db, id);
  return presentRun(row!);
}

// ---- one range of customers

type Rules = Awaited<ReturnType<typeof loadValueRules>>['rules'] &
  Omit<Awaited<ReturnType<typeof loadLoyaltyRules>>, 'version'>;

interface ComputedCustomer {
  id: number;
  ownerId: number | null;
  realized: number;
  stage: LifecycleStage;
  inferred: LifecycleStage;
  prev: LifecycleStage;
  manual: boolean;
  valueTier: string | null;
  changed: boolean;
  update: repo.ValueUpdate;
  stageChange: { from: string; evidence: LifecycleInference['evidence'] } | null;
  /** the customer's loyalty row when it differs from the stored one */
  loyaltyWrite: CustomerLoyaltyTable | null;
  /** a new churn record: the customer is found lost */
  churnInsert: Omit<ChurnRecordTable, 'id'> | null;
  /** the open churn record of a customer that came back */
  churnReturn: number | null;
}

const ZERO: repo.FigureSums = {
  id: 0,
  realized: 0,
  rb: 0,
  bb: 0,
  rc: 0,
  bc: 0,
  rb1: 0,
  bb1: 0,
  rc1: 0,
  bc1: 0,
};

/**
 * What the rules need of one range of customers. The rows read aside arrive as functions that give
 * them: computeRange makes them when the range's turn comes (array-rows.ts).
 */
const readRange = (db: Db, range: repo.Range, months: string[], asOf: string) =>
  // Those that run aside first, so that the reader thread starts on them while the others read.
  Promise.all([
    repo.figureSums(db, range, months),
    repo.customerFacts(db, range),
    repo.accountsOf(db, range),
    readLoyaltyFacts(db, range, asOf),
  ]);

type RangeInput = Awaited<ReturnType<typeof readRange>>;

function computeRange(
  [readSums, readCustomers, readAccounts, lf]: RangeInput,
  months: string[],
  asOf: string,
  rules: Rules,
  at: string,
): ComputedCustomer[] {
  const sums = readSums();
  const customers = readCustomers();
  const accounts = readAccounts();
  const yearStartText = `${months[0]}-01`;
  const byCustomer = new Map<number, typeof accounts>();
  for (const a of accounts) {
    const list = byCustomer.get(a.customerId);
    if (list) list.push(a);
    else byCustomer.set(a.customerId, [a]);
  }
  const sumsOf = new Map<number, repo.FigureSums>();
  for (const s of sums) sumsOf.set(s.id, s);
  const prevMonth = addMonths(asOf, -1);
  const monthEndText = `${asOf}-31`; // text comparison: any day of the month is ≤ YYYY-MM-31
  return customers.map((c) => {
    const held = byCustomer.get(c.id) ?? [];
    const s = sumsOf.get(c.id) ?? ZERO;
    const open = held.filter(
      (a) => a.openedOn <= monthEndText && (a.closedOn === null || a.closedOn > monthEndText),
    );
    const totals: LifecycleTotals = {
      recentBalance: s.rb,
      beforeBalance: s.bb,
      recentContribution: s.rc,
      beforeContribution: s.bc,
    };
    // A completed whole exit ends the relationship (issue #9), also when it was completed after the
    // latest month with figures: the customer's stage is what is known now.
    const exitOn = lf.exits.get(c.id) ?? null;
    const exitCompleted = exitOn !== null;
    const now = inferLifecycle({ month: asOf, accounts: held, totals, exitCompleted }, rules.lifecycle);
    const before = inferLifecycle(
      {
        month: prevMonth,
        exitCompleted: exitOn !== null && exitOn <= `${prevMonth}-31`,
        accounts: held,
        totals: {
          recentBalance: s.rb1,
          beforeBalance: s.bb1,
          recentContribution: s.rc1,
          beforeContribution: s.bc1,
        },
      },
      rules.lifecycle,
    );
    const kind = c.kind as CustomerKind;
    const potential = potentialValue(
      {
        kind,
        industry: c.industry,
        annualRevenue: c.annual_revenue,
        financialAssets: c.financial_assets,
        needTags: needTags(c.need_mask),
        openAccounts: open,
        realized: s.realized,
      },
      rules.value,
    );
    const measureRecent = now.evidence.measure === 'contribution' ? s.rc : s.rb;
    const measureBefore = now.evidence.measure === 'contribution' ? s.bc : s.bb;
    const growth = held.length === 0 ? null : changeOf(measureRecent, measureBefore);
    const churn = detectChurn(
      {
        accountsHeld: held.length,
        accountsOpen: open.length,
        recentBalance: s.rb,
        beforeBalance: s.bb,
        exitCompleted,
      },
      rules.churn,
    );
    const complaints = lf.complaints.get(c.id);
    const assessment = lf.assessments.get(c.id);
    const perceived = lf.perceptions.get(c.id);
    const loyalty = loyaltyIndex(
      {
        purchases12m: held.length === 0 ? null : openedWithin(held, yearStartText, monthEndText),
        priceSensitivity: { assessment: assessment?.price ?? null, survey: perceived?.price ?? null },
        competitorAttitude: {
          assessment: assessment?.competitor ?? null,
          survey: perceived?.competitor ?? null,
        },
        problems: {
          complaints: complaints?.complaints ?? 0,
          stayed: churn === null,
          fixSatisfaction: complaints?.fixSatisfaction ?? null,
        },
        growth,
        lost: churn !== null,
      },
      rules.loyalty,
    );
    const model = modelScore(
      {
        realized: s.realized,
        potential: potential.value,
        loyalty: loyalty.index,
        growth,
        creditGrade: c.credit_grade as CreditGrade | null,
      },
      rules.value,
    );
    const loyaltyStored = loyaltyRow(c.id, asOf, loyalty);
    const openChurn = lf.openChurn.get(c.id);
    const lastClosed = lastClosing(held);
    const suggestion = suggestRelationshipTier(
      { kind, openAccounts: open.length, realized: s.realized, financialAssets: c.financial_assets },
      rules.relationshipTier,
    );
    const update: repo.ValueUpdate = {
      id: c.id,
      realized_value: s.realized,
      potential_value: potential.value,
      model_value: Math.round(model * 10),
      value_as_of: asOf,
      lifecycle_inferred: now.stage,
      lifecycle_prev: before.stage,
      tier_suggested: suggestion.tier,
      value_tier: null,
    };
    const changed =
      c.realized_value !== update.realized_value ||
      c.potential_value !== update.potential_value ||
      c.model_value !== update.model_value ||
      c.value_as_of !== update.value_as_of ||
      c.lifecycle_inferred !== update.lifecycle_inferred ||
      c.lifecycle_prev !== update.lifecycle_prev ||
      c.tier_suggested !== update.tier_suggested ||
      (c.lifecycle_manual === 0 && c.lifecycle_stage !== now.stage);
    const manual = c.lifecycle_manual === 1;
    return {
      id: c.id,
      ownerId: c.owner_id,
      realized: s.realized,
      stage: manual ? (c.lifecycle_stage as LifecycleStage) : now.stage,
      inferred: now.stage,
      prev: before.stage,
      manual,
      valueTier: c.value_tier,
      changed,
      update,
      stageChange:
        !manual && c.lifecycle_stage !== now.stage
          ? { from: c.lifecycle_stage, evidence: now.evidence }
          : null,
      loyaltyWrite: sameLoyalty(lf.stored.get(c.id), loyaltyStored) ? null : loyaltyStored,
      churnInsert:
        churn !== null && openChurn === undefined
          ? churnRow(c.id, churn, churn.cause === 'exit' ? exitOn : lastClosed, asOf, at)
          : null,
      churnReturn: churn === null && openChurn !== undefined ? openChurn : null,
    };
  });
}

/** How many of the accounts were opened from `from` to `to` (dates, both included). */
function openedWithin(accounts: readonly { openedOn: string }[], from: string, to: string) {
  let n = 0;
  for (const a of accounts) if (a.openedOn >= from && a.openedOn <= to) n++;
  return n;
}

/** The latest date an account was closed on, null when none is closed. */
function lastClosing(accounts: readonly { closedOn: string | null }[]) {
  let last: string | null = null;
  for (const a of accounts)
    if (a.closedOn !== null && (last === null || a.closedOn > last)) last = a.closedOn;
  return last;
}

const writesAnything = (c: ComputedCustomer) =>
  c.changed || c.loyaltyWrite !== null || c.churnInsert !== null || c.churnReturn !== null;

/**
 * Puts the sample's ranges first (`count` of them, spread evenly over the bank), the others after in
 * their order.
 */
function sampleFirst(ranges: repo.Range[], count: number) {
  const step = ranges.length / count;
  const picked = new Set(Array.from({ length: count }, (_, k) => Math.floor(k * step)));
  const reordered = [...picked].map((k) => ranges[k]!);
  ranges.forEach((r, k) => {
    if (!picked.has(k)) reordered.push(r);
  });
  ranges.splice(0, ranges.length, ...reordered);
}

/** A customer of a run that rewrites everyone is written with its tier as the sample's floors give it. */
function settleTier(c: ComputedCustomer, floors: TierFloors) {
  const tier = tierByFloors(c.realized, floors);
  c.update.value_tier = tier;
  if (tier === c.valueTier) return;
  c.valueTier = tier;
  c.changed = true;
}

function historyRow(c: ComputedCustomer, asOf: string, at: string) {
  if (!c.stageChange) return [];
  return [
    {
      customer_id: c.update.id,
      stage: c.update.lifecycle_inferred,
      previous_stage: c.stageChange.from,
      manual: 0,
      reason: null,
      changed_by: null,
      changed_at: at,
      as_of: asOf,
      evidence_json: JSON.stringify(c.stageChange.evidence),
    },
  ];
}

// ---- the whole bank: tiers and analyses

/** Column-wise facts of every customer: what the tiers and the analyses read. */
interface PortfolioFacts {
  n: number;
  ids: Int32Array;
  owners: Int32Array; // 0: none
  realized: Float64Array;
  stage: Uint8Array;
  inferred: Uint8Array; // 255: not inferred yet
  prev: Uint8Array;
  manual: Uint8Array;
  tier: Uint8Array; // index in PARETO_TIERS, 255: none
  /** 1: the values phase already counted the customer as changed */
  changed: Uint8Array;
}

const STAGES = LIFECYCLE_STAGES.codes;
const NONE = 255;
const stageIndex = (s: string | null) => (s === null ? NONE : STAGES.indexOf(s as LifecycleStage));
const tierIndex = (t: string | null) => (t === null ? NONE : PARETO_TIERS.indexOf(t as ParetoTier));

function emptyFacts(n: number): PortfolioFacts {
  return {
    n: 0,
    ids: new Int32Array(n),
    owners: new Int32Array(n),
    realized: new Float64Array(n),
    stage: new Uint8Array(n),
    inferred: new Uint8Array(n),
    prev: new Uint8Array(n),
    manual: new Uint8Array(n),
    tier: new Uint8Array(n),
    changed: new Uint8Array(n),
  };
}

class Computed {
  private f: PortfolioFacts;
  constructor(capacity: number) {
    this.f = emptyFacts(capacity);
  }
  add(c: ComputedCustomer) {
    if (this.f.n === this.f.ids.length) this.grow();
    const i = this.f.n++;
    this.f.ids[i] = c.id;
    this.f.owners[i] = c.ownerId ?? 0;
    this.f.realized[i] = c.realized;
    this.f.stage[i] = stageIndex(c.stage);
    this.f.inferred[i] = stageIndex(c.inferred);
    this.f.prev[i] = stageIndex(c.prev);
    this.f.manual[i] = c.manual ? 1 : 0;
    this.f.tier[i] = tierIndex(c.valueTier);
    this.f.changed[i] = c.changed ? 1 : 0;
  }
  private grow() {
    const bigger = emptyFacts(Math.max(16, this.f.ids.length * 2));
    for (const k of [
      'ids',
      'owners',
      'realized',
      'stage',
      'inferred',
      'prev',
      'manual',
      'tier',
      'changed',
    ] as const)
      (bigger[k] as Int32Array).set(this.f[k] as Int32Array);
    bigger.n = this.f.n;
    this.f = bigger;
  }
  facts() {
    return this.f;
  }
}

async function storedFacts(db: Db, changed: ReadonlySet<number>): Promise<PortfolioFacts> {
  const rows = await repo.portfolioFacts(db);
  const f = emptyFacts(rows.length);
  for (const [id, owner, realized, tier, stage, manual, inferred, prev] of rows) {
    const i = f.n++;
    f.ids[i] = id;
    f.owners[i] = owner ?? 0;
    f.realized[i] = Number(realized ?? 0);
    f.stage[i] = stageIndex(stage);
    f.inferred[i] = stageIndex(inferred);
    f.prev[i] = stageIndex(prev);
    f.manual[i] = manual;
    f.tier[i] = tierIndex(tier);
    f.changed[i] = changed.has(id) ? 1 : 0;
  }
  return f;
}

function rankAndTier(f: PortfolioFacts, cutoffs: Rules['pareto']) {
  const ids = f.ids.subarray(0, f.n);
  const values = f.realized.subarray(0, f.n);
  const ranked = rankByValue(ids, values);
  const { tiersInRank } = paretoOfRanked(values, ranked, cutoffs, 0);
  const tiers = new Uint8Array(f.n);
  for (let r = 0; r < ranked.length; r++) tiers[ranked[r]!] = PARETO_TIERS.indexOf(tiersInRank[r]!);
  return { tiers, ranked };
}

async function writeTierChanges(db: Db, f: PortfolioFacts, tiers: Uint8Array) {
  const byTier = new Map<string, number[]>();
  let writes = 0;
  let changed = 0; // customers the values phase had not counted yet
  for (let i = 0; i < f.n; i++) {
    if (f.tier[i] === tiers[i]) continue;
    const t = PARETO_TIERS[tiers[i]!]!;
    const list = byTier.get(t);
    if (list) list.push(f.ids[i]!);
    else byTier.set(t, [f.ids[i]!]);
    f.tier[i] = tiers[i]!;
    writes++;
    if (!f.changed[i]) changed++;
  }
  if (writes > 0) await db.transaction().execute((trx) => repo.writeTiers(trx, byTier));
  return changed;
}

/**
 * The analysis of every portfolio for the month: the bank, each branch, team and RM. Each customer is
 * sorted into its portfolios' member lists once, by number: the portfolios of each owner are looked
 * up once per owner, not once per customer.
 */
async function snapshotRows(
  db: Kysely<DB>,
  runId: number,
  asOf: string,
  f: PortfolioFacts,
  ranked: Uint32Array,
  cutoffs: Rules['pareto'],
  at: string,
) {
  const [users, teams] = await repo.organisation(db);
  const teamOf = new Map(users.map((u) => [u.id, u.team_id]));
  const branchOf = new Map(teams.map((t) => [t.id, t.branch_id]));
  const keys: string[] = ['bank:0'];
  const members: number[][] = [[]];
  const lifecycle: LifecycleCounts[] = [new LifecycleCounts()];
  const index = new Map<string, number>([['bank:0', 0]]);
  const groupOf = (key: string) => {
    let g = index.get(key);
    if (g === undefined) {
      g = keys.push(key) - 1;
      members.push([]);
      lifecycle.push(new LifecycleCounts());
      index.set(key, g);
    }
    return g;
  };
  const ownerGroups = new Map<number, number[]>();
  const groupsOfOwner = (owner: number) => {
    let gs = ownerGroups.get(owner);
    if (gs) return gs;
    gs = [groupOf(`rm:${owner}`)];
    const team = teamOf.get(owner);
    if (team != null) {
      gs.push(groupOf(`team:${team}`));
      const branch = branchOf.get(team);
      if (branch != null) gs.push(groupOf(`branch:${branch}`));
    }
    ownerGroups.set(owner, gs);
    return gs;
  };
  // In the bank's ranking order, so every portfolio's list is ranked too.
  const bank = members[0]!;
  for (let r = 0; r < ranked.length; r++) {
    const i = ranked[r]!;
    bank.push(i);
    lifecycle[0]!.add(f, i);
    const owner = f.owners[i]!;
    if (owner === 0) continue;
    for (const g of groupsOfOwner(owner)) {
      members[g]!.push(i);
      lifecycle[g]!.add(f, i);
    }
  }
  const values = f.realized.subarray(0, f.n);
  return keys.map((key, g) => {
    const [scope, scopeId] = key.split(':') as [string, string];
    const list = members[g]!;
    const { result } = paretoOfRanked(values, list, cutoffs, 100);
    return {
      as_of: asOf,
      scope,
      scope_id: Number(scopeId),
      run_id: runId,
      customers: list.length,
      top20_share: result.top20Share,
      pareto_json: JSON.stringify(result),
      lifecycle_json: JSON.stringify(lifecycle[g]!.snapshot()),
      created_at: at,
    };
  });
}

export interface LifecycleSnapshot {
  distribution: Partial<Record<LifecycleStage, number>>;
  manual: number;
  /** [from, to, count]: the inferred stage of the month before → of the month */
  transitions: [LifecycleStage, LifecycleStage, number][];
}

/** A portfolio's stages and the month's transitions, counted as its customers are sorted into it. */
class LifecycleCounts {
  private readonly stages = new Int32Array(STAGES.length);
  private readonly moves = new Int32Array(16 * 16); // from × 16 + to
  private manual = 0;
  add(f: PortfolioFacts, i: number) {
    if (f.stage[i] !== NONE) this.stages[f.stage[i]!]!++;
    if (f.manual[i]) this.manual++;
    if (f.prev[i] !== NONE && f.inferred[i] !== NONE) this.moves[f.prev[i]! * 16 + f.inferred[i]!]!++;
  }
  snapshot(): LifecycleSnapshot {
    const distribution: Partial<Record<LifecycleStage, number>> = {};
    STAGES.forEach((stage, k) => {
      if (this.stages[k]! > 0) distribution[stage] = this.stages[k]!;
    });
    const transitions: [LifecycleStage, LifecycleStage, number][] = [];
    this.moves.forEach((count, key) => {
      if (count > 0) transitions.push([STAGES[Math.floor(key / 16)]!, STAGES[key % 16]!, count]);
    });
    return { distribution, manual: this.manual, transitions };
  }
}
