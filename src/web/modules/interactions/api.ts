import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Channel } from '../../../shared/codes';
import type { Contact } from '../../../shared/schemas/contact';
import type { CustomerDetail } from '../../../shared/schemas/customer';
import type { Interaction, InteractionCreate, InteractionPatch } from '../../../shared/schemas/interaction';
import type { MailSend, MailStatus } from '../../../shared/schemas/mail';
import { get, patch, post, qs } from '../../app/api';
import { customerKey } from '../customers/api';
import { contactsKey } from '../customers/hooks';

// Queries and mutations of contact records (接触记录). Every key starts with INTERACTIONS_KEY, so a
// write — a contact recorded here, an e-mail sent from the contacts tab — refreshes every list and
// every customer's timeline at once.

export const INTERACTIONS_KEY = ['interactions'] as const;

export interface InteractionPage {
  items: Interaction[];
  total: number;
}

export type InteractionListParams = Record<string, string | undefined>;

/** The contact records page: one server page with the URL's filters. */
export function useInteractionList(params: InteractionListParams) {
  return useQuery({
    queryKey: [...INTERACTIONS_KEY, 'list', params],
    queryFn: () => get<InteractionPage>(`/interactions${qs(params)}`),
    placeholderData: keepPreviousData,
  });
}

export const TIMELINE_PAGE_SIZE = 20;

/** The key of one customer's timeline (all its channel filters). */
export const timelineKey = (customerId: number) => [...INTERACTIONS_KEY, 'timeline', customerId] as const;

/** Whose timeline: a customer's, or a prospect's (DOMAIN §4: contacts before it became a customer). */
export type TimelineSubject =
  | { customerId: number; prospectId?: undefined }
  | { prospectId: number; customerId?: undefined };

const subjectKey = (s: TimelineSubject) =>
  s.prospectId !== undefined
    ? ([...INTERACTIONS_KEY, 'timeline', 'prospect', s.prospectId] as const)
    : timelineKey(s.customerId);

/** One customer's (or prospect's) contacts, newest first, a page at a time ("load more"). */
export function useTimeline(subject: TimelineSubject, channel: Channel | undefined) {
  return useInfiniteQuery({
    queryKey: [...subjectKey(subject), channel ?? null],
    initialPageParam: 1,
    queryFn: ({ pageParam }) =>
      get<InteractionPage>(
        `/interactions${qs({ customerId: subject.customerId, prospectId: subject.prospectId, channel, page: pageParam, pageSize: TIMELINE_PAGE_SIZE })}`,
      ),
    getNextPageParam: (last, pages) =>
      pages.length * TIMELINE_PAGE_SIZE < last.total ? pages.length + 1 : undefined,
  });
}

export type InteractionWrite =
  | { id?: undefined; body: InteractionCreate }
  | { id: number; body: InteractionPatch };

/** Records a contact (no id) or corrects one (id, with the version read). */
export function useSaveInteraction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: InteractionWrite) =>
      id === undefined
        ? post<Interaction>('/interactions', body)
        : patch<Interaction>(`/interactions/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INTERACTIONS_KEY }),
  });
}

/** Whether this server can send e-mail (CRM_SMTP_URL); it changes only with a restart. */
export function useMailStatus(enabled = true) {
  return useQuery({
    queryKey: ['mail', 'status'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: () => get<MailStatus>('/mail/status'),
  });
}

/** Sends an e-mail to a contact person; the server records it as a contact, so the timeline refreshes. */
export function useSendMail(customerId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, body }: { contactId: number; body: MailSend }) =>
      post<Interaction>(`/customers/${customerId}/contacts/${contactId}/email`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INTERACTIONS_KEY }),
  });
}

/** A customer's contact persons, for the contact person picker (shared with the customer's contacts tab). */
export function useContactOptions(customerId: number | undefined) {
  return useQuery({
    queryKey: contactsKey(customerId ?? 0),
    enabled: customerId !== undefined,
    queryFn: async () => (await get<{ items: Contact[] }>(`/customers/${customerId}/contacts`)).items,
  });
}

/** One customer, when a link names it (the same cache entry as the customer 360 page). */
export function useCustomerOf(customerId: number | undefined) {
  return useQuery({
    queryKey: customerKey(customerId ?? 0),
    enabled: customerId !== undefined,
    queryFn: () => get<CustomerDetail>(`/customers/${customerId}`),
    retry: false,
  });
}
