import { CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Space, Tag, Tooltip, Typography, theme } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CHANNELS, TASK_SOURCES, VISIT_PLAN_STATUSES } from '../../../../shared/codes';
import type { AgendaItem, AgendaSection } from '../../../../shared/schemas/day';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { daysBetween, formatTime, isDay, itemLink, sourceInfo } from '../sources';

interface AgendaSectionCardProps {
  section: AgendaSection;
  /** The bank day shown and today, YYYY-MM-DD. */
  day: string;
  today: string;
  /** Completes a task item; the item's id while it is being completed. */
  onComplete: (item: AgendaItem) => void;
  completing: number | null;
}

/** One section of the day: its title and count, its first items, a link to the rest, or an empty state. */
export function AgendaSectionCard({ section, day, today, onComplete, completing }: AgendaSectionCardProps) {
  const { t } = useTranslation('day');
  const { token } = theme.useToken();
  const info = sourceInfo(section.source);
  const title = t(`sources.${section.source}`, { defaultValue: section.source });
  const more = info.more?.(day, today) ?? null;
  const hidden = section.total - section.items.length;
  const alarming = info.alarming && section.total > 0;

  return (
    <Card
      id={`agenda-${section.source}`}
      size="small"
      title={
        <Space size="small">
          <span style={{ color: alarming ? token.colorError : token.colorPrimary }} aria-hidden>
            {info.icon}
          </span>
          <span>{title}</span>
          <Badge
            count={section.total}
            showZero
            overflowCount={999}
            color={alarming ? token.colorError : token.colorTextSecondary}
            aria-label={t('section.count', { count: section.total })}
          />
        </Space>
      }
      extra={
        more && section.total > 0 ? (
          <Link to={more}>{hidden > 0 ? t('section.moreCount', { count: hidden }) : t('section.all')}</Link>
        ) : null
      }
      styles={{ body: { paddingBlock: token.paddingXS } }}
    >
      {section.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(`empty.${section.source}`, { defaultValue: t('empty.generic') })}
          style={{ marginBlock: token.marginSM }}
        />
      ) : (
        <ul aria-label={title} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {section.items.map((item, i) => (
            <li
              key={`${item.kind}-${item.id}`}
              style={{
                paddingBlock: token.paddingSM,
                borderTop: i === 0 ? undefined : `${token.lineWidth}px solid ${token.colorBorderSecondary}`,
              }}
            >
              <AgendaRow
                item={item}
                today={today}
                onComplete={onComplete}
                completing={completing === item.id && item.kind === 'task'}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

interface AgendaRowProps {
  item: AgendaItem;
  today: string;
  onComplete: (item: AgendaItem) => void;
  completing: boolean;
}

function AgendaRow({ item, today, onComplete, completing }: AgendaRowProps) {
  const { t } = useTranslation('day');
  const { token } = theme.useToken();
  const link = itemLink(item);
  const when = whenText(t, item);
  const detail = detailText(t, item);
  const tags: ReactNode[] = [];
  if (item.overdue) {
    const days = item.at && isDay(item.at) ? daysBetween(item.at, today) : 0;
    tags.push(
      <Tag key="overdue" color="error">
        {days > 0 ? t('item.overdueDays', { count: days }) : t('item.overdue')}
      </Tag>,
    );
  }
  if (item.kind === 'visit' && item.status)
    tags.push(<Tag key="status">{codeLabel(VISIT_PLAN_STATUSES.labels, item.status)}</Tag>);
  if (item.kind === 'task' && item.detail === 'memo')
    tags.push(<Tag key="source">{codeLabel(TASK_SOURCES.labels, item.detail)}</Tag>);
  if (item.kind === 'interaction' && item.detail)
    tags.push(<Tag key="channel">{codeLabel(CHANNELS.labels, item.detail)}</Tag>);

  // A visit or a plan is named by its customer or prospect: the link would only repeat it.
  const subject = item.customer
    ? { to: `/customers/${item.customer.id}`, name: item.customer.name }
    : item.prospect
      ? { to: `/prospects/${item.prospect.id}`, name: item.prospect.name }
      : null;
  const showSubject = subject && !['visit', 'plan_to_approve', 'memo'].includes(item.kind);
  const titleText = item.title || (subject?.name ?? `#${item.id}`);
  if (item.prospect)
    tags.push(
      <Tag key="prospect" color="purple">
        {t('item.prospect')}
      </Tag>,
    );

  return (
    <Flex gap="small" align="start" justify="space-between">
      <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Flex gap="small" align="center" wrap>
          {link ? (
            <Link to={link} style={{ fontWeight: token.fontWeightStrong }}>
              {titleText}
            </Link>
          ) : (
            <Typography.Text strong>{titleText}</Typography.Text>
          )}
          {tags}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
          <Space size={4} separator="·" wrap>
            {when && <Typography.Text type={item.overdue ? 'danger' : 'secondary'}>{when}</Typography.Text>}
            {showSubject && <Link to={subject.to}>{subject.name}</Link>}
            {detail && <span>{detail}</span>}
          </Space>
        </Typography.Text>
      </Flex>
      {item.kind === 'task' && item.status === 'open' && (
        <Tooltip title={t('item.complete')}>
          <Button
            size="small"
            shape="circle"
            icon={<CheckOutlined />}
            loading={completing}
            aria-label={t('item.completeNamed', { title: item.title })}
            onClick={() => onComplete(item)}
          />
        </Tooltip>
      )}
    </Flex>
  );
}

type T = TFunction<'day'>;

function whenText(t: T, item: AgendaItem): string {
  const at = item.at;
  if (!at) return '';
  switch (item.kind) {
    case 'visit':
      return isDay(at) ? at : formatTime(at);
    case 'task':
      return t('item.dueOn', { date: at });
    case 'memo':
      return t('item.nextDue', { date: at });
    default:
      return isDay(at) ? at : formatDateTime(at);
  }
}

function detailText(t: T, item: AgendaItem): string {
  const detail = item.detail;
  if (!detail) return '';
  switch (item.kind) {
    case 'visit':
      return detail;
    case 'memo':
      return t('item.openItems', { count: Number(detail) });
    case 'plan_to_approve':
      return t('item.submittedBy', { name: detail });
    case 'task':
    case 'interaction':
      // The task's source and the contact's channel show as tags.
      return '';
    default:
      return detail;
  }
}
