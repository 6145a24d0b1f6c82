import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Calendar,
  CalendarEvent,
  CalendarFeedCreated,
  CalendarFeedStatus,
} from '../../../shared/schemas/calendar';
import type { User } from '../../../shared/schemas/user';
import { del, get, post, qs } from '../../app/api';

// Server calls of the calendar page: the events of a period, the team members a team lead may look
// at, and the personal iCalendar feed.

export type { CalendarEvent, CalendarFeedCreated, CalendarFeedStatus };

export interface CalendarPeriod {
  from: string;
  to: string;
  ownerId?: number | undefined;
}

export function useCalendar(period: CalendarPeriod) {
  return useQuery({
    queryKey: ['calendar', period],
    queryFn: async () => (await get<Calendar>(`/calendar${qs({ ...period })}`)).events,
    placeholderData: keepPreviousData,
  });
}

/** The active RMs and team leads of a team, for a team lead to open one's calendar. */
export function useTeamMembers(teamId: number | null, enabled: boolean) {
  return useQuery({
    queryKey: ['calendar', 'members', teamId],
    enabled: enabled && teamId !== null,
    staleTime: 60_000,
    queryFn: async () => {
      const { items } = await get<{ items: User[] }>(`/users${qs({ active: 'true', teamId })}`);
      return items.filter((u) => u.teamId === teamId && (u.role === 'rm' || u.role === 'team_lead'));
    },
  });
}

const FEED = ['calendar', 'feed'] as const;

export function useFeedStatus(enabled: boolean) {
  return useQuery({
    queryKey: FEED,
    enabled,
    queryFn: () => get<CalendarFeedStatus>('/calendar/feed'),
  });
}

export function useCreateFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => post<CalendarFeedCreated>('/calendar/feed'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: FEED }),
  });
}

export function useRevokeFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => del<void>('/calendar/feed'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: FEED }),
  });
}
