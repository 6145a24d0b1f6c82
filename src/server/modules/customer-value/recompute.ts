import type { Insertable, Kysely } from 'kysely';
import { sql } from 'kysely';
import { changeOf, inferLifecycle, type LifecycleTotals } from '../../../domain/lifecycle';
import { addMonths, monthRange } from '../../../domain/months';
import { PARETO_TIERS, type ParetoTier, paretoOfRanked, rankByValue } from '../../../domain/pareto';
import { suggestRelationshipTier } from '../../../domain/relationship-tier';
import { modelValue, potentialValue } from '../../../domain/value';
import {
  type CreditGrade,
  CUSTOMER_TIERS,
  type CustomerKind,
  type CustomerTier,
  LIFECYCLE_STAGES,
  type LifecycleStage,
  needTags,
} from '../../../shared/codes';
import { bankDate } from '../../../shared/schemas/common';
import type { ValueRun } from '../../../shared/schemas/value';
import type { DB, Db, LifecycleHistoryTable } from '../../db/database';
import type { AppDeps } from '../../deps';
import { presentRun } from './customer-value.presenter';
import * as repo from './customer-value.repository';
import { loadValueRules } from './value-settings';

// The value run (issue #7 part 7): for the month asked (by default the latest with figures) every
// customer's realized, potential and model value, its lifecycle stage and relationship-tier suggestion
// (DOMAIN §2.1, §3.1), then the Pareto tiers over the whole bank and the analyses of every portfolio
// (bank, branch, team, RM) for that month.
//
// - full: every customer; nightly and after the settings change.
// - incremental: the customers marked in value_dirty (by imports and edits), then the tiers and
//   analyses again over everyone's stored figures (a changed value moves others' tiers).
// - snapshot: an earlier month's analyses only; the customers keep their current figures.
//
// Customers are read in ranges of ids, a range's figures in one aggregate pass over its accounts' 12
// months, and only what changed is written: one UPDATE … FROM a staging table for every 25,000 changed
// customers, in its own transaction, so a reader never waits for the whole run. One run
// at a time: on PostgreSQL a session advisory lock held by the run's connection (so of all the
// instances behind a load balancer only one runs it); on SQLite, one process owns the file. The run's
// row (value_runs) shows its phase and progress, its heartbeat tells a stopped run from a slow one.

const CHUNK = 5_000;
const WRITE_BATCH = 25_000;
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
  const { version, rules } = await loadValueRules(db);
  const latest = await repo.latestFiguresMonth(db);
  const asOf = opts.asOf ?? latest ?? addMonths(bankDate(deps.clock()).slice(0, 7), -1);
  const kind: RunKind = opts.kind === 'full' && latest !== null && asOf < latest ? 'snapshot' : opts.kind;
  const startedAt = now();
  const dirty = kind === 'incremental' ? await repo.dirtyIds(db) : [];
  if (kind === 'incremental' && dirty.length === 0) {
    opts.onStart?.(0);
    return null;
  }
  const bounds = await repo.customerIdBounds(db);
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
    // Every customer's facts: those the pass computes (full, snapshot), or everyone's stored ones with
    // the dirty customers' new figures laid over them (incremental: a changed value moves others' tiers).
    const facts = kind === 'incremental' ? await storedFacts(db) : new Facts(bounds.n);
    const stageChanges: StageChanges = [];
    const ranges: repo.Range[] = [];
    if (kind === 'incremental') {
      for (let i = 0; i < dirty.length; i += CHUNK) ranges.push({ ids: dirty.slice(i, i + CHUNK) });
    } else {
      for (let lo = bounds.lo; lo <= bounds.hi && bounds.n > 0; lo += CHUNK)
        ranges.push({ lo, hi: lo + CHUNK - 1 });
    }
    for (const range of ranges) {
      const out = await computeRange(db, range, months, asOf, rules);
      for (const c of out) {
        const i = kind === 'incremental' ? facts.overlay(c) : facts.add(c);
        if (i >= 0 && c.stageChange) stageChanges[i] = c.stageChange;
      }
      p.processed += out.length;
      await beat(p);
      await yieldToRequests();
    }
    await beat(p, { phase: 'tiers' });
    const { tiers, ranked } = rankAndTier(facts, rules.pareto);
    if (kind !== 'snapshot') {
      await beat(p, { phase: 'writing' });
      await writeChanges(p, facts, tiers, stageChanges, asOf, startedAt);
    }
    if (kind === 'incremental') await repo.clearDirty(db, dirty, startedAt);
    if (kind === 'full') await repo.clearDirtyBefore(db, startedAt);
    await beat(p, { phase: 'snapshots' });
    await yieldToRequests();
    await writeSnapshots(db, id, asOf, facts, ranked, rules.pareto, now());
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

type Rules = Awaited<ReturnType<typeof loadValueRules>>['rules'];

interface ComputedCustomer {
  id: number;
  ownerId: number | null;
  realized: number;
  potential: number;
  /** tenths of a point */
  model: number;
  /** the stage the customer shows: the inferred one, or the one an RM set by hand */
  stage: LifecycleStage;
  inferred: LifecycleStage;
  prev: LifecycleStage;
  suggested: CustomerTier;
  manual: boolean;
  valueTier: string | null;
  /** a stored value, stage or suggestion differs from what the run computed */
  changed: boolean;
  stageChange: StageChange | null;
}

/** A stage the run changes, for the customer's lifecycle history. */
interface StageChange {
  from: string;
  /** JSON of the inference's evidence */
  evidence: string;
}
/** By facts index. */
type StageChanges = (StageChange | undefined)[];

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

async function computeRange(
  db: Db,
  range: repo.Range,
  months: string[],
  asOf: string,
  rules: Rules,
): Promise<ComputedCustomer[]> {
  const [customers, accounts, sums] = await Promise.all([
    repo.customerFacts(db, range),
    repo.accountsOf(db, range),
    repo.figureSums(db, range, months),
  ]);
  const byCustomer = new Map<number, typeof accounts>();
  for (const a of accounts) {
    const list = byCustomer.get(a.customer_id);
    if (list) list.push(a);
    else byCustomer.set(a.customer_id, [a]);
  }
  const sumsOf = new Map<number, repo.FigureSums>();
  for (const s of sums) sumsOf.set(s.id, s);
  const prevMonth = addMonths(asOf, -1);
  const monthEndText = `${asOf}-31`; // text comparison: any day of the month is ≤ YYYY-MM-31
  return customers.map((c) => {
    const held = (byCustomer.get(c.id) ?? []).map((a) => ({
      product: a.product,
      currency: a.currency,
      openedOn: a.opened_on,
      closedOn: a.closed_on,
    }));
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
    const now = inferLifecycle({ month: asOf, accounts: held, totals }, rules.lifecycle);
    const before = inferLifecycle(
      {
        month: prevMonth,
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
    const model = modelValue(
      {
        realized: s.realized,
        potential: potential.value,
        loyalty: null,
        growth: held.length === 0 ? null : changeOf(measureRecent, measureBefore),
        creditGrade: c.credit_grade as CreditGrade | null,
      },
      rules.value,
    );
    const suggestion = suggestRelationshipTier(
      { kind, openAccounts: open.length, realized: s.realized, financialAssets: c.financial_assets },
      rules.relationshipTier,
    );
    const modelTenths = Math.round(model.score * 10);
    const manual = c.lifecycle_manual === 1;
    const changed =
      c.realized_value !== s.realized ||
      c.potential_value !== potential.value ||
      c.model_value !== modelTenths ||
      c.value_as_of !== asOf ||
      c.lifecycle_inferred !== now.stage ||
      c.lifecycle_prev !== before.stage ||
      c.tier_suggested !== suggestion.tier ||
      (!manual && c.lifecycle_stage !== now.stage);
    return {
      id: c.id,
      ownerId: c.owner_id,
      realized: s.realized,
      potential: potential.value,
      model: modelTenths,
      stage: manual ? (c.lifecycle_stage as LifecycleStage) : now.stage,
      inferred: now.stage,
      prev: before.stage,
      suggested: suggestion.tier,
      manual,
      valueTier: c.value_tier,
      changed,
      stageChange:
        !manual && c.lifecycle_stage !== now.stage
          ? { from: c.lifecycle_stage, evidence: JSON.stringify(now.evidence) }
          : null,
    };
  });
}

// ---- the whole bank: tiers and analyses

const STAGES = LIFECYCLE_STAGES.codes;
const SUGGESTIONS = CUSTOMER_TIERS.codes;
const NONE = 255;
const stageIndex = (s: string | null) => (s === null ? NONE : STAGES.indexOf(s as LifecycleStage));
const tierIndex = (t: string | null) => (t === null ? NONE : PARETO_TIERS.indexOf(t as ParetoTier));

const COLUMNS = {
  ids: Int32Array,
  owners: Int32Array, // 0: none
  realized: Float64Array,
  potential: Float64Array,
  model: Int32Array,
  stage: Uint8Array,
  inferred: Uint8Array, // NONE: not inferred yet
  prev: Uint8Array,
  suggested: Uint8Array,
  manual: Uint8Array,
  tier: Uint8Array, // index in PARETO_TIERS, NONE: none
  changed: Uint8Array, // 1: the run computed values that differ from the stored ones
} as const;
type Columns = { [K in keyof typeof COLUMNS]: InstanceType<(typeof COLUMNS)[K]> };

/**
 * Column-wise facts of every customer: what the tiers, the writes and the analyses read (typed
 * arrays: a million customers in ~40 MB, nothing for the garbage collector to walk).
 */
class Facts {
  n = 0;
  c: Columns;
  constructor(capacity: number) {
    this.c = Facts.columns(Math.max(16, capacity));
  }
  private static columns(capacity: number) {
    const out = {} as Record<string, unknown>;
    for (const [k, Type] of Object.entries(COLUMNS)) out[k] = new Type(capacity);
    return out as Columns;
  }
  /** Appends a computed customer; answers its index. */
  add(x: ComputedCustomer) {
    if (this.n === this.c.ids.length) {
      const bigger = Facts.columns(this.n * 2);
      for (const k of Object.keys(COLUMNS) as (keyof Columns)[]) (bigger[k] as Int32Array).set(this.c[k]);
      this.c = bigger;
    }
    const i = this.n++;
    this.c.ids[i] = x.id;
    this.c.tier[i] = tierIndex(x.valueTier);
    this.set(i, x);
    return i;
  }
  /** Lays a computed customer over its stored facts (ids ascending); −1 when it is no longer there. */
  overlay(x: ComputedCustomer) {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const id = this.c.ids[mid]!;
      if (id === x.id) {
        this.set(mid, x);
        return mid;
      }
      if (id < x.id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  private set(i: number, x: ComputedCustomer) {
    const c = this.c;
    c.owners[i] = x.ownerId ?? 0;
    c.realized[i] = x.realized;
    c.potential[i] = x.potential;
    c.model[i] = x.model;
    c.stage[i] = stageIndex(x.stage);
    c.inferred[i] = stageIndex(x.inferred);
    c.prev[i] = stageIndex(x.prev);
    c.suggested[i] = SUGGESTIONS.indexOf(x.suggested);
    c.manual[i] = x.manual ? 1 : 0;
    c.changed[i] = x.changed ? 1 : 0;
  }
}

async function storedFacts(db: Db): Promise<Facts> {
  const rows = await repo.portfolioFacts(db);
  const f = new Facts(rows.length);
  const c = f.c;
  for (const r of rows) {
    const i = f.n++;
    c.ids[i] = r.id;
    c.owners[i] = r.owner_id ?? 0;
    c.realized[i] = r.realized_value ?? 0;
    c.stage[i] = stageIndex(r.lifecycle_stage);
    c.inferred[i] = stageIndex(r.lifecycle_inferred);
    c.prev[i] = stageIndex(r.lifecycle_prev);
    c.manual[i] = r.lifecycle_manual;
    c.tier[i] = tierIndex(r.value_tier);
  }
  return f;
}

function rankAndTier(f: Facts, cutoffs: Rules['pareto']) {
  const ids = f.c.ids.subarray(0, f.n);
  const values = f.c.realized.subarray(0, f.n);
  const ranked = rankByValue(ids, values);
  const { tiersInRank } = paretoOfRanked(values, ranked, cutoffs, 0);
  const tiers = new Uint8Array(f.n);
  for (let r = 0; r < ranked.length; r++) tiers[ranked[r]!] = PARETO_TIERS.indexOf(tiersInRank[r]!);
  return { tiers, ranked };
}

/**
 * Writes what changed — values, stage and tier in one UPDATE per customer, the tier alone where only
 * it moved, and the stage changes into the history — in transactions of about WRITE_BATCH customers
 * (fewer commits, each a sync to disk, than one per range; and no reader waits for the whole run).
 */
async function writeChanges(
  p: Progress,
  f: Facts,
  tiers: Uint8Array,
  stageChanges: StageChanges,
  asOf: string,
  at: string,
) {
  const c = f.c;
  let values: repo.ValueUpdate[] = [];
  let history: Insertable<LifecycleHistoryTable>[] = [];
  let tierOnly = new Map<string, number[]>();
  let batch = 0;
  const flush = async () => {
    if (batch === 0) return;
    const [v, h, t] = [values, history, tierOnly];
    values = [];
    history = [];
    tierOnly = new Map();
    batch = 0;
    await p.db.transaction().execute(async (trx) => {
      await repo.writeValues(trx, v);
      await repo.writeTiers(trx, t);
      await repo.insertHistory(trx, h);
    });
    await beat(p);
    await yieldToRequests();
  };
  for (let i = 0; i < f.n; i++) {
    const tierMoved = c.tier[i] !== tiers[i];
    if (!c.changed[i] && !tierMoved) continue;
    const id = c.ids[i]!;
    const tier = PARETO_TIERS[tiers[i]!]!;
    if (c.changed[i]) {
      values.push({
        id,
        realized_value: c.realized[i]!,
        potential_value: c.potential[i]!,
        model_value: c.model[i]!,
        value_as_of: asOf,
        lifecycle_inferred: STAGES[c.inferred[i]!]!,
        lifecycle_prev: STAGES[c.prev[i]!]!,
        tier_suggested: SUGGESTIONS[c.suggested[i]!]!,
        value_tier: tier,
      });
      const change = stageChanges[i];
      if (change) history.push(historyRow(id, STAGES[c.inferred[i]!]!, change, asOf, at));
    } else {
      const list = tierOnly.get(tier);
      if (list) list.push(id);
      else tierOnly.set(tier, [id]);
    }
    c.tier[i] = tiers[i]!;
    p.changed++;
    if (++batch >= WRITE_BATCH) await flush();
  }
  await flush();
}

function historyRow(id: number, stage: string, change: StageChange, asOf: string, at: string) {
  return {
    customer_id: id,
    stage,
    previous_stage: change.from,
    manual: 0,
    reason: null,
    changed_by: null,
    changed_at: at,
    as_of: asOf,
    evidence_json: change.evidence,
  };
}

/** The analysis of every portfolio for the month: the bank, each branch, team and RM. */
async function writeSnapshots(
  db: Kysely<DB>,
  runId: number,
  asOf: string,
  f: Facts,
  ranked: Uint32Array,
  cutoffs: Rules['pareto'],
  at: string,
) {
  const [users, teams] = await repo.organisation(db);
  const teamOf = new Map(users.map((u) => [u.id, u.team_id]));
  const branchOf = new Map(teams.map((t) => [t.id, t.branch_id]));
  const groups = new Map<string, number[]>([['bank:0', []]]);
  const push = (key: string, i: number) => {
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  };
  // In the bank's ranking order, so every portfolio's list is ranked too.
  for (let r = 0; r < ranked.length; r++) {
    const i = ranked[r]!;
    push('bank:0', i);
    const owner = f.c.owners[i]!;
    if (owner === 0) continue;
    push(`rm:${owner}`, i);
    const team = teamOf.get(owner);
    if (team == null) continue;
    push(`team:${team}`, i);
    const branch = branchOf.get(team);
    if (branch != null) push(`branch:${branch}`, i);
  }
  const values = f.c.realized.subarray(0, f.n);
  const rows = [...groups].map(([key, members]) => {
    const [scope, scopeId] = key.split(':') as [string, string];
    const { result } = paretoOfRanked(values, members, cutoffs, 100);
    return {
      as_of: asOf,
      scope,
      scope_id: Number(scopeId),
      run_id: runId,
      customers: members.length,
      top20_share: result.top20Share,
      pareto_json: JSON.stringify(result),
      lifecycle_json: JSON.stringify(lifecycleOf(f, members)),
      created_at: at,
    };
  });
  await db.transaction().execute((trx) => repo.replaceSnapshots(trx, asOf, rows));
}

export interface LifecycleSnapshot {
  distribution: Partial<Record<LifecycleStage, number>>;
  manual: number;
  /** [from, to, count]: the inferred stage of the month before → of the month */
  transitions: [LifecycleStage, LifecycleStage, number][];
}

function lifecycleOf({ c }: Facts, members: number[]): LifecycleSnapshot {
  const distribution: Partial<Record<LifecycleStage, number>> = {};
  const moves = new Map<number, number>();
  let manual = 0;
  for (const i of members) {
    const stage = STAGES[c.stage[i]!];
    if (stage) distribution[stage] = (distribution[stage] ?? 0) + 1;
    if (c.manual[i]) manual++;
    if (c.prev[i] !== NONE && c.inferred[i] !== NONE) {
      const key = c.prev[i]! * 16 + c.inferred[i]!;
      moves.set(key, (moves.get(key) ?? 0) + 1);
    }
  }
  const transitions = [...moves]
    .sort((a, b) => a[0] - b[0])
    .map(
      ([key, count]) =>
        [STAGES[Math.floor(key / 16)]!, STAGES[key % 16]!, count] as [LifecycleStage, LifecycleStage, number],
    );
  return { distribution, manual, transitions };
}
