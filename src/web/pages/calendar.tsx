import { LeftOutlined, MobileOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Segmented, Select, Space, Spin, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useUser } from '../app/auth';
import { useCalendar, useTeamMembers } from '../modules/calendar/api';
import { FeedDrawer } from '../modules/calendar/components/feed-drawer';
import { CalendarLegend } from '../modules/calendar/components/legend';
import { MonthView } from '../modules/calendar/components/month-view';
import { WeekView } from '../modules/calendar/components/week-view';
import {
  bankToday,
  byDay,
  type CalendarView,
  isDay,
  periodOf,
  shift,
  weekStart,
} from '../modules/calendar/dates';

/**
 * 日程: the visits and tasks of a week or a month. The view, the day shown and, for a team lead,
 * whose calendar it is live in the URL, so a link reproduces the view.
 */
export default function CalendarPage() {
  const { t } = useTranslation('calendar');
  const { token } = theme.useToken();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const [feedOpen, setFeedOpen] = useState(false);

  const view: CalendarView = params.get('view') === 'month' ? 'month' : 'week';
  const today = bankToday();
  const anchor = isDay(params.get('date')) ? (params.get('date') as string) : today;
  const isLead = user.role === 'team_lead';
  const ownerParam = Number(params.get('ownerId'));
  const ownerId = isLead && Number.isInteger(ownerParam) && ownerParam > 0 ? ownerParam : undefined;

  const period = periodOf(view, anchor);
  const calendar = useCalendar({ ...period, ownerId });
  const members = useTeamMembers(user.teamId, isLead);
  const days = useMemo(() => byDay(calendar.data), [calendar.data]);

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      return next;
    });
  // Today is the default, so it leaves the URL clean.
  const go = (day: string) => update({ date: day === today ? undefined : day });

  const heading =
    view === 'month'
      ? dayjs(anchor).format(t('format.month'))
      : `${weekStart(anchor).format(t('format.day'))} – ${weekStart(anchor).add(6, 'day').format(t('format.day'))}`;

  const ownerOptions = [
    { value: user.id, label: t('me', { name: user.displayName }) },
    ...(members.data ?? [])
      .filter((m) => m.id !== user.id)
      .map((m) => ({ value: m.id, label: `${m.displayName} (${m.username})` })),
  ];

  return (
    <Card
      title={t('title')}
      extra={
        <Button icon={<MobileOutlined />} onClick={() => setFeedOpen(true)}>
          {t('feed.open')}
        </Button>
      }
    >
      <Flex vertical gap="middle">
        <Flex wrap gap="middle" align="center" justify="space-between">
          <Space wrap>
            <Segmented<CalendarView>
              aria-label={t('view')}
              value={view}
              options={[
                { value: 'week', label: t('week') },
                { value: 'month', label: t('month') },
              ]}
              onChange={(v) => update({ view: v === 'week' ? undefined : v })}
            />
            <Space.Compact>
              <Button
                icon={<LeftOutlined />}
                aria-label={view === 'week' ? t('prevWeek') : t('prevMonth')}
                title={view === 'week' ? t('prevWeek') : t('prevMonth')}
                onClick={() => go(shift(view, anchor, -1))}
              />
              <Button onClick={() => go(today)} disabled={anchor === today}>
                {t('today')}
              </Button>
              <Button
                icon={<RightOutlined />}
                aria-label={view === 'week' ? t('nextWeek') : t('nextMonth')}
                title={view === 'week' ? t('nextWeek') : t('nextMonth')}
                onClick={() => go(shift(view, anchor, 1))}
              />
            </Space.Compact>
            <Typography.Title level={4} style={{ margin: 0 }} aria-live="polite">
              {heading}
            </Typography.Title>
          </Space>
          {isLead && (
            <Select
              aria-label={t('owner')}
              style={{ minWidth: 220 }}
              showSearch={{ optionFilterProp: 'label' }}
              loading={members.isPending}
              value={ownerId ?? user.id}
              options={ownerOptions}
              onChange={(id: number) => update({ ownerId: id === user.id ? undefined : String(id) })}
            />
          )}
        </Flex>

        {calendar.error && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed', { message: (calendar.error as Error).message })}
          />
        )}

        <Spin spinning={calendar.isFetching} delay={200}>
          {view === 'week' ? (
            <WeekView anchor={anchor} days={days} />
          ) : (
            <MonthView
              anchor={anchor}
              days={days}
              onPickDay={go}
              onOpenWeek={(day) => update({ view: undefined, date: day === today ? undefined : day })}
            />
          )}
        </Spin>
        {calendar.data && calendar.data.length === 0 && !calendar.isFetching && (
          <Typography.Text type="secondary" role="status">
            {view === 'week' ? t('emptyWeek') : t('emptyMonth')}
          </Typography.Text>
        )}
        <div
          style={{ borderTop: `${token.lineWidth}px solid ${token.colorSplit}`, paddingTop: token.paddingSM }}
        >
          <CalendarLegend />
        </div>
      </Flex>
      <FeedDrawer open={feedOpen} onClose={() => setFeedOpen(false)} />
    </Card>
  );
}
