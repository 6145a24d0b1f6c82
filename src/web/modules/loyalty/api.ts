import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ChurnCause, ChurnReason, PortfolioScope } from '../../../shared/codes';
import type {
  ChurnRecord,
  churnAnalysisSchema,
  customerLoyaltySchema,
  LoyaltySettingsDto,
  loyaltyAnalysisSchema,
  loyaltyAssessmentCreateSchema,
  loyaltyAssessmentSchema,
  loyaltySettingsVersionSchema,
} from '../../../shared/schemas/loyalty';
import { api, get, patch, post, qs } from '../../app/api';
import { customerKey } from '../customers/api';

// Server calls of churn and loyalty (issue #8 parts 4–5, DOMAIN §5): a customer's loyalty with its
// six measures, levers, RM assessments and churn record; the portfolio analyses of churn and loyalty;
// the lost customers and the reason each left; the versioned loyalty settings.

export type { ChurnRecord, LoyaltySettingsDto };
export type CustomerLoyalty = z.output<typeof customerLoyaltySchema>;
export type LoyaltyMeasureScore = CustomerLoyalty['measures'][number];
export type LoyaltyAssessment = z.output<typeof loyaltyAssessmentSchema>;
export type LoyaltyAssessmentCreate = z.input<typeof loyaltyAssessmentCreateSchema>;
export type ChurnAnalysis = z.output<typeof churnAnalysisSchema>;
export type LoyaltyAnalysis = z.output<typeof loyaltyAnalysisSchema>;
export type LoyaltySettingsVersion = z.output<typeof loyaltySettingsVersionSchema>;

export interface ScopeQuery {
  scope?: PortfolioScope | undefined;
  scopeId?: number | undefined;
}

export interface ChurnPeriodQuery extends ScopeQuery {
  from?: string | undefined;
  to?: string | undefined;
}

export interface ChurnRecordsQuery {
  /** the portfolio analysed; none: every lost customer the viewer may see */
  scope?: string | undefined;
  scopeId?: number | null | undefined;
  from?: string | undefined;
  to?: string | undefined;
  cause?: ChurnCause | undefined;
  /** `none`: no reason recorded yet */
  reason?: ChurnReason | 'none' | undefined;
  complainedBefore?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);

const loyaltyKey = (id: number) => [...customerKey(id), 'loyalty'] as const;
const ANALYSIS = ['loyalty-analytics'] as const;
const CHURN = ['churn'] as const;
const SETTINGS = ['settings', 'loyalty'] as const;

// ---- one customer

export function useCustomerLoyalty(id: number) {
  return useQuery({
    queryKey: loyaltyKey(id),
    queryFn: () => get<CustomerLoyalty>(`/customers/${id}/loyalty`),
  });
}

export function useAddAssessment(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoyaltyAssessmentCreate) =>
      post<LoyaltyAssessment>(`/customers/${id}/loyalty-assessments`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: loyaltyKey(id) }),
  });
}

// ---- portfolio analyses

export function useLoyaltyAnalysis(query: ScopeQuery) {
  return useQuery({
    queryKey: [...ANALYSIS, 'loyalty', query],
    queryFn: () => get<LoyaltyAnalysis>(`/analytics/loyalty${qs({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

export function useChurnAnalysis(query: ChurnPeriodQuery) {
  return useQuery({
    queryKey: [...CHURN, 'analysis', query],
    queryFn: () => get<ChurnAnalysis>(`/churn${qs({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

export function useChurnRecords(query: ChurnRecordsQuery) {
  return useQuery({
    queryKey: [...CHURN, 'records', query],
    queryFn: () => get<{ items: ChurnRecord[]; total: number }>(`/churn/records${qs({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

export function useRecordChurnReason() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id: number;
      body: { version: number; reason: ChurnReason; note?: string | undefined };
    }) => patch<ChurnRecord>(`/churn/records/${id}`, body),
    // The reasons chart counts recorded reasons; a refused save (409) also means our copy is stale.
    onSettled: (record) =>
      Promise.all([
        client.invalidateQueries({ queryKey: CHURN }),
        record && client.invalidateQueries({ queryKey: loyaltyKey(record.customer.id) }),
      ]),
  });
}

// ---- settings (versioned: loyalty programmes must not change often)

export function useLoyaltySettings() {
  return useQuery({
    queryKey: [...SETTINGS, 'current'],
    queryFn: () => get<LoyaltySettingsVersion>('/settings/loyalty'),
  });
}

export function useLoyaltySettingsVersions(enabled: boolean) {
  return useQuery({
    queryKey: [...SETTINGS, 'versions'],
    enabled,
    queryFn: async () => (await get<{ items: LoyaltySettingsVersion[] }>('/settings/loyalty/versions')).items,
  });
}

export function useSaveLoyaltySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { settings: LoyaltySettingsDto; reason: string; version: number }) =>
      put<LoyaltySettingsVersion>('/settings/loyalty', body),
    onSettled: () => client.invalidateQueries({ queryKey: SETTINGS }),
  });
}
