import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Complaint,
  ComplaintSettingsDto,
  complaintAlertsSchema,
  complaintCreateSchema,
  complaintDashboardSchema,
  complaintPatchSchema,
  complaintSettingsVersionSchema,
} from '../../../shared/schemas/complaint';
import type { User } from '../../../shared/schemas/user';
import { api, get, patch, post, qs } from '../../app/api';

// Server calls of complaints, suggestions and praise (issue #8 part 3): the cases, one case, its
// edits, the day page's alerts, the dashboard, a customer's cases and the deadline settings. Every
// key starts with COMPLAINTS, so a write refreshes whatever shows a case.

export type { Complaint, ComplaintSettingsDto };
export type ComplaintCreate = z.input<typeof complaintCreateSchema>;
export type ComplaintPatch = z.input<typeof complaintPatchSchema>;
export type ComplaintAlerts = z.output<typeof complaintAlertsSchema>;
export type ComplaintDashboard = z.output<typeof complaintDashboardSchema>;
export type ComplaintSettingsVersion = z.output<typeof complaintSettingsVersionSchema>;

export interface ComplaintPage {
  items: Complaint[];
  total: number;
}

export type ComplaintListParams = Record<string, string | undefined>;

export const COMPLAINTS = ['complaints'] as const;
const SETTINGS = ['settings', 'complaint-deadlines'] as const;
const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);

export function useComplaintList(params: ComplaintListParams) {
  return useQuery({
    queryKey: [...COMPLAINTS, 'list', params],
    queryFn: () => get<ComplaintPage>(`/complaints${qs(params)}`),
    placeholderData: keepPreviousData,
  });
}

/** One case; nothing is asked while `id` is null. */
export function useComplaint(id: number | null) {
  return useQuery({
    queryKey: [...COMPLAINTS, 'one', id],
    enabled: id !== null,
    queryFn: () => get<Complaint>(`/complaints/${id}`),
  });
}

export function useCustomerComplaints(customerId: number) {
  return useQuery({
    queryKey: [...COMPLAINTS, 'customer', customerId],
    queryFn: async () => (await get<{ items: Complaint[] }>(`/customers/${customerId}/complaints`)).items,
  });
}

/** The open cases assigned or escalated to the viewer, by deadline (day page). */
export function useComplaintAlerts(enabled = true) {
  return useQuery({
    queryKey: [...COMPLAINTS, 'alerts'],
    enabled,
    queryFn: () => get<ComplaintAlerts>('/complaints/alerts'),
    // The deadlines move on while the page stays open.
    refetchInterval: 5 * 60_000,
  });
}

export interface DashboardQuery {
  from?: string | undefined;
  to?: string | undefined;
  branchId?: number | undefined;
}

export function useComplaintDashboard(query: DashboardQuery, enabled = true) {
  return useQuery({
    queryKey: [...COMPLAINTS, 'dashboard', query],
    enabled,
    queryFn: () => get<ComplaintDashboard>(`/complaints/dashboard${qs({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

function useWritten() {
  const client = useQueryClient();
  return (saved: Complaint) => {
    client.setQueryData([...COMPLAINTS, 'one', saved.id], saved);
    void client.invalidateQueries({
      queryKey: COMPLAINTS,
      predicate: (q) => !(q.queryKey[1] === 'one' && q.queryKey[2] === saved.id),
    });
  };
}

export function useCreateComplaint() {
  const written = useWritten();
  return useMutation({
    mutationFn: (body: ComplaintCreate) => post<Complaint>('/complaints', body),
    onSuccess: written,
  });
}

export function useUpdateComplaint(id: number) {
  const written = useWritten();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ComplaintPatch) => patch<Complaint>(`/complaints/${id}`, body),
    onSuccess: written,
    // A refused edit (409) means our copy is stale: read the case again.
    onError: () => client.invalidateQueries({ queryKey: [...COMPLAINTS, 'one', id] }),
  });
}

/** The RMs and team leads a case can be assigned to (team leads and administrators may list users). */
export function useAssignees(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'assignees'],
    enabled,
    staleTime: 60_000,
    queryFn: async () => {
      const { items } = await get<{ items: User[] }>('/users?active=true');
      return items.filter((u) => u.role === 'rm' || u.role === 'team_lead');
    },
  });
}

// ---- the deadlines by severity (versioned settings)

export function useComplaintSettings() {
  return useQuery({
    queryKey: [...SETTINGS, 'current'],
    queryFn: () => get<ComplaintSettingsVersion>('/settings/complaint-deadlines'),
  });
}

export function useComplaintSettingsVersions(enabled: boolean) {
  return useQuery({
    queryKey: [...SETTINGS, 'versions'],
    enabled,
    queryFn: async () =>
      (await get<{ items: ComplaintSettingsVersion[] }>('/settings/complaint-deadlines/versions')).items,
  });
}

export function useSaveComplaintSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { settings: ComplaintSettingsDto; reason: string; version: number }) =>
      put<ComplaintSettingsVersion>('/settings/complaint-deadlines', body),
    onSettled: () => client.invalidateQueries({ queryKey: SETTINGS }),
  });
}
