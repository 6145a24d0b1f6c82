import type { AppDeps } from '../../deps';
import type { AuditContext } from '../../http/audit';
import { writeAudit } from '../../http/audit';
import { repeatEvery } from '../../repeat';
import { notify } from '../tasks/tasks.service';
import * as repo from './complaints.repository';

// Escalation to the team lead when a case breaches its deadline (issue #8, DOMAIN §5). Who hears of
// it: the team lead of the assignee's team (when the assignee is that lead, or the team has none, an
// administrator), and the assignee. It runs when a case is entered or edited already overdue, before
// the day page's alerts are read, and every minute from the timer below. Every instance may sweep at
// once (PostgreSQL): the UPDATE only takes a case not yet escalated, so each is escalated once.

const TICK_MS = 60_000;

/** Escalates every open case past its deadline not escalated yet (or only those of `ids`); answers their ids. */
export async function escalateOverdue(deps: AppDeps, options: { ids?: readonly number[] } = {}) {
  const now = deps.clock().toISOString();
  const cases = await repo.overdueCases(deps.db, now, options.ids);
  if (cases.length === 0) return [];
  const teamIds = [...new Set(cases.map((c) => c.assignee_team_id).filter((t): t is number => t !== null))];
  const targets = await repo.escalationTargets(deps.db, teamIds);
  const admins = targets.filter((t) => t.role === 'admin');
  const ctx: AuditContext = { actor: null, at: now, ip: null };
  const escalated: number[] = [];
  const failures: unknown[] = [];
  for (const c of cases) {
    const lead =
      targets.find(
        (t) =>
          t.role === 'team_lead' &&
          c.assignee_team_id !== null &&
          t.team_id === c.assignee_team_id &&
          t.id !== c.assignee_id,
      ) ??
      admins.find((a) => a.id !== c.assignee_id) ??
      admins[0] ??
      null;
    try {
      const done = await deps.db.transaction().execute(async (trx) => {
        if (!(await repo.markEscalated(trx, c.id, now, lead?.id ?? null))) return false;
        await writeAudit(trx, ctx, {
          action: 'escalate',
          entity: 'complaint',
          entityId: c.id,
          customerId: c.customer_id,
          before: { escalatedAt: null, escalatedTo: null },
          after: { escalatedAt: now, escalatedTo: lead?.id ?? null },
          reason: `deadline ${c.deadline_at} passed`,
        });
        const params = {
          subject: c.subject,
          kind: c.kind,
          customerId: c.customer_id,
          customerName: c.customer_name,
          deadlineAt: c.deadline_at,
          assignee: c.assignee_name,
          escalatedTo: lead?.display_name ?? null,
        };
        const recipients = [...new Set([lead?.id, c.assignee_id])].filter(
          (id): id is number => id !== undefined && id !== null,
        );
        await notify(
          trx,
          now,
          recipients.map((userId) => ({
            userId,
            kind: 'complaint_escalated' as const,
            params,
            entity: 'complaint' as const,
            entityId: c.id,
          })),
        );
        return true;
      });
      if (done) escalated.push(c.id);
    } catch (err) {
      // One case that cannot be written must not hold back the others; the error is still told.
      failures.push(err);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, `${failures.length} escalations failed`);
  return escalated;
}

/** Sweeps every minute (and once now, to catch up after downtime); answers the function that stops it. */
export const scheduleComplaintEscalation = (deps: AppDeps, onError: (err: unknown) => void) =>
  repeatEvery(TICK_MS, () => escalateOverdue(deps), onError, { now: true });
