import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssessmentInput,
  BoardQuery,
  boardSchema,
  ConvertInput,
  Duplicate,
  idealCustomerProfileSchema,
  MergeInput,
  ProspectDetail,
  ProspectMove,
  ProspectSummary,
  profileChangeSchema,
  profileVersionSchema,
  TacticInput,
} from '../../../shared/schemas/prospect';
import { api, get, patch, post, qs } from '../../app/api';

const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);

// Queries and mutations of prospects 潜在客户 (DOMAIN §4). Every key starts with PROSPECTS_KEY or
// prospectKey(id), so a write refreshes the board, the table and the prospect's page at once.

export type Board = z.output<typeof boardSchema>;
export type BoardColumn = Board['columns'][number];
export type IdealCustomerProfileDto = z.output<typeof idealCustomerProfileSchema>;
export type ProfileVersion = z.output<typeof profileVersionSchema>;
export type ProfileChange = z.output<typeof profileChangeSchema>;
export type { Duplicate, ProspectDetail, ProspectSummary };

export const PROSPECTS_KEY = ['prospects'] as const;
export const prospectKey = (id: number) => ['prospect', id] as const;

export interface ProspectPage {
  items: ProspectSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export type ProspectListParams = Record<string, string | undefined>;

export function useProspectList(params: ProspectListParams, enabled = true) {
  return useQuery({
    queryKey: [...PROSPECTS_KEY, 'list', params],
    enabled,
    queryFn: () => get<ProspectPage>(`/prospects${qs(params)}`),
    placeholderData: keepPreviousData,
  });
}

export function useBoard(params: Partial<Record<keyof BoardQuery, string | undefined>>, enabled = true) {
  return useQuery({
    queryKey: [...PROSPECTS_KEY, 'board', params],
    enabled,
    queryFn: () => get<Board>(`/prospects/board${qs(params)}`),
    placeholderData: keepPreviousData,
  });
}

const fetchProspect = (id: number) => get<ProspectDetail>(`/prospects/${id}`);

/** A prospect's detail; nothing is asked while `id` is 0. */
export function useProspect(id: number) {
  return useQuery({ queryKey: prospectKey(id), queryFn: () => fetchProspect(id), enabled: id > 0 });
}

/** The latest detail of a prospect, read again when older than `maxAgeMs` (what a move is checked against). */
export function useFetchProspect() {
  const queryClient = useQueryClient();
  return (id: number, maxAgeMs = 0) =>
    queryClient.fetchQuery({
      queryKey: prospectKey(id),
      queryFn: () => fetchProspect(id),
      staleTime: maxAgeMs,
    });
}

/** Puts the server's answer in the cache and refreshes the lists and the prospect's other queries. */
export function useProspectWritten() {
  const queryClient = useQueryClient();
  return (prospect: ProspectDetail) => {
    queryClient.setQueryData(prospectKey(prospect.id), prospect);
    void queryClient.invalidateQueries({
      queryKey: prospectKey(prospect.id),
      predicate: (q) => q.queryKey.length > 2,
    });
    void queryClient.invalidateQueries({ queryKey: PROSPECTS_KEY });
  };
}

export function useCreateProspect() {
  const written = useProspectWritten();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => post<ProspectDetail>('/prospects', body),
    onSuccess: written,
  });
}

export function useUpdateProspect(id: number) {
  const written = useProspectWritten();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => patch<ProspectDetail>(`/prospects/${id}`, body),
    onSuccess: written,
  });
}

export function useMoveProspect() {
  const written = useProspectWritten();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ProspectMove }) =>
      post<ProspectDetail>(`/prospects/${id}/moves`, body),
    onSuccess: written,
  });
}

export function useSaveAssessment(id: number) {
  const written = useProspectWritten();
  return useMutation({
    mutationFn: (body: AssessmentInput) => put<ProspectDetail>(`/prospects/${id}/assessment`, body),
    onSuccess: written,
  });
}

export function useAddTactic(id: number) {
  const written = useProspectWritten();
  return useMutation({
    mutationFn: (body: TacticInput) => post<ProspectDetail>(`/prospects/${id}/tactics`, body),
    onSuccess: written,
  });
}

export function useConvertProspect() {
  const written = useProspectWritten();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ConvertInput }) =>
      post<{ customerId: number; prospect: ProspectDetail }>(`/prospects/${id}/convert`, body),
    onSuccess: ({ prospect }) => {
      written(prospect);
      // The customer list, and the contacts and plans that moved to the customer.
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      void queryClient.invalidateQueries({ queryKey: ['interactions'] });
      void queryClient.invalidateQueries({ queryKey: ['visit-plans'] });
    },
  });
}

export function useDuplicates(id: number, enabled = true) {
  return useQuery({
    queryKey: [...prospectKey(id), 'duplicates'],
    enabled: enabled && id > 0,
    queryFn: async () => (await get<{ items: Duplicate[] }>(`/prospects/${id}/duplicates`)).items,
  });
}

export function useMergeProspect(id: number) {
  const written = useProspectWritten();
  return useMutation({
    mutationFn: (body: MergeInput) => post<ProspectDetail>(`/prospects/${id}/merge`, body),
    onSuccess: written,
  });
}

/** Prospects the viewer sees whose name or code matches `q` (for pickers). */
export function useProspectSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: [...PROSPECTS_KEY, 'search', text],
    enabled: text.length > 0,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (await get<ProspectPage>(`/prospects${qs({ q: text, pageSize: 20, sort: 'name', order: 'asc' })}`))
        .items,
  });
}

// The ideal customer profile (admin) ------------------------------------------------------------------

export const PROFILE_KEY = ['ideal-customer-profile'] as const;

export function useIdealCustomerProfile() {
  return useQuery({
    queryKey: [...PROFILE_KEY, 'current'],
    queryFn: () => get<ProfileVersion>('/settings/ideal-customer-profile'),
  });
}

export function useProfileVersions() {
  return useQuery({
    queryKey: [...PROFILE_KEY, 'versions'],
    queryFn: async () =>
      (await get<{ items: ProfileVersion[] }>('/settings/ideal-customer-profile/versions')).items,
  });
}

export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { profile: IdealCustomerProfileDto; reason: string; version: number }) =>
      put<ProfileChange>('/settings/ideal-customer-profile', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: PROFILE_KEY });
      // Open prospects were rescored.
      void queryClient.invalidateQueries({ queryKey: PROSPECTS_KEY });
      void queryClient.invalidateQueries({ queryKey: ['prospect'] });
    },
  });
}
