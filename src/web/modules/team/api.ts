import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TeamOverview } from '../../../shared/schemas/day';
import type { teamSchema } from '../../../shared/schemas/user';
import { get, patch, qs } from '../../app/api';

// Server calls of the team page: the overview of a period, the teams, and the team's setting
// whether visit plans need the team lead's approval.

export type { TeamOverview };
export type Team = z.output<typeof teamSchema>;
export type TeamMember = TeamOverview['members'][number];

export interface OverviewQuery {
  from: string;
  to: string;
  teamId?: number | undefined;
}

export function useTeamOverview(query: OverviewQuery, enabled = true) {
  return useQuery({
    queryKey: ['team', 'overview', query],
    enabled,
    queryFn: () => get<TeamOverview>(`/team/overview${qs({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

const TEAMS = ['team', 'teams'] as const;

export function useTeams() {
  return useQuery({
    queryKey: TEAMS,
    staleTime: 30_000,
    queryFn: async () => (await get<{ items: Team[] }>('/teams')).items,
  });
}

export function useSetPlansNeedApproval() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, plansNeedApproval }: { id: number; plansNeedApproval: boolean }) =>
      patch<Team>(`/teams/${id}`, { plansNeedApproval }),
    onSuccess: (team) => {
      queryClient.setQueryData<Team[]>(TEAMS, (teams) => teams?.map((t) => (t.id === team.id ? team : t)));
      // The administration page keeps its own copy of the teams.
      void queryClient.invalidateQueries({ queryKey: ['admin', 'teams'] });
    },
  });
}
