import type { Selectable } from 'kysely';
import { checkSmartObjective, type SmartContext } from '../../../domain/smart';
import {
  type Channel,
  type MetricUnit,
  type NeedTag,
  needTags,
  type ObjectiveOutcome,
  type Product,
  type VisitPlanStatus,
} from '../../../shared/codes';
import { fenToYuan, yuanToFen } from '../../../shared/money';
import { bankDate } from '../../../shared/schemas/common';
import type { ObjectiveInput, VisitPlan, VisitPlanSummary } from '../../../shared/schemas/visit-plan';
import type { CustomerRow, VisitObjectiveTable } from '../../db/database';
import type { PlanWithNames } from './visit-plans.repository';

type ObjectiveRow = Selectable<VisitObjectiveTable>;

/** A target as stored: yuan in fen, a percentage in hundredths, a count as it is; null when it cannot be. */
export function storedTarget(
  unit: MetricUnit | null | undefined,
  value: number | null | undefined,
): number | null {
  if (value == null) return null;
  if (unit === 'yuan' || unit === 'percent' || unit == null) return yuanToFen(value);
  return Number.isInteger(value) ? value : null;
}

export function targetOf(unit: string | null, stored: number | null): number | null {
  if (stored === null) return null;
  return unit === 'count' ? stored : fenToYuan(stored);
}

export function objectiveInputOf(row: ObjectiveRow): Required<ObjectiveInput> {
  return {
    what: row.what,
    needTag: row.need_tag as NeedTag | null,
    product: row.product as Product | null,
    metric: row.metric,
    unit: row.unit as MetricUnit | null,
    target: targetOf(row.unit, row.target),
    justification: row.justification,
    dueOn: row.due_on,
  };
}

/** What the SMART check knows of the customer and the plan. */
export function smartContext(
  customer: Pick<CustomerRow, 'kind' | 'annual_revenue' | 'financial_assets' | 'need_mask'>,
  startsAt: string,
  products: readonly Product[],
): SmartContext {
  return {
    visitOn: bankDate(new Date(startsAt)),
    customer: {
      kind: customer.kind as 'corporate' | 'individual',
      annualRevenue: customer.annual_revenue === null ? null : fenToYuan(customer.annual_revenue),
      financialAssets: customer.financial_assets === null ? null : fenToYuan(customer.financial_assets),
      needTags: needTags(customer.need_mask),
    },
    planProducts: products,
  };
}

export const smartOf = (input: ObjectiveInput, context: SmartContext) =>
  checkSmartObjective(
    {
      what: input.what,
      needTag: input.needTag ?? null,
      product: input.product ?? null,
      metric: input.metric ?? null,
      unit: input.unit ?? null,
      target: input.target ?? null,
      justification: input.justification ?? null,
      dueOn: input.dueOn ?? null,
    },
    context,
  );

export function presentPlanSummary(row: PlanWithNames, objectives: ObjectiveRow[]): VisitPlanSummary {
  return {
    id: row.id,
    customer:
      row.customer_id !== null
        ? { id: row.customer_id, code: row.customer_code ?? '', name: row.customer_name ?? '' }
        : null,
    prospect:
      row.prospect_id !== null
        ? { id: row.prospect_id, code: row.prospect_code ?? '', name: row.prospect_name ?? '' }
        : null,
    owner: { id: row.owner_id, name: row.owner_name },
    status: row.status as VisitPlanStatus,
    startsAt: row.starts_at,
    durationMinutes: row.duration_minutes,
    channel: row.channel as Channel,
    place: row.place,
    objectiveCount: objectives.length,
    objectivesMet: objectives.filter((o) => o.outcome === 'met').length,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function presentPlan(
  row: PlanWithNames,
  objectives: ObjectiveRow[],
  extra: {
    customer: Pick<CustomerRow, 'kind' | 'annual_revenue' | 'financial_assets' | 'need_mask'>;
    contacts: { id: number; name: string }[];
    needsApproval: boolean;
    interactionId: number | null;
    memoTaskIds: number[];
  },
): VisitPlan {
  const products = JSON.parse(row.products_json) as Product[];
  const context = smartContext(extra.customer, row.starts_at, products);
  const presented = objectives.map((o) => {
    const input = objectiveInputOf(o);
    return {
      id: o.id,
      ...input,
      outcome: o.outcome as ObjectiveOutcome | null,
      actual: targetOf(o.unit, o.actual),
      smart: smartOf(input, context),
    };
  });
  return {
    ...presentPlanSummary(row, objectives),
    contacts: extra.contacts,
    participants: JSON.parse(row.participants_json),
    timingRationale: row.timing_rationale,
    entryPoint: row.entry_point,
    agenda: row.agenda,
    products,
    offer: row.offer,
    objectives: presented,
    smartOk: presented.length > 0 && presented.every((o) => o.smart.ok),
    needsApproval: extra.needsApproval,
    submittedAt: row.submitted_at,
    decidedBy: row.decided_by !== null ? { id: row.decided_by, name: row.decided_by_name ?? '' } : null,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    summary: row.summary,
    needsFound: row.needs_found_mask === null ? [] : needTags(row.needs_found_mask),
    completedAt: row.completed_at,
    interactionId: extra.interactionId,
    memoTaskIds: extra.memoTaskIds,
    createdAt: row.created_at,
  };
}

/** What the audit log keeps of a plan. */
export function planAuditView(row: {
  status: string;
  starts_at: string;
  duration_minutes: number;
  channel: string;
  place: string | null;
  contact_ids_json: string;
  participants_json: string;
  timing_rationale: string | null;
  entry_point: string | null;
  agenda: string | null;
  products_json: string;
  offer: string | null;
}) {
  return {
    status: row.status,
    startsAt: row.starts_at,
    durationMinutes: row.duration_minutes,
    channel: row.channel,
    place: row.place,
    contactIds: JSON.parse(row.contact_ids_json),
    participants: JSON.parse(row.participants_json),
    timingRationale: row.timing_rationale,
    entryPoint: row.entry_point,
    agenda: row.agenda,
    products: JSON.parse(row.products_json),
    offer: row.offer,
  };
}
