import { Button, Calendar, Flex, theme } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CalendarEvent } from '../api';
import { toDay } from '../dates';
import { EventItem } from './event-item';

// The month: Ant Design's calendar with each day's events in its cell. A cell shows the first
// few; "+N" opens the day's week, where every event has room.

const SHOWN = 3;

interface MonthViewProps {
  anchor: string;
  days: Map<string, CalendarEvent[]>;
  /** A day was clicked: show it (another month's day moves the calendar there). */
  onPickDay(day: string): void;
  /** Show the week of a day. */
  onOpenWeek(day: string): void;
}

export function MonthView({ anchor, days, onPickDay, onOpenWeek }: MonthViewProps) {
  const { t } = useTranslation('calendar');
  const { token } = theme.useToken();
  return (
    <Calendar
      value={dayjs(anchor)}
      headerRender={() => null}
      onSelect={(date, info) => {
        if (info.source === 'date') onPickDay(toDay(date));
      }}
      cellRender={(current, info) => {
        if (info.type !== 'date') return info.originNode;
        const events = days.get(toDay(current)) ?? [];
        if (events.length === 0) return null;
        const hidden = events.length - SHOWN;
        return (
          <Flex vertical gap={2} style={{ textAlign: 'start' }}>
            {events.slice(0, SHOWN).map((e) => (
              <EventItem key={`${e.kind}-${e.id}`} event={e} />
            ))}
            {hidden > 0 && (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto', alignSelf: 'flex-start', fontSize: token.fontSizeSM }}
                onClick={(e) => {
                  e.stopPropagation();
                  onOpenWeek(toDay(current));
                }}
              >
                {t('more', { count: hidden })}
              </Button>
            )}
          </Flex>
        );
      }}
    />
  );
}
