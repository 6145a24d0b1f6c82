import {
  AuditOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CommentOutlined,
  ExclamationCircleOutlined,
  FileTextOutlined,
  ProfileOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { AgendaItem } from '../../../shared/schemas/day';
import { qs } from '../../app/api';

// What the page knows about the agenda sources and item kinds of the server (day.service.ts). A
// source or kind it does not know still shows: with its id as title and its items as plain rows.

interface SourceInfo {
  icon: ReactNode;
  /** Where the whole list is, when the section shows only the first items. */
  more?: (day: string, today: string) => string | null;
  /** A count that is bad news (shown in the error colour when above zero). */
  alarming?: boolean;
}

export const SOURCES: Record<string, SourceInfo> = {
  visits: {
    icon: <CalendarOutlined />,
    more: (day) => `/calendar${qs({ date: day })}`,
  },
  tasks_overdue: {
    icon: <ExclamationCircleOutlined />,
    more: () => '/tasks?due=overdue',
    alarming: true,
  },
  tasks_due: {
    icon: <CheckSquareOutlined />,
    more: (day, today) => (day === today ? '/tasks?due=today' : '/tasks?status=open'),
  },
  memos: { icon: <FileTextOutlined />, more: () => '/visit-plans?status=completed' },
  plans_to_approve: {
    icon: <AuditOutlined />,
    more: () => '/visit-plans?status=pending_approval',
  },
  recent_interactions: { icon: <CommentOutlined />, more: () => '/interactions' },
};

export const sourceInfo = (source: string): SourceInfo => SOURCES[source] ?? { icon: <ProfileOutlined /> };

/** Where an agenda item leads: the plan, the task, or the customer's timeline. */
export function itemLink(item: AgendaItem): string | null {
  switch (item.kind) {
    case 'visit':
    case 'plan_to_approve':
    case 'memo':
      return `/visit-plans/${item.id}`;
    case 'task':
      return `/tasks?focus=${item.id}`;
    case 'interaction':
      if (item.customer) return `/customers/${item.customer.id}?tab=timeline`;
      return item.prospect ? `/prospects/${item.prospect.id}` : null;
    default:
      return null;
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const isDay = (at: string) => DAY.test(at);

const bankTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
});
/** 09:30, in the bank's time zone. */
export const formatTime = (iso: string) => bankTime.format(new Date(iso));

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
