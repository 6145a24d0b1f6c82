import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LifecycleStage } from '../../../shared/codes';
import type { Account, CustomerMonth, MonthlyFigures } from '../../../shared/schemas/account';
import type { Contact, ContactCreate, ContactPatch } from '../../../shared/schemas/contact';
import type { CustomerDetail, CustomerSummary } from '../../../shared/schemas/customer';
import type { Link, LinkCreate } from '../../../shared/schemas/link';
import { del, get, patch, post, qs } from '../../app/api';
import { customerKey } from './api';

// Queries and mutations of the customer 360 page and the create form. Every key of one customer
// starts with customerKey(id), so invalidating that prefix refreshes the whole page.

export interface AccountList {
  items: Account[];
  totals: MonthlyFigures & { month: string | null; openAccounts: number; closedAccounts: number };
}

export interface LifecycleEntry {
  id: number;
  stage: LifecycleStage;
  previousStage: LifecycleStage | null;
  manual: boolean;
  reason: string | null;
  changedAt: string;
  changedBy: string | null;
  /** The month an inference was made for (issue #7; absent on older servers and manual entries). */
  asOf?: string | null;
  /** The rule's numbers behind an inference (src/domain/lifecycle.ts LifecycleEvidence, money in yuan). */
  evidence?: Record<string, unknown> | null;
}

import type { AuditEntry, AuditPage } from '../../../shared/schemas/audit';

export type { AuditEntry, AuditPage };

export type RevealableField = 'idNumber' | 'phone' | 'email';

const fetchCustomer = (id: number) => get<CustomerDetail>(`/customers/${id}`);

/** Puts the server's answer in the cache and refreshes what the write may have changed (history, audit). */
function useCustomerWritten(id: number) {
  const queryClient = useQueryClient();
  return (customer: CustomerDetail) => {
    queryClient.setQueryData(customerKey(id), customer);
    void queryClient.invalidateQueries({
      queryKey: customerKey(id),
      predicate: (q) => q.queryKey.length > 2,
    });
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
  };
}

/** The latest version of the record, straight from the server (after a stale edit). */
export function useFetchLatestCustomer(id: number) {
  const queryClient = useQueryClient();
  return () =>
    queryClient.fetchQuery({ queryKey: customerKey(id), queryFn: () => fetchCustomer(id), staleTime: 0 });
}

export function useUpdateCustomer(id: number) {
  const written = useCustomerWritten(id);
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => patch<CustomerDetail>(`/customers/${id}`, body),
    onSuccess: written,
  });
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => post<CustomerDetail>('/customers', body),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKey(customer.id), customer);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}

export function useRevealIdentifier(id: number) {
  return useMutation({
    mutationFn: (body: { field: RevealableField; reason: string }) =>
      post<{ field: RevealableField; value: string | null }>(`/customers/${id}/reveal`, body),
  });
}

export function useAssignCustomer(id: number) {
  const written = useCustomerWritten(id);
  return useMutation({
    mutationFn: (body: { ownerId: number | null; version: number }) =>
      post<CustomerDetail>(`/customers/${id}/assign`, body),
    onSuccess: written,
  });
}

export function useShareCustomer(id: number) {
  const written = useCustomerWritten(id);
  return useMutation({
    mutationFn: (userId: number) => post<CustomerDetail>(`/customers/${id}/shares`, { userId }),
    onSuccess: written,
  });
}

export function useUnshareCustomer(id: number) {
  const written = useCustomerWritten(id);
  return useMutation({
    mutationFn: (userId: number) => del<CustomerDetail>(`/customers/${id}/shares/${userId}`),
    onSuccess: written,
  });
}

// Contacts ----------------------------------------------------------------------------------------

export const contactsKey = (id: number) => [...customerKey(id), 'contacts'] as const;

export function useContacts(id: number) {
  return useQuery({
    queryKey: contactsKey(id),
    queryFn: async () => (await get<{ items: Contact[] }>(`/customers/${id}/contacts`)).items,
  });
}

export function useSaveContact(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, body }: { contactId?: number; body: ContactCreate | ContactPatch }) =>
      contactId
        ? patch<Contact>(`/customers/${id}/contacts/${contactId}`, body)
        : post<Contact>(`/customers/${id}/contacts`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactsKey(id) }),
  });
}

export function useDeleteContact(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactId: number) => del<void>(`/customers/${id}/contacts/${contactId}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactsKey(id) }),
  });
}

// Links -------------------------------------------------------------------------------------------

export const linksKey = (id: number) => [...customerKey(id), 'links'] as const;

export function useLinks(id: number) {
  return useQuery({
    queryKey: linksKey(id),
    queryFn: async () => (await get<{ items: Link[] }>(`/customers/${id}/links`)).items,
  });
}

export function useCreateLink(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LinkCreate) => post<Link>(`/customers/${id}/links`, body),
    onSuccess: (link) => {
      void queryClient.invalidateQueries({ queryKey: linksKey(id) });
      if (link.linkedCustomer.id)
        void queryClient.invalidateQueries({ queryKey: linksKey(link.linkedCustomer.id) });
    },
  });
}

export function useDeleteLink(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: number) => del<void>(`/customers/${id}/links/${linkId}`),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: ['customer'], predicate: (q) => q.queryKey[2] === 'links' }),
  });
}

/** Customers the viewer sees whose name, code, phone or ID number matches `q` (for pickers). */
export function useCustomerSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ['customers', 'search', text],
    enabled: text.length > 0,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (
        await get<{ items: CustomerSummary[] }>(
          `/customers${qs({ q: text, pageSize: 20, sort: 'name', order: 'asc' })}`,
        )
      ).items,
  });
}

// Accounts ----------------------------------------------------------------------------------------

export function useAccounts(id: number) {
  return useQuery({
    queryKey: [...customerKey(id), 'accounts'],
    queryFn: () => get<AccountList>(`/customers/${id}/accounts`),
  });
}

export function useMonthly(id: number, months = 24) {
  return useQuery({
    queryKey: [...customerKey(id), 'monthly', months],
    queryFn: async () =>
      (await get<{ items: CustomerMonth[] }>(`/customers/${id}/monthly${qs({ months })}`)).items,
  });
}

// Lifecycle and audit -----------------------------------------------------------------------------

export function useLifecycle(id: number) {
  return useQuery({
    queryKey: [...customerKey(id), 'lifecycle'],
    queryFn: async () => (await get<{ items: LifecycleEntry[] }>(`/customers/${id}/lifecycle`)).items,
  });
}

export function useOverrideLifecycle(id: number) {
  const written = useCustomerWritten(id);
  return useMutation({
    mutationFn: (body: { stage: LifecycleStage; note: string; version: number }) =>
      post<CustomerDetail>(`/customers/${id}/lifecycle`, body),
    onSuccess: written,
  });
}

export function useCustomerAudit(id: number, page: number, pageSize: number, enabled: boolean) {
  return useQuery({
    queryKey: [...customerKey(id), 'audit', page, pageSize],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: () => get<AuditPage>(`/customers/${id}/audit${qs({ page, pageSize })}`),
  });
}
