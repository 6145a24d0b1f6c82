import { BorderOutlined, CheckSquareOutlined } from '@ant-design/icons';
import { Badge, type BadgeProps, Flex, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TASK_STATUSES, VISIT_PLAN_STATUSES } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import type { CalendarEvent } from '../api';
import { bankTimeOf } from '../dates';

// One visit or task on the calendar: a link to it. Visits show their time and a dot in their
// status colour; tasks a checkbox-like icon, ticked when done; an overdue task is red.

/** The colour of a visit plan's status, the same in the cells and the legend. */
export const VISIT_STATUS_BADGE: Record<string, BadgeProps> = {
  draft: { status: 'default' },
  pending_approval: { color: 'gold' },
  planned: { color: 'blue' },
  returned: { color: 'orange' },
  completed: { color: 'green' },
  cancelled: { status: 'default' },
};

export const eventHref = (event: CalendarEvent) =>
  event.kind === 'visit' ? `/visit-plans/${event.id}` : '/tasks';

export function useEventText() {
  const { t } = useTranslation('calendar');
  return {
    title: (e: CalendarEvent) =>
      e.kind === 'visit' && (e.customer ?? e.prospect)
        ? t('visitTitle', { customer: (e.customer ?? e.prospect)!.name })
        : e.title,
    status: (e: CalendarEvent) =>
      codeLabel(e.kind === 'visit' ? VISIT_PLAN_STATUSES.labels : TASK_STATUSES.labels, e.status),
    time: (e: CalendarEvent) =>
      e.allDay ? t('allDay') : `${bankTimeOf(e.start)}${e.end ? `–${bankTimeOf(e.end)}` : ''}`,
  };
}

export function TaskIcon({ event }: { event: CalendarEvent }) {
  const { token } = theme.useToken();
  const color = event.overdue ? token.colorError : event.status === 'done' ? token.colorSuccess : undefined;
  return event.status === 'done' ? (
    <CheckSquareOutlined style={{ color }} aria-hidden />
  ) : (
    <BorderOutlined style={{ color }} aria-hidden />
  );
}

interface EventItemProps {
  event: CalendarEvent;
  /** A month cell has room for one line; the week view shows time range, customer and status. */
  detailed?: boolean;
}

export function EventItem({ event, detailed = false }: EventItemProps) {
  const { t } = useTranslation('calendar');
  const { token } = theme.useToken();
  const text = useEventText();
  const title = text.title(event);
  const status = text.status(event);
  const label = [text.time(event), title, status, event.overdue ? t('overdue') : '']
    .filter(Boolean)
    .join(' · ');
  const done = event.kind === 'task' && event.status === 'done';
  const color = event.overdue ? token.colorError : done ? token.colorTextTertiary : token.colorText;

  const marker =
    event.kind === 'visit' ? <Badge {...VISIT_STATUS_BADGE[event.status]} /> : <TaskIcon event={event} />;

  return (
    <Link
      to={eventHref(event)}
      title={label}
      aria-label={label}
      // A month cell selects its day on click; following the link is all the click should do.
      onClick={(e) => e.stopPropagation()}
      style={{
        display: 'block',
        color,
        fontSize: detailed ? token.fontSize : token.fontSizeSM,
        lineHeight: token.lineHeightSM,
        padding: detailed ? `${token.paddingXXS}px 0` : 0,
        textDecoration: done ? 'line-through' : undefined,
      }}
    >
      {detailed ? (
        <Flex vertical gap={2}>
          <Flex gap={token.marginXXS} align="center">
            {marker}
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {text.time(event)}
            </Typography.Text>
          </Flex>
          <span style={{ fontWeight: token.fontWeightStrong, wordBreak: 'break-word' }}>{title}</span>
          <Flex gap={token.marginXXS} wrap>
            {event.kind === 'task' && event.customer && (
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                {event.customer.name}
              </Typography.Text>
            )}
            <Tag
              color={event.kind === 'visit' ? VISIT_STATUS_BADGE[event.status]?.color : undefined}
              variant="filled"
            >
              {status}
            </Tag>
            {event.overdue && (
              <Tag color="error" variant="filled">
                {t('overdue')}
              </Tag>
            )}
          </Flex>
        </Flex>
      ) : (
        <Flex gap={token.marginXXS} align="center" style={{ minWidth: 0 }}>
          {marker}
          {event.kind === 'visit' && <span style={{ flex: 'none' }}>{bankTimeOf(event.start)}</span>}
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{title}</span>
        </Flex>
      )}
    </Link>
  );
}
