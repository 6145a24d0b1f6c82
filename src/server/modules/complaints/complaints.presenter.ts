import { hoursToResolve, isBreached } from '../../../domain/complaints';
import type {
  Channel,
  FeedbackCategory,
  FeedbackKind,
  FeedbackSeverity,
  FeedbackStatus,
} from '../../../shared/codes';
import type { Complaint } from '../../../shared/schemas/complaint';
import type { ComplaintWithNames } from './complaints.repository';

// Rows of complaints become the API's shape here; the row types stay in the module.

const person = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

export function presentComplaint(row: ComplaintWithNames, now: Date): Complaint {
  const times = { deadlineAt: row.deadline_at, resolvedAt: row.resolved_at };
  return {
    id: row.id,
    customer: { id: row.customer_id, code: row.customer_code, name: row.customer_name },
    kind: row.kind as FeedbackKind,
    channel: row.channel as Channel,
    category: row.category as FeedbackCategory,
    severity: row.severity as FeedbackSeverity,
    status: row.status as FeedbackStatus,
    subject: row.subject,
    description: row.description,
    receivedAt: row.received_at,
    deadlineAt: row.deadline_at,
    breached: isBreached(times, now),
    assignee: person(row.assignee_id, row.assignee_name),
    escalatedAt: row.escalated_at,
    escalatedTo: person(row.escalated_to, row.escalated_to_name),
    resolution: row.resolution,
    resolvedAt: row.resolved_at,
    resolvedBy: person(row.resolved_by, row.resolved_by_name),
    hoursToResolve: hoursToResolve(row.received_at, row.resolved_at),
    fixSatisfaction: row.fix_satisfaction,
    version: row.version,
    createdBy: person(row.created_by, row.created_by_name),
    createdAt: row.created_at,
  };
}

/** The case as the API names its fields: the before/after of audit entries. */
export function complaintAuditView(row: {
  kind: string;
  channel: string;
  category: string;
  severity: string;
  status: string;
  subject: string;
  description: string;
  received_at: string;
  deadline_at: string | null;
  assignee_id: number | null;
  resolution: string | null;
  resolved_at: string | null;
  resolved_by: number | null;
  fix_satisfaction: number | null;
}) {
  return {
    kind: row.kind,
    channel: row.channel,
    category: row.category,
    severity: row.severity,
    status: row.status,
    subject: row.subject,
    description: row.description,
    receivedAt: row.received_at,
    deadlineAt: row.deadline_at,
    assigneeId: row.assignee_id,
    resolution: row.resolution,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    fixSatisfaction: row.fix_satisfaction,
  };
}
