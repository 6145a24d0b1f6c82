import type { ChurnEvidence } from '../../../domain/churn';
import type { LoyaltyIndex } from '../../../domain/loyalty';
import { addMonths } from '../../../domain/months';
import { LOYALTY_MEASURES } from '../../../shared/codes';
import type { ChurnRecordTable, CustomerLoyaltyTable, Db } from '../../db/database';
import type { Range } from '../customer-value/customer-value.repository';
import { completedWholeExits } from '../exit/plans.repository';
import * as repo from './loyalty.repository';
import { LOYALTY_LOOKBACK_MONTHS } from './loyalty-settings';

// What the value run reads, per range of customers, to score loyalty and find the customers lost
// (issue #8): the RM assessments, complaints, survey answers on the loyalty items, each customer's
// stored loyalty and open churn record; and the rows it writes when they change.

export interface LoyaltyRangeFacts {
  assessments: Map<number, { price: number; competitor: number }>;
  complaints: Map<number, { complaints: number; fixSatisfaction: number | null }>;
  /** mean perceived score (1–7) on the survey items of each attitude */
  perceptions: Map<number, { price: number | null; competitor: number | null }>;
  stored: Map<number, CustomerLoyaltyTable>;
  openChurn: Map<number, number>;
  /** the day each customer's whole exit was completed (issue #9) */
  exits: Map<number, string>;
}

/** The start of the lookback window ending with the month, as an ISO instant's prefix. */
export const lookbackStart = (asOf: string) => `${addMonths(asOf, 1 - LOYALTY_LOOKBACK_MONTHS)}-01`;

type Attitude = 'price_sensitivity' | 'competitor_attitude';
const definitions = new Map<number, Map<string, Attitude>>();

/** Which item of a campaign measures which attitude; campaigns never change their copy of the template. */
async function measuresOf(db: Db, campaignIds: number[]) {
  const missing = campaignIds.filter((id) => !definitions.has(id));
  for (const c of await repo.campaignDefinitions(db, missing)) {
    const def = JSON.parse(c.template_json) as { items: { key: string; loyaltyMeasure?: Attitude | null }[] };
    definitions.set(
      c.id,
      new Map(def.items.flatMap((i) => (i.loyaltyMeasure ? [[i.key, i.loyaltyMeasure] as const] : []))),
    );
  }
  return definitions;
}

export async function readLoyaltyFacts(db: Db, range: Range, asOf: string): Promise<LoyaltyRangeFacts> {
  const since = lookbackStart(asOf);
  const [assessments, complaints, answers, stored, openChurn, exits] = await Promise.all([
    repo.latestAssessments(db, range),
    repo.complaintStats(db, range, since),
    repo.surveyPerceptions(db, range, since),
    repo.storedLoyalty(db, range),
    repo.openChurn(db, range),
    completedWholeExits(db, range),
  ]);
  const perceptions = new Map<number, { price: number | null; competitor: number | null }>();
  if (answers.length > 0) {
    const measures = await measuresOf(db, [...new Set(answers.map((a) => a.campaign_id))]);
    const sums = new Map<number, { p: number; pn: number; c: number; cn: number }>();
    for (const a of answers) {
      const m = measures.get(a.campaign_id)?.get(a.item_key);
      if (!m) continue;
      const s = sums.get(a.customer_id) ?? { p: 0, pn: 0, c: 0, cn: 0 };
      if (m === 'price_sensitivity') {
        s.p += a.perceived;
        s.pn++;
      } else {
        s.c += a.perceived;
        s.cn++;
      }
      sums.set(a.customer_id, s);
    }
    for (const [id, s] of sums)
      perceptions.set(id, { price: s.pn ? s.p / s.pn : null, competitor: s.cn ? s.c / s.cn : null });
  }
  return { assessments, complaints, perceptions, stored, openChurn, exits };
}

const perMille = (x: number | null) => (x === null ? null : Math.round(x * 1000));

export function loyaltyRow(customerId: number, asOf: string, l: LoyaltyIndex): CustomerLoyaltyTable {
  const row: CustomerLoyaltyTable = {
    customer_id: customerId,
    as_of: asOf,
    loyalty_index: perMille(l.index),
    repeat_purchases: null,
    price_sensitivity: null,
    competitor_attitude: null,
    problem_attitude: null,
    growth: null,
    retention: null,
  };
  for (const m of l.measures) row[m.measure] = perMille(m.score);
  return row;
}

export function sameLoyalty(a: CustomerLoyaltyTable | undefined, b: CustomerLoyaltyTable) {
  if (!a) return false;
  return (
    a.as_of === b.as_of &&
    a.loyalty_index === b.loyalty_index &&
    LOYALTY_MEASURES.codes.every((m) => a[m] === b[m])
  );
}

/** A new churn record: lost in the month the last product closed, or in the month of the run. */
export function churnRow(
  customerId: number,
  evidence: ChurnEvidence,
  /** the last product's closing (all closed) or the exit's completion (exit) */
  endedOn: string | null,
  asOf: string,
  at: string,
): Omit<ChurnRecordTable, 'id'> {
  return {
    customer_id: customerId,
    lost_month: evidence.cause !== 'balance_drop' && endedOn ? endedOn.slice(0, 7) : asOf,
    cause: evidence.cause,
    evidence_json: JSON.stringify(evidence),
    reason: evidence.cause === 'exit' ? 'bank_exit' : null,
    note: null,
    recorded_by: null,
    recorded_at: null,
    returned_month: null,
    detected_at: at,
    version: 1,
  };
}
