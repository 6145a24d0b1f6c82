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

import {
  type AcquisitionRate,
  acquisitionRate,
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
  return WAITING_STAGES.map((stage) => {
    const values = perStage.get(stage)!;
    const med = median(values);
    const avg = mean(values);
    return {
      stage,
      prospects: values.length,
      medianDays: med === null ? null : round1(med),
      meanDays: avg === null ? null : round1(avg),
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
  const rank = (s: string) => {
    const i = sourceOrder.indexOf(s);
    return i < 0 ? sourceOrder.length : i;
  };
  return acquisitionBy(
    prospects,
    (p) => p.source,
    (p) => p.furthest,
  )
    .map(({ key, ...rate }) => {
      const mine = prospects.filter((p) => p.source === key);
      const won = mine.flatMap((p) => (p.daysToEstablish === null ? [] : [p.daysToEstablish]));
      const med = median(won);
      return {
        source: key,
        ...rate,
        disqualified: mine.filter((p) => p.status === 'disqualified').length,
        medianDaysToEstablish: med === null ? null : round1(med),
      };
    })
    .sort((a, b) => b.prospects - a.prospects || rank(a.source) - rank(b.source));
}
