import { bankDate, bankDayStart } from '../../../shared/schemas/common';
import type { TeamOverview } from '../../../shared/schemas/day';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { invalidField, notFound } from '../../http/errors';
import * as repo from './team.repository';

// The team lead's views (issue #5 part 8): the team's plans by status, objective attainment per RM
// (met ÷ objectives with an outcome, of completed visits), and contacts per customer per month.

const MAX_DAYS = 366;

export async function teamOverview(
  deps: AppDeps,
  viewer: Viewer,
  query: { from: string; to: string; teamId?: number | undefined },
): Promise<TeamOverview> {
  if (query.to < query.from) throw invalidField('querystring.to', 'must not be before from');
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 + 1;
  if (days > MAX_DAYS) throw invalidField('querystring.to', `a period of at most ${MAX_DAYS} days`);
  const teamId = viewer.role === 'admin' ? query.teamId : viewer.teamId;
  if (teamId == null) throw invalidField('teamId', 'which team');
  if (viewer.role !== 'admin' && query.teamId !== undefined && query.teamId !== viewer.teamId) {
    throw notFound('Team');
  }
  const team = await repo.teamById(deps.db, teamId);
  if (!team) throw notFound('Team');
  const people = await repo.members(deps.db, teamId);
  const ids = people.map((p) => p.id);
  const fromAt = bankDayStart(query.from);
  const toAt = bankDayStart(query.to, 1);
  const [statuses, outcomes, contacts, owned] =
    ids.length === 0
      ? [[], [], [], []]
      : await Promise.all([
          repo.planStatuses(deps.db, ids, fromAt, toAt),
          repo.objectiveOutcomes(deps.db, ids, fromAt, toAt),
          repo.contacts(deps.db, ids, fromAt, toAt),
          repo.customersOwned(deps.db, ids),
        ]);

  const months = new Map<
    string,
    { month: string; userId: number; contacts: number; customers: Set<number> }
  >();
  const perMember = new Map<number, { contacts: number; customers: Set<number> }>();
  for (const c of contacts) {
    const month = bankDate(new Date(c.occurred_at)).slice(0, 7);
    const key = `${month}\u0000${c.recorded_by}`;
    const m = months.get(key) ?? { month, userId: c.recorded_by, contacts: 0, customers: new Set<number>() };
    m.contacts += 1;
    m.customers.add(c.customer_id);
    months.set(key, m);
    const p = perMember.get(c.recorded_by) ?? { contacts: 0, customers: new Set<number>() };
    p.contacts += 1;
    p.customers.add(c.customer_id);
    perMember.set(c.recorded_by, p);
  }

  return {
    team: { id: team.id, name: team.name },
    members: people.map((p) => {
      const plans: Record<string, number> = {};
      for (const s of statuses) if (s.owner_id === p.id) plans[s.status] = Number(s.n);
      const by = (outcome: string) =>
        Number(outcomes.find((o) => o.owner_id === p.id && o.outcome === outcome)?.n ?? 0);
      const met = by('met');
      const partly = by('partly');
      const notMet = by('not_met');
      const total = met + partly + notMet;
      const mine = perMember.get(p.id);
      return {
        user: { id: p.id, name: p.display_name },
        plans,
        objectives: { met, partly, notMet, total, attainment: total === 0 ? null : met / total },
        contacts: mine?.contacts ?? 0,
        customersContacted: mine?.customers.size ?? 0,
        customersOwned: Number(owned.find((o) => o.owner_id === p.id)?.n ?? 0),
      };
    }),
    contactsByMonth: [...months.values()]
      .sort((a, b) => a.month.localeCompare(b.month) || a.userId - b.userId)
      .map((m) => ({
        month: m.month,
        userId: m.userId,
        contacts: m.contacts,
        customers: m.customers.size,
        perCustomer: m.contacts / m.customers.size,
      })),
  };
}
