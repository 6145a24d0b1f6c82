import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CustomerValue,
  concessionCreateSchema,
  concessionPatchSchema,
  concessionSchema,
  dueContactsSchema,
  financialStatementPutSchema,
  financialStatementSchema,
  maintenanceStatusSchema,
  pitfallSchema,
} from '../../../shared/schemas/value';
import { api, get, patch, post, qs } from '../../app/api';
import { customerKey } from '../customers/api';

// Queries and mutations of a customer's value, maintenance, pitfalls, concessions and financial
// statements (issue #7), and the day page's overdue contacts. Every key of one customer starts with
// customerKey(id), so a write on the customer (tier, lifecycle) refreshes these too.

export type { CustomerValue };
export type MaintenanceStatus = z.output<typeof maintenanceStatusSchema>;
export type Pitfall = z.output<typeof pitfallSchema>;
export type Concession = z.output<typeof concessionSchema>;
export type ConcessionCreate = z.input<typeof concessionCreateSchema>;
export type ConcessionPatch = z.input<typeof concessionPatchSchema>;
export type FinancialStatement = z.output<typeof financialStatementSchema>;
export type FinancialStatementPut = z.input<typeof financialStatementPutSchema>;
export type DueContacts = z.output<typeof dueContactsSchema>;

const valueKey = (id: number) => [...customerKey(id), 'value'] as const;
const maintenanceKey = (id: number) => [...customerKey(id), 'maintenance'] as const;
const pitfallsKey = (id: number) => [...customerKey(id), 'pitfalls'] as const;
const concessionsKey = (id: number) => [...customerKey(id), 'concessions'] as const;
const statementsKey = (id: number) => [...customerKey(id), 'financial-statements'] as const;
const DUE_KEY = ['maintenance', 'due'] as const;

export function useCustomerValue(id: number) {
  return useQuery({
    queryKey: valueKey(id),
    queryFn: () => get<CustomerValue>(`/customers/${id}/value`),
  });
}

export function useMaintenanceStatus(id: number) {
  return useQuery({
    queryKey: maintenanceKey(id),
    queryFn: () => get<MaintenanceStatus>(`/customers/${id}/maintenance`),
  });
}

export function usePitfalls(id: number) {
  return useQuery({
    queryKey: pitfallsKey(id),
    queryFn: async () => (await get<{ items: Pitfall[] }>(`/customers/${id}/pitfalls`)).items,
  });
}

export function useConcessions(id: number) {
  return useQuery({
    queryKey: concessionsKey(id),
    queryFn: async () => (await get<{ items: Concession[] }>(`/customers/${id}/concessions`)).items,
  });
}

/** A concession written changes the pitfalls (its cost against the value), so both reload. */
function useConcessionsChanged(id: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: concessionsKey(id) });
    void queryClient.invalidateQueries({ queryKey: pitfallsKey(id) });
  };
}

export function useCreateConcession(id: number) {
  const changed = useConcessionsChanged(id);
  return useMutation({
    mutationFn: (body: ConcessionCreate) => post<Concession>(`/customers/${id}/concessions`, body),
    onSuccess: changed,
  });
}

export function useUpdateConcession(id: number) {
  const changed = useConcessionsChanged(id);
  return useMutation({
    mutationFn: ({ concessionId, body }: { concessionId: number; body: ConcessionPatch }) =>
      patch<Concession>(`/concessions/${concessionId}`, body),
    // A 409 means the list is out of date as well: reload it either way.
    onSettled: changed,
  });
}

/** Corporate customers only: the server answers 404 or 400 for an individual. */
export function useFinancialStatements(id: number, enabled: boolean) {
  return useQuery({
    queryKey: statementsKey(id),
    enabled,
    queryFn: async () =>
      (await get<{ items: FinancialStatement[] }>(`/customers/${id}/financial-statements`)).items,
  });
}

export function usePutFinancialStatement(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: FinancialStatementPut }) =>
      api<FinancialStatement>('PUT', `/customers/${id}/financial-statements/${year}`, body),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: statementsKey(id) });
      void queryClient.invalidateQueries({ queryKey: pitfallsKey(id) });
      // The server screened the customer again: its place in the exit queue may have moved.
      void queryClient.invalidateQueries({ queryKey: ['exit'] });
    },
  });
}

/** The caller's customers whose next contact is overdue or due soon (the day page's reminder). */
export function useDueContacts(limit = 10) {
  return useQuery({
    queryKey: [...DUE_KEY, limit],
    queryFn: () => get<DueContacts>(`/maintenance/due${qs({ limit })}`),
    staleTime: 60_000,
    retry: false,
  });
}
