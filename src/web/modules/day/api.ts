import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgendaSection } from '../../../shared/schemas/day';
import type { Notification, Task, TaskCreate, TaskPatch } from '../../../shared/schemas/task';
import { get, patch, post, qs } from '../../app/api';

// Queries and mutations of the day page (工作台), the task list and the notification bell. A task
// write refreshes all three, since a task shows on each of them.

export interface Day {
  date: string;
  sections: AgendaSection[];
}

export interface TaskPage {
  items: Task[];
  total: number;
}

export interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
}

export type TaskListParams = Record<string, string | undefined>;

const DAY_KEY = ['day'] as const;
const TASKS_KEY = ['tasks'] as const;
const NOTIFICATIONS_KEY = ['notifications'] as const;

export function useDay(date: string | undefined) {
  return useQuery({
    queryKey: [...DAY_KEY, date ?? 'today'],
    queryFn: () => get<Day>(`/day${qs({ date })}`),
    placeholderData: keepPreviousData,
  });
}

export function useTasks(params: TaskListParams) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'list', params],
    queryFn: () => get<TaskPage>(`/tasks${qs(params)}`),
    placeholderData: keepPreviousData,
  });
}

export const fetchTask = (id: number) => get<Task>(`/tasks/${id}`);

/** One task (a link to `/tasks?focus=<id>` opens it), not cached: its version must be current. */
export function useTask(id: number | null) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'one', id],
    enabled: id !== null,
    staleTime: 0,
    queryFn: () => fetchTask(id ?? 0),
  });
}

/** Refreshes whatever shows tasks: the list, the day page, and the bell (an assignment tells someone). */
function useTasksChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
    void queryClient.invalidateQueries({ queryKey: DAY_KEY });
    void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  };
}

export function useCreateTask() {
  const changed = useTasksChanged();
  return useMutation({
    mutationFn: (body: TaskCreate) => post<Task>('/tasks', body),
    onSuccess: changed,
  });
}

export function useUpdateTask() {
  const changed = useTasksChanged();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: TaskPatch }) => patch<Task>(`/tasks/${id}`, changes),
    // A 409 also means the list is out of date: reload it either way.
    onSettled: changed,
  });
}

/** Completes a task known only by its id (an agenda item): reads its version first, then completes it. */
export function useCompleteTask() {
  const changed = useTasksChanged();
  return useMutation({
    mutationFn: async (id: number) => {
      const task = await fetchTask(id);
      if (task.status !== 'open') return task;
      return patch<Task>(`/tasks/${id}`, { version: task.version, status: 'done' });
    },
    onSettled: changed,
  });
}

// Notifications ------------------------------------------------------------------------------------

/** The bell's unread count and latest unread ones, kept fresh every minute and when the window regains focus. */
export function useUnreadNotifications() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread'],
    queryFn: () => get<NotificationPage>(`/notifications${qs({ unread: 'true', pageSize: 10 })}`),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

/** The latest notifications, read or not (the bell's list, while it is open). */
export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'latest'],
    enabled,
    queryFn: () => get<NotificationPage>(`/notifications${qs({ pageSize: 10 })}`),
  });
}

export function useReadNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => post<void>(`/notifications/${id}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useReadAllNotifications() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => post<{ read: number }>('/notifications/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
