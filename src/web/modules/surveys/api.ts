import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Channel, SurveyStep } from '../../../shared/codes';
import type {
  publicSurveySchema,
  SurveyCampaign,
  SurveyDefinition,
  SurveyResults,
  SurveySegment,
  SurveyTemplate,
  surveyLinkSchema,
  surveyTargetSchema,
} from '../../../shared/schemas/survey';
import type { Task } from '../../../shared/schemas/task';
import { ApiError, get, patch, post, qs } from '../../app/api';

// Server calls of the satisfaction surveys (issue #8 parts 1–2): templates, campaigns through their
// five steps, the sampled customers, responses entered by RMs, one-time links, results and follow-up
// actions. The customer's public page has its own calls at the end of this file: they never go
// through the app's client, whose 401 handling would send a customer to the sign-in page.

export type { SurveyCampaign, SurveyDefinition, SurveyResults, SurveySegment, SurveyTemplate };
export type SurveyTarget = z.output<typeof surveyTargetSchema>;
export type SurveyLink = z.output<typeof surveyLinkSchema>;
export type PublicSurvey = z.output<typeof publicSurveySchema>;

export interface ScoreAnswer {
  item: string;
  expected: number;
  perceived: number;
}
export interface TextAnswer {
  question: string;
  text: string;
}

export interface TemplateInput {
  name: string;
  description?: string | null;
  definition: SurveyDefinition;
}

export interface CampaignInput {
  name: string;
  description?: string | null;
  templateId: number;
  segment: SurveySegment;
  sampleSize: number;
  linkDays: number;
}

export interface CampaignPage {
  items: SurveyCampaign[];
  total: number;
}

const TEMPLATES = ['survey-templates'] as const;
const CAMPAIGNS = ['survey-campaigns'] as const;
const campaignKey = (id: number) => [...CAMPAIGNS, 'one', id] as const;

// ---- templates

export function useSurveyTemplates() {
  return useQuery({
    queryKey: TEMPLATES,
    queryFn: async () => (await get<{ items: SurveyTemplate[] }>('/survey-templates')).items,
  });
}

export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: { id?: number; version?: number; input: TemplateInput }) =>
      id === undefined
        ? post<SurveyTemplate>('/survey-templates', input)
        : patch<SurveyTemplate>(`/survey-templates/${id}`, { ...input, version }),
    // A refused save (409) also means our copy is stale.
    onSettled: () => client.invalidateQueries({ queryKey: TEMPLATES }),
  });
}

// ---- campaigns

export interface CampaignListParams {
  step?: SurveyStep | undefined;
  page: number;
  pageSize: number;
}

export function useCampaigns(params: CampaignListParams) {
  return useQuery({
    queryKey: [...CAMPAIGNS, 'list', params],
    queryFn: () => get<CampaignPage>(`/survey-campaigns${qs({ ...params })}`),
    placeholderData: keepPreviousData,
  });
}

export function useCampaign(id: number) {
  return useQuery({
    queryKey: campaignKey(id),
    queryFn: () => get<SurveyCampaign>(`/survey-campaigns/${id}`),
    enabled: id > 0,
  });
}

export function useCreateCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CampaignInput) => post<SurveyCampaign>('/survey-campaigns', input),
    onSuccess: (campaign) => {
      client.setQueryData(campaignKey(campaign.id), campaign);
      return Promise.all([
        client.invalidateQueries({ queryKey: [...CAMPAIGNS, 'list'] }),
        client.invalidateQueries({ queryKey: TEMPLATES }),
      ]);
    },
  });
}

export function useAdvanceCampaign(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; step: SurveyStep; note?: string | null }) =>
      post<SurveyCampaign>(`/survey-campaigns/${id}/advance`, body),
    onSuccess: (campaign) => client.setQueryData(campaignKey(id), campaign),
    // A 409 means someone else moved it: read it again either way.
    onSettled: () => client.invalidateQueries({ queryKey: CAMPAIGNS }),
  });
}

export interface TargetPage {
  items: SurveyTarget[];
  total: number;
}

/** A page of the drawn customers the viewer may see, by customer number (at most 200 a page). */
export function useTargets(id: number, page = 1, pageSize = 20) {
  return useQuery({
    queryKey: [...CAMPAIGNS, 'targets', id, page, pageSize],
    queryFn: () => get<TargetPage>(`/survey-campaigns/${id}/targets${qs({ page, pageSize })}`),
    enabled: id > 0,
    placeholderData: keepPreviousData,
  });
}

export function useResults(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...CAMPAIGNS, 'results', id],
    queryFn: () => get<SurveyResults>(`/survey-campaigns/${id}/results`),
    enabled: id > 0 && enabled,
  });
}

export interface ResponseInput {
  customerId: number;
  channel: Channel | null;
  answers: ScoreAnswer[];
  texts: TextAnswer[];
}

export function useSubmitResponse(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ResponseInput) => post<SurveyTarget>(`/survey-campaigns/${id}/responses`, input),
    // The targets, the counts and the results all move.
    onSuccess: () => client.invalidateQueries({ queryKey: CAMPAIGNS }),
  });
}

export function useCreateLink(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (customerId: number) => post<SurveyLink>(`/survey-campaigns/${id}/links`, { customerId }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...CAMPAIGNS, 'targets', id] }),
  });
}

export interface ActionInput {
  title: string;
  assigneeId: number;
  dueOn: string;
  customerId?: number | undefined;
  note?: string | null;
}

export function useCreateAction(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ActionInput) => post<Task>(`/survey-campaigns/${id}/actions`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tasks'] }),
  });
}

/** Where the XLSX report downloads from (a plain link: the browser sends the session cookie). */
export const reportXlsxUrl = (id: number) => `/api/v1/survey-campaigns/${id}/report.xlsx`;

// ---- the customer's public page: no session, no CSRF token, never the app's client

/** Why a link cannot be answered, as the server says it (404 unknown, 410 used or expired, 409 closed). */
export type LinkProblem =
  | 'not_found'
  | 'link_used'
  | 'link_expired'
  | 'campaign_closed'
  | 'campaign_not_open'
  | 'already_responded';

async function publicCall<T>(method: 'GET' | 'POST', token: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1/public/surveys/${encodeURIComponent(token)}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    // Nothing of an employee's session goes with the customer's page.
    credentials: 'omit',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string; fields?: ApiError['fields'] } })
      .error;
    throw new ApiError(
      res.status,
      error?.code ?? (res.status === 404 ? 'not_found' : 'error'),
      error?.message ?? res.statusText,
      error?.fields ?? [],
    );
  }
  return data as T;
}

export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: ['public-survey', token],
    queryFn: () => publicCall<PublicSurvey>('GET', token),
    retry: (count, e) => !(e instanceof ApiError && e.status < 500) && count < 2,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSubmitPublicSurvey(token: string) {
  return useMutation({
    mutationFn: (body: { answers: ScoreAnswer[]; texts: TextAnswer[] }) =>
      publicCall<unknown>('POST', token, body),
  });
}

/** The link problem an error of the public calls names, or null for any other failure. */
export function linkProblemOf(e: unknown): LinkProblem | null {
  if (!(e instanceof ApiError)) return null;
  if (e.status === 404) return 'not_found';
  const known: LinkProblem[] = [
    'link_used',
    'link_expired',
    'campaign_closed',
    'campaign_not_open',
    'already_responded',
  ];
  return known.includes(e.code as LinkProblem) ? (e.code as LinkProblem) : null;
}
