import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  branchCreateSchema,
  teamCreateSchema,
  User,
  userCreateSchema,
  userPatchSchema,
} from '../../../shared/schemas/user';
import { get, patch, post, qs } from '../../app/api';

// Server calls of the administration pages: users, teams and branches, and the audit log.

export interface Team {
  id: number;
  code: string;
  name: string;
  branchId: number;
  branchName: string;
  memberCount: number;
}

export interface Branch {
  id: number;
  code: string;
  name: string;
}

import type { AuditEntry, AuditPage } from '../../../shared/schemas/audit';

export type { AuditEntry, AuditPage };

export type UserCreateInput = z.input<typeof userCreateSchema>;
export type UserPatchInput = z.input<typeof userPatchSchema>;
export type TeamCreateInput = z.input<typeof teamCreateSchema>;
export type BranchCreateInput = z.input<typeof branchCreateSchema>;

export interface UserFilter {
  q?: string | undefined;
  role?: string | undefined;
  teamId?: string | undefined;
  active?: string | undefined;
}

const USERS = ['admin', 'users'] as const;
const TEAMS = ['admin', 'teams'] as const;
const BRANCHES = ['admin', 'branches'] as const;

export function useUsers(filter: UserFilter = {}) {
  return useQuery({
    queryKey: [...USERS, filter],
    queryFn: async () => (await get<{ items: User[] }>(`/users${qs({ ...filter })}`)).items,
    placeholderData: keepPreviousData,
  });
}

export const fetchUser = (id: number) => get<User>(`/users/${id}`);

export function useTeams() {
  return useQuery({
    queryKey: TEAMS,
    queryFn: async () => (await get<{ items: Team[] }>('/teams')).items,
    staleTime: 30_000,
  });
}

export function useBranches() {
  return useQuery({
    queryKey: BRANCHES,
    queryFn: async () => (await get<{ items: Branch[] }>('/branches')).items,
    staleTime: 30_000,
  });
}

export function useAuditLog(params: Record<string, string | undefined>) {
  return useQuery({
    queryKey: ['admin', 'audit', params],
    queryFn: () => get<AuditPage>(`/audit${qs(params)}`),
    placeholderData: keepPreviousData,
  });
}

/** After any change to users or teams, the lists (and the member counts of teams) are stale. */
function useInvalidateOrganisation() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: USERS }),
      client.invalidateQueries({ queryKey: TEAMS }),
      client.invalidateQueries({ queryKey: BRANCHES }),
      client.invalidateQueries({ queryKey: ['owners'] }),
    ]);
}

export function useCreateUser() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: (input: UserCreateInput) => post<User>('/users', input),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: UserPatchInput }) =>
      patch<User>(`/users/${id}`, changes),
    // A refused change (409 when someone else was first) also means our copy is stale.
    onSettled: invalidate,
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) =>
      post<void>(`/users/${id}/password`, { password }),
  });
}

export function useCreateTeam() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: (input: TeamCreateInput) => post<Team>('/teams', input),
    onSuccess: invalidate,
  });
}

export function useCreateBranch() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: (input: BranchCreateInput) => post<Branch>('/branches', input),
    onSuccess: invalidate,
  });
}
