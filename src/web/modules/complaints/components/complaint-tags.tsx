import {
  BulbOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  LikeOutlined,
  RiseOutlined,
} from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FEEDBACK_KINDS,
  FEEDBACK_SEVERITIES,
  FEEDBACK_STATUSES,
  type FeedbackKind,
  type FeedbackSeverity,
  type FeedbackStatus,
} from '../../../../shared/codes';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import type { Complaint } from '../api';

// The tags a case shows wherever it is listed: its kind, severity and status, its deadline (time left,
// or how long it is overdue), and that it was escalated to the team lead. One look everywhere.

const HOUR_MS = 3_600_000;
/** Open cases due within this time count as due soon (the server's day-page alerts use the same day). */
const DUE_SOON_MS = 24 * HOUR_MS;

// Only colours whose text meets the WCAG AA contrast on their own background under this theme
// (Ant Design's volcano, orange, gold, green and the theme's success do not): see customer-value/colors.ts.

const KIND_ICONS: Record<FeedbackKind, ReactNode> = {
  complaint: <ExclamationCircleOutlined />,
  suggestion: <BulbOutlined />,
  praise: <LikeOutlined />,
};

export const SEVERITY_COLORS: Record<FeedbackSeverity, string> = {
  urgent: 'red',
  high: 'magenta',
  normal: 'blue',
  low: 'default',
};

export function KindTag({ kind }: { kind: FeedbackKind }) {
  return <Tag icon={KIND_ICONS[kind]}>{codeLabel(FEEDBACK_KINDS.labels, kind)}</Tag>;
}

export function SeverityTag({ severity }: { severity: FeedbackSeverity }) {
  return <Tag color={SEVERITY_COLORS[severity]}>{codeLabel(FEEDBACK_SEVERITIES.labels, severity)}</Tag>;
}

export function StatusTag({ status }: { status: FeedbackStatus }) {
  return (
    <Tag color={status === 'open' ? 'processing' : 'default'}>
      {codeLabel(FEEDBACK_STATUSES.labels, status)}
    </Tag>
  );
}

/** Now, again every minute, so the countdowns move while the page stays open. */
export function useNow(everyMs = 60_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

type DeadlineCase = Pick<Complaint, 'deadlineAt' | 'breached' | 'status' | 'resolvedAt'>;

/** Whether an open case is past its deadline now (the server's flag, or the clock since it answered). */
export function isOverdue(c: DeadlineCase, now: number) {
  if (c.status !== 'open' || c.deadlineAt === null) return false;
  return c.breached || now > Date.parse(c.deadlineAt);
}

/** A span of time as days and hours, or hours, or minutes, in the reader's language. */
function useSpanText() {
  const { t } = useTranslation('complaints');
  return (ms: number) => {
    const hours = Math.floor(ms / HOUR_MS);
    if (hours < 1) return t('span.minutes', { count: Math.max(1, Math.floor(ms / 60_000)) });
    if (hours < 72) return t('span.hours', { count: hours });
    return t('span.daysHours', { days: Math.floor(hours / 24), hours: hours % 24 });
  };
}

/**
 * The deadline of a case: the time left while it runs ("剩余 5 小时", amber within a day), how long it
 * is overdue ("超时 48 小时", red), or whether it was resolved within it; praise has no deadline.
 */
export function DeadlineTag({ complaint: c, now }: { complaint: DeadlineCase; now: number }) {
  const { t } = useTranslation('complaints');
  const span = useSpanText();
  if (c.deadlineAt === null) return <Typography.Text type="secondary">{t('deadline.none')}</Typography.Text>;
  const deadline = Date.parse(c.deadlineAt);
  const due = t('deadline.dueAt', { at: formatDateTime(c.deadlineAt) });
  if (c.status === 'resolved') {
    const late = c.resolvedAt ? Date.parse(c.resolvedAt) - deadline : 0;
    return (
      <Tooltip title={due}>
        {late > 0 ? (
          <Tag color="error">{t('deadline.resolvedLate', { span: span(late) })}</Tag>
        ) : (
          <Tag icon={<CheckCircleOutlined />}>{t('deadline.resolvedInTime')}</Tag>
        )}
      </Tooltip>
    );
  }
  const left = deadline - now;
  if (isOverdue(c, now))
    return (
      <Tooltip title={due}>
        <Tag color="error" icon={<ClockCircleOutlined />}>
          {t('deadline.overdue', { span: span(Math.max(-left, 60_000)) })}
        </Tag>
      </Tooltip>
    );
  return (
    <Tooltip title={due}>
      <Tag color={left <= DUE_SOON_MS ? 'warning' : 'default'} icon={<ClockCircleOutlined />}>
        {t('deadline.left', { span: span(left) })}
      </Tag>
    </Tooltip>
  );
}

/** 已升级: the case breached its deadline and went to the team lead (named, with when, on hover). */
export function EscalatedTag({
  complaint: c,
}: {
  complaint: Pick<Complaint, 'escalatedAt' | 'escalatedTo'>;
}) {
  const { t } = useTranslation('complaints');
  if (!c.escalatedAt) return null;
  return (
    <Tooltip
      title={t('escalated.detail', { name: c.escalatedTo?.name ?? '—', at: formatDateTime(c.escalatedAt) })}
    >
      <Tag color="purple" icon={<RiseOutlined />}>
        {t('escalated.tag')}
      </Tag>
    </Tooltip>
  );
}
