import type { ChurnRecord } from '../../../shared/schemas/loyalty';
import type { assessmentsOf, ChurnRecordRow } from './loyalty.repository';

type AssessmentRow = Awaited<ReturnType<typeof assessmentsOf>>[number];

const person = (id: number | null, name: string | null | undefined) =>
  id === null ? null : { id, name: name ?? '' };

export function presentAssessment(r: AssessmentRow) {
  return {
    id: r.id,
    priceSensitivity: r.price_sensitivity,
    competitorAttitude: r.competitor_attitude,
    note: r.note,
    assessedBy: person(r.assessed_by, r.assessed_by_name),
    assessedAt: r.assessed_at,
  };
}

export function presentChurnRecord(r: ChurnRecordRow): ChurnRecord {
  return {
    id: r.id,
    customer: { id: r.customer_id, code: r.customer_code, name: r.customer_name },
    owner: person(r.owner_id, r.owner_name),
    lostMonth: r.lost_month,
    cause: r.cause as ChurnRecord['cause'],
    evidence: JSON.parse(r.evidence_json) as Record<string, unknown>,
    reason: r.reason as ChurnRecord['reason'],
    note: r.note,
    recordedBy: person(r.recorded_by, r.recorded_by_name),
    recordedAt: r.recorded_at,
    returnedMonth: r.returned_month,
    complaintsBefore: Number(r.complaints_before),
    version: r.version,
  };
}
