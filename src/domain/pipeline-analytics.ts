// Analytics of the prospect pipeline: DOMAIN §4 (the stages of developing a new customer, the
// acquisition rate 获取率, source effectiveness of the prospecting methods 搜寻方式). Pure functions
// over each prospect's stage history; the funnel and the acquisition rate themselves are pipeline.ts.
//
// Our rules, where the text names the figures but not how to count them:
// - Time in stage covers the stages a prospect waits in before it is won (`sourced` … `engaged`);
//   `established` and `product_followup` are the outcome, and `disqualified` is not a stage. A stay
//   runs from the change that entered the stage to the next change; the last stay, still open, runs
//   until `asOf`. A prospect that entered a stage twice (it was moved back) counts the sum of both
//   stays, once, so `prospects` is how many prospects spent time in the stage.
// - Days are fractional and the figures rounded to one decimal.
// - Days to establish run from the first change of the history (the prospect's creation) to its first
//   entry into `established` (or `product_followup`, should history skip `established`).
//
// At a bank's scale the server does not hand every prospect's history to these functions: its
// repository computes the same per-prospect figures in SQL (furthest stage, stays, days to establish)
// and aggregates them there, and the `…Of` functions below turn those counts and medians into the
// answer. The list-based functions remain the rules' definition; the API tests hold the SQL to them.

import {
  type AcquisitionRate,
  acquisitionRate,
  type FunnelStep,
  funnel,
  PIPELINE_STAGES,
  type PipelineStage,
  type ProspectStatus,
  stageIndex,
} from './pipeline';

const DAY_MS = 86_400_000;

/** One row of a prospect's stage history: the status it entered, and when (an ISO instant). */
export interface StatusChange {
  status: ProspectStatus;
  at: string;
}

/** The stages a prospect waits in before it is won: the ones time in stage is measured for. */
export const WAITING_STAGES: readonly PipelineStage[] = PIPELINE_STAGES.filter(
  (s) => stageIndex(s) < stageIndex('established'),
);

const isWaiting = (s: ProspectStatus): s is PipelineStage =>
  s !== 'disqualified' && WAITING_STAGES.includes(s);
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Days one prospect spent in each waiting stage, from its history (oldest first). The last stay is
 * still open and counts up to `asOf`; a stay never counts less than 0 days (a clock set back).
 */
export function stageDays(
  history: readonly StatusChange[],
  asOf: string,
): Partial<Record<PipelineStage, number>> {
  const days: Partial<Record<PipelineStage, number>> = {};
  history.forEach((change, i) => {
    if (!isWaiting(change.status)) return;
    const end = history[i + 1]?.at ?? asOf;
    const stay = Math.max(0, (Date.parse(end) - Date.parse(change.at)) / DAY_MS);
    days[change.status] = (days[change.status] ?? 0) + stay;
  });
  return days;
}

export interface StageTime {
  stage: PipelineStage;
  /** Prospects that spent time in the stage. */
  prospects: number;
  medianDays: number | null;
  meanDays: number | null;
}

/** Median and mean days in each waiting stage over many prospects' histories. */
export function timeInStage(histories: readonly (readonly StatusChange[])[], asOf: string): StageTime[] {
  const perStage = new Map<PipelineStage, number[]>(WAITING_STAGES.map((s) => [s, []]));
  for (const history of histories) {
    for (const [stage, days] of Object.entries(stageDays(history, asOf)))
      perStage.get(stage as PipelineStage)!.push(days);
  }
  return timeInStageOf(
    new Map(
      [...perStage].map(([stage, values]) => [
        stage,
        {
          prospects: values.length,
          totalDays: values.reduce((a, b) => a + b, 0),
          medianDays: median(values),
        },
      ]),
    ),
  );
}

/** The days a group of prospects spent in one stage: how many, their sum and their median. */
export interface StageStays {
  prospects: number;
  totalDays: number;
  medianDays: number | null;
}

/** Time in stage from each waiting stage's stays, summed and their median taken elsewhere (SQL). */
export function timeInStageOf(stays: ReadonlyMap<PipelineStage, StageStays>): StageTime[] {
  return WAITING_STAGES.map((stage) => {
    const s = stays.get(stage);
    if (!s || s.prospects === 0) return { stage, prospects: 0, medianDays: null, meanDays: null };
    return {
      stage,
      prospects: s.prospects,
      medianDays: s.medianDays === null ? null : round1(s.medianDays),
      meanDays: round1(s.totalDays / s.prospects),
    };
  });
}

/** Days from the first change of the history to the first entry into `established`; null if never. */
export function daysToEstablish(history: readonly StatusChange[]): number | null {
  const first = history[0];
  const won = history.find((c) => c.status === 'established' || c.status === 'product_followup');
  if (!first || !won) return null;
  return Math.max(0, (Date.parse(won.at) - Date.parse(first.at)) / DAY_MS);
}

export interface GroupRate<K> extends AcquisitionRate {
  key: K;
  /** Prospects of the group, approached or not. */
  prospects: number;
}

/**
 * The acquisition rate of each group, in the order the groups first appear. Keys are compared with
 * `===`, so group by ids or codes, not by objects.
 */
export function acquisitionBy<T, K>(
  items: readonly T[],
  keyOf: (item: T) => K,
  furthestOf: (item: T) => PipelineStage | null,
): GroupRate<K>[] {
  const groups = new Map<K, (PipelineStage | null)[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key) ?? [];
    list.push(furthestOf(item));
    groups.set(key, list);
  }
  return [...groups].map(([key, furthest]) => ({
    key,
    prospects: furthest.length,
    ...acquisitionRate(furthest),
  }));
}

/** How many prospects reached a stage as the furthest one (null: none, only ever disqualified). */
export interface FurthestCount {
  furthest: PipelineStage | null;
  prospects: number;
}

/** The funnel of pipeline.ts over counted prospects instead of a list of them. */
export function funnelOf(counts: readonly FurthestCount[]): FunnelStep[] {
  const reached = PIPELINE_STAGES.map(() => 0);
  for (const { furthest, prospects } of counts) {
    funnel([furthest]).forEach((step, i) => {
      reached[i]! += step.reached * prospects;
    });
  }
  return PIPELINE_STAGES.map((stage, i) => ({
    stage,
    reached: reached[i]!,
    conversion: i === 0 || reached[i - 1] === 0 ? null : reached[i]! / reached[i - 1]!,
  }));
}

/** The acquisition rate of pipeline.ts over counted prospects, with how many they are. */
export function acquisitionRateOf(counts: readonly FurthestCount[]): AcquisitionRate & { prospects: number } {
  let prospects = 0;
  let approached = 0;
  let acquired = 0;
  for (const c of counts) {
    const one = acquisitionRate([c.furthest]);
    prospects += c.prospects;
    approached += one.approached * c.prospects;
    acquired += one.acquired * c.prospects;
  }
  return { prospects, approached, acquired, rate: approached === 0 ? null : acquired / approached };
}

/** `acquisitionBy` over counted prospects: the rate of each key, in the order the keys first appear. */
export function acquisitionByCounts<K>(rows: readonly (FurthestCount & { key: K })[]): GroupRate<K>[] {
  const groups = new Map<K, FurthestCount[]>();
  for (const { key, ...count } of rows) {
    const list = groups.get(key) ?? [];
    list.push(count);
    groups.set(key, list);
  }
  return [...groups].map(([key, counts]) => ({ key, ...acquisitionRateOf(counts) }));
}

/** Every month from the one of `from` to the one of `to` (YYYY-MM-DD or YYYY-MM), as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const months: string[] = [];
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

export interface SourceProspect {
  source: string;
  status: ProspectStatus;
  furthest: PipelineStage | null;
  daysToEstablish: number | null;
}

export interface SourceEffectiveness extends AcquisitionRate {
  source: string;
  prospects: number;
  /** Prospects of the source disqualified now. */
  disqualified: number;
  /** Median days from creation to `established` of the acquired ones; null when none was. */
  medianDaysToEstablish: number | null;
}

/**
 * How well each prospecting method 搜寻方式 works: prospects, approached, acquired, the acquisition
 * rate, the disqualified and how fast the acquired ones were won. Most prospects first, then by the
 * order of `sourceOrder` (the code list).
 */
export function sourceEffectiveness(
  prospects: readonly SourceProspect[],
  sourceOrder: readonly string[] = [],
): SourceEffectiveness[] {
  const bySource = new Map<string, SourceProspect[]>();
  for (const p of prospects) {
    const mine = bySource.get(p.source) ?? [];
    mine.push(p);
    bySource.set(p.source, mine);
  }
  return sourceEffectivenessOf(
    [...bySource].map(([source, mine]) => ({
      source,
      counts: mine.map((p) => ({ furthest: p.furthest, prospects: 1 })),
      disqualified: mine.filter((p) => p.status === 'disqualified').length,
      medianDaysToEstablish: median(
        mine.flatMap((p) => (p.daysToEstablish === null ? [] : [p.daysToEstablish])),
      ),
    })),
    sourceOrder,
  );
}

/** One source's prospects counted by furthest stage, with the figures taken elsewhere (SQL). */
export interface SourceCounts {
  source: string;
  counts: readonly FurthestCount[];
  /** Prospects of the source disqualified now. */
  disqualified: number;
  /** Median days to establish of the prospects that were established, unrounded; null for none. */
  medianDaysToEstablish: number | null;
}

/** Source effectiveness from counts: most prospects first, then by the order of `sourceOrder`. */
export function sourceEffectivenessOf(
  sources: readonly SourceCounts[],
  sourceOrder: readonly string[] = [],
): SourceEffectiveness[] {
  const rank = (s: string) => {
    const i = sourceOrder.indexOf(s);
    return i < 0 ? sourceOrder.length : i;
  };
  return sources
    .map((s) => ({
      source: s.source,
      ...acquisitionRateOf(s.counts),
      disqualified: s.disqualified,
      medianDaysToEstablish: s.medianDaysToEstablish === null ? null : round1(s.medianDaysToEstablish),
    }))
    .sort((a, b) => b.prospects - a.prospects || rank(a.source) - rank(b.source));
}
