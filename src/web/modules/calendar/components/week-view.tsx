import { Card, Flex, Grid, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CalendarEvent } from '../api';
import { bankToday, toDay, weekStart } from '../dates';
import { EventItem } from './event-item';

// The week: seven day columns (Monday first in Chinese), each with its events in time order (the day's tasks,
// then its visits). On a narrow screen the days stack.

interface WeekViewProps {
  anchor: string;
  days: Map<string, CalendarEvent[]>;
}

export function WeekView({ anchor, days }: WeekViewProps) {
  const { t } = useTranslation('calendar');
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const today = bankToday();
  const start = weekStart(anchor);
  const week = Array.from({ length: 7 }, (_, i) => start.add(i, 'day'));

  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: screens.lg ? 'repeat(7, minmax(0, 1fr))' : 'minmax(0, 1fr)',
        gap: token.marginXS,
      }}
    >
      {week.map((d) => {
        const day = toDay(d);
        const events = days.get(day) ?? [];
        const isToday = day === today;
        return (
          <Card
            key={day}
            size="small"
            title={
              <Flex justify="space-between" align="baseline" gap={token.marginXXS}>
                <span>{isToday ? t('today') : d.format('ddd')}</span>
                <Typography.Text type={isToday ? undefined : 'secondary'} strong={isToday}>
                  {d.format(t('format.day'))}
                </Typography.Text>
              </Flex>
            }
            style={{
              minHeight: screens.lg ? 320 : undefined,
              borderColor: isToday ? token.colorPrimary : undefined,
              background: d.day() === 0 || d.day() === 6 ? token.colorFillQuaternary : undefined,
            }}
            styles={{ body: { padding: token.paddingXS } }}
          >
            {events.length === 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                {t('nothing')}
              </Typography.Text>
            ) : (
              <Flex vertical gap={token.marginXXS}>
                {events.map((e, i) => (
                  <div
                    key={`${e.kind}-${e.id}`}
                    style={{
                      borderTop: i === 0 ? undefined : `${token.lineWidth}px solid ${token.colorSplit}`,
                    }}
                  >
                    <EventItem event={e} detailed />
                  </div>
                ))}
              </Flex>
            )}
          </Card>
        );
      })}
    </div>
  );
}
