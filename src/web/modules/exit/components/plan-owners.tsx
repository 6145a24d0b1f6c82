import { useQuery } from '@tanstack/react-query';
import { ROLES } from '../../../../shared/codes';
import type { User } from '../../../../shared/schemas/user';
import { get } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { codeLabel } from '../../../i18n';

interface Person {
  id: number;
  name: string;
}

/**
 * Who may own a step of an exit plan (the server asks only for an active user). A team lead picks
 * among the active members of their team and the risk officers (GET /users is open to team leads);
 * an RM cannot list users, so they pick themselves, the customer's RM, or anyone already named on
 * the plan.
 */
export function useStepOwners(known: (Person | null | undefined)[]) {
  const user = useUser();
  const lead = user.role === 'team_lead';
  const users = useQuery({
    queryKey: ['users', 'exit-step-owners'],
    enabled: lead,
    staleTime: 60_000,
    queryFn: async () => (await get<{ items: User[] }>('/users?active=true')).items,
  });
  const options = new Map<number, string>();
  const label = (name: string, role: User['role']) => `${name} · ${codeLabel(ROLES.labels, role)}`;
  options.set(user.id, label(user.displayName, user.role));
  if (lead) {
    for (const u of users.data ?? []) {
      if ((u.teamId === user.teamId && u.teamId !== null) || u.role === 'risk_officer')
        options.set(u.id, label(u.displayName, u.role));
    }
  }
  for (const p of known) if (p && !options.has(p.id)) options.set(p.id, p.name);
  return {
    options: [...options].map(([value, text]) => ({ value, label: text })),
    loading: lead && users.isPending,
  };
}
