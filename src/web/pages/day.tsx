import {
  CommentOutlined,
  LeftOutlined,
  PlusOutlined,
  ReloadOutlined,
  RightOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Masonry,
  Row,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Typography,
  theme,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { bankDate, isoDate } from '../../shared/schemas/common';
import type { AgendaItem, AgendaSection } from '../../shared/schemas/day';
import { useUser } from '../app/auth';
import { ComplaintAlertsCard } from '../modules/complaints/components/complaint-alerts-card';
import { DueContactsCard } from '../modules/customer-value/components/due-contacts-card';
import { useCompleteTask, useDay } from '../modules/day/api';
import { AgendaSectionCard } from '../modules/day/components/agenda-section';
import { TaskFormModal } from '../modules/day/components/task-form-modal';
import { errorText } from '../modules/day/problems';
import { sourceInfo } from '../modules/day/sources';
import { DayCandidatesCard } from '../modules/exit/components/day-candidates-card';

const shiftDay = (day: string, n: number) => dayjs(day).add(n, 'day').format('YYYY-MM-DD');

/** 我的工作台: the RM's or team lead's day, one section per agenda source, for today or a chosen day. */
export default function DayPage() {
  const { t } = useTranslation('day');
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const requested = params.get('date');
  const date = requested && isoDate.safeParse(requested).success ? requested : undefined;
  const day = useDay(date);
  const complete = useCompleteTask();
  const [completing, setCompleting] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const today = bankDate(new Date());
  const shown = date ?? day.data?.date ?? today;
  const canWrite = user.role === 'rm' || user.role === 'team_lead';

  const goTo = (next: string | null) =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        if (!next || next === today) p.delete('date');
        else p.set('date', next);
        return p;
      },
      { replace: false },
    );

  const onComplete = async (item: AgendaItem) => {
    setCompleting(item.id);
    try {
      await complete.mutateAsync(item.id);
      message.success(t('item.completed', { title: item.title }));
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setCompleting(null);
    }
  };

  const sections: AgendaSection[] = day.data?.sections ?? [];

  return (
    <Flex vertical gap="middle">
      <Card>
        <Flex justify="space-between" align="center" wrap gap="middle">
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('title')}
            </Typography.Title>
            <Space size="small" wrap>
              <Typography.Text type="secondary">{dayjs(shown).format(t('dateFormat'))}</Typography.Text>
              {shown === today && <Tag color="processing">{t('today')}</Tag>}
              {shown < today && <Tag>{t('past')}</Tag>}
              {shown > today && <Tag>{t('future')}</Tag>}
            </Space>
          </div>
          <Space wrap>
            <Space.Compact>
              <Button
                icon={<LeftOutlined />}
                aria-label={t('previousDay')}
                title={t('previousDay')}
                onClick={() => goTo(shiftDay(shown, -1))}
              />
              <DatePicker
                value={dayjs(shown)}
                allowClear={false}
                aria-label={t('pickDate')}
                onChange={(d) => d && goTo(d.format('YYYY-MM-DD'))}
              />
              <Button
                icon={<RightOutlined />}
                aria-label={t('nextDay')}
                title={t('nextDay')}
                onClick={() => goTo(shiftDay(shown, 1))}
              />
            </Space.Compact>
            <Button disabled={shown === today} onClick={() => goTo(null)}>
              {t('backToToday')}
            </Button>
            <Button
              icon={<ReloadOutlined />}
              aria-label={t('refresh')}
              title={t('refresh')}
              loading={day.isFetching}
              onClick={() => void day.refetch()}
            />
          </Space>
        </Flex>
        {canWrite && (
          <Flex
            gap="small"
            wrap
            style={{ marginTop: token.marginMD }}
            role="group"
            aria-label={t('quick.label')}
          >
            <Link to="/visit-plans/new">
              <Button type="primary" icon={<ScheduleOutlined />}>
                {t('quick.planVisit')}
              </Button>
            </Link>
            <Link to="/interactions?new=1">
              <Button icon={<CommentOutlined />}>{t('quick.logInteraction')}</Button>
            </Link>
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('quick.newTask')}
            </Button>
          </Flex>
        )}
      </Card>

      {day.error && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed')}
          description={(day.error as Error).message}
          action={<Button onClick={() => void day.refetch()}>{t('retry')}</Button>}
        />
      )}

      {/* 维护提醒: contacts overdue or due soon under the value tier's policy, as of today. */}
      {shown === today && <DueContactsCard />}
      {/* 投诉提醒: open complaints and suggestions assigned or escalated to the viewer, by deadline. */}
      {shown === today && canWrite && <ComplaintAlertsCard />}
      {/* 新增退出候选: open exit candidates first found in the last 30 days (issue #9). */}
      {shown === today && canWrite && <DayCandidatesCard />}

      {day.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        sections.length > 0 && (
          <>
            <Card size="small" aria-label={t('summary')}>
              <Row gutter={[token.marginLG, token.marginSM]} role="list">
                {sections.map((s) => {
                  const info = sourceInfo(s.source);
                  const alarming = info.alarming && s.total > 0;
                  return (
                    <Col key={s.source} xs={12} sm={8} md={6} xl={4} role="listitem">
                      <Statistic
                        title={t(`sources.${s.source}`, { defaultValue: s.source })}
                        value={s.total}
                        prefix={<span aria-hidden>{info.icon}</span>}
                        styles={{ content: alarming ? { color: token.colorError } : undefined }}
                      />
                    </Col>
                  );
                })}
              </Row>
            </Card>
            <Masonry
              columns={{ xs: 1, lg: 2 }}
              gutter={token.margin}
              fresh
              items={sections.map((s) => ({
                key: s.source,
                data: s,
                children: (
                  <AgendaSectionCard
                    section={s}
                    day={shown}
                    today={today}
                    onComplete={(item) => void onComplete(item)}
                    completing={completing}
                  />
                ),
              }))}
            />
          </>
        )
      )}

      <TaskFormModal open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}
