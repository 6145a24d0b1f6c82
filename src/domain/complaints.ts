// Complaints and suggestions 投诉和建议制度: DOMAIN §5 (the first survey method). Each complaint or
// suggestion has a deadline by its severity (our rule, configurable, in days from when the bank
// received it); praise has none. Pure, no I/O.
//
// A case is breached when it is still open after its deadline, or was resolved after it: at exactly
// the deadline it is due, not breached. Breaching escalates it to the team lead once.

import type { FeedbackKind, FeedbackSeverity } from '../shared/codes';

export type ComplaintDeadlines = Record<FeedbackSeverity, number>;

/** Days to resolve, by severity (our rule; the regulator's outer limit for a complaint is 15 days). */
export const DEFAULT_COMPLAINT_DEADLINES: ComplaintDeadlines = { urgent: 1, high: 3, normal: 7, low: 15 };

const DAY_MS = 86_400_000;

/** The deadline (ISO instant), or null for praise. */
export function deadlineFor(
  kind: FeedbackKind,
  severity: FeedbackSeverity,
  receivedAt: string,
  deadlines: ComplaintDeadlines,
): string | null {
  if (kind === 'praise') return null;
  return new Date(Date.parse(receivedAt) + deadlines[severity] * DAY_MS).toISOString();
}

export interface CaseTimes {
  deadlineAt: string | null;
  resolvedAt: string | null;
}

/** Open after the deadline, or resolved after it. */
export function isBreached({ deadlineAt, resolvedAt }: CaseTimes, now: Date): boolean {
  if (deadlineAt === null) return false;
  const deadline = Date.parse(deadlineAt);
  const end = resolvedAt === null ? now.getTime() : Date.parse(resolvedAt);
  return end > deadline;
}

/** An open case whose deadline has passed and that was not escalated yet. */
export function needsEscalation(c: CaseTimes & { escalatedAt: string | null }, now: Date) {
  return c.resolvedAt === null && c.escalatedAt === null && isBreached(c, now);
}

/** Hours from receipt to resolution, one decimal; null while open. */
export function hoursToResolve(receivedAt: string, resolvedAt: string | null): number | null {
  if (resolvedAt === null) return null;
  return Math.round((Date.parse(resolvedAt) - Date.parse(receivedAt)) / 360_000) / 10;
}
