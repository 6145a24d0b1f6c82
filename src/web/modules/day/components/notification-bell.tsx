import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, Flex, Popover, Spin, Typography, theme } from 'antd';
import type { TFunction } from 'i18next';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { NOTIFICATION_KINDS } from '../../../../shared/codes';
import type { Notification } from '../../../../shared/schemas/task';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import {
  useLatestNotifications,
  useReadAllNotifications,
  useReadNotification,
  useUnreadNotifications,
} from '../api';
import { errorText } from '../problems';

/** The header's bell: unread count, the latest notifications, each leading to what it is about. */
export function NotificationBell() {
  // The bell's words load with the day namespace; the header must not wait for them.
  return (
    <Suspense fallback={<Button type="text" shape="circle" icon={<BellOutlined />} disabled aria-hidden />}>
      <Bell />
    </Suspense>
  );
}

/** The notification as a sentence in the reader's language, from its kind and parameters. */
export function notificationText(t: TFunction<'day'>, n: Notification): string {
  const p = Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, v === null ? '' : String(v)]));
  switch (n.kind) {
    case 'task_assigned':
      return p.by ? t('bell.text.task_assigned', p) : t('bell.text.task_assigned_anonymous', p);
    case 'task_due_soon':
      return t('bell.text.task_due_soon', p);
    case 'plan_submitted':
      return t('bell.text.plan_submitted', p);
    case 'plan_approved':
      return t('bell.text.plan_approved', p);
    case 'plan_returned':
      return p.note ? t('bell.text.plan_returned', p) : t('bell.text.plan_returned_without_note', p);
    default:
      return codeLabel(NOTIFICATION_KINDS.labels, n.kind);
  }
}

const targetOf = (n: Notification) =>
  n.entity === 'task'
    ? `/tasks?focus=${n.entityId}`
    : n.entity === 'complaint'
      ? `/complaints?id=${n.entityId}`
      : `/visit-plans/${n.entityId}`;

function Bell() {
  const { t } = useTranslation('day');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const bell = useRef<HTMLButtonElement>(null);
  const unread = useUnreadNotifications();
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) bell.current?.focus();
  };
  const count = unread.data?.unread ?? 0;

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      title={
        <Flex justify="space-between" align="center" gap="middle">
          <span>{t('bell.title')}</span>
          <ReadAllButton
            disabled={count === 0}
            onError={(e) => message.error(errorText(t, e))}
            label={t('bell.readAll')}
          />
        </Flex>
      }
      content={open ? <BellList onClose={close} /> : null}
    >
      <Badge count={count} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button
          ref={bell}
          type="text"
          shape="circle"
          icon={<BellOutlined />}
          aria-label={count > 0 ? t('bell.labelUnread', { count }) : t('bell.label')}
          aria-haspopup="dialog"
          aria-expanded={open}
        />
      </Badge>
    </Popover>
  );
}

function ReadAllButton({
  disabled,
  label,
  onError,
}: {
  disabled: boolean;
  label: string;
  onError: (e: unknown) => void;
}) {
  const readAll = useReadAllNotifications();
  return (
    <Button
      type="link"
      size="small"
      disabled={disabled}
      loading={readAll.isPending}
      onClick={() => readAll.mutate(undefined, { onError })}
    >
      {label}
    </Button>
  );
}

function BellList({ onClose }: { onClose: (refocus: boolean) => void }) {
  const { t } = useTranslation('day');
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const latest = useLatestNotifications(true);
  const read = useReadNotification();
  const list = useRef<HTMLUListElement>(null);
  const loaded = latest.data !== undefined;

  // The list opens in a layer of its own: take the keyboard there, and give it back on Escape.
  useEffect(() => {
    if (loaded) list.current?.querySelector('button')?.focus();
  }, [loaded]);

  const go = (n: Notification) => {
    if (!n.read) read.mutate(n.id);
    onClose(false);
    navigate(targetOf(n));
  };

  if (latest.isPending)
    return (
      <Flex justify="center" style={{ width: 360, padding: token.padding }}>
        <Spin />
      </Flex>
    );
  if (latest.error)
    return (
      <Typography.Text type="danger" style={{ display: 'block', width: 360 }}>
        {errorText(t, latest.error)}
      </Typography.Text>
    );
  const items = latest.data?.items ?? [];
  if (items.length === 0)
    return (
      <div style={{ width: 360 }}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />
      </div>
    );

  return (
    <ul
      ref={list}
      aria-label={t('bell.title')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose(true);
      }}
      style={{ listStyle: 'none', margin: 0, padding: 0, width: 360, maxHeight: 420, overflowY: 'auto' }}
    >
      {items.map((n) => (
        <li key={n.id}>
          <Button
            type="text"
            block
            onClick={() => go(n)}
            style={{ height: 'auto', textAlign: 'start', whiteSpace: 'normal', padding: token.paddingXS }}
          >
            <Flex gap="small" align="start" style={{ width: '100%' }}>
              <Badge
                status={n.read ? 'default' : 'processing'}
                aria-label={n.read ? t('bell.read') : t('bell.unread')}
                style={{ visibility: n.read ? 'hidden' : 'visible' }}
              />
              <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text strong={!n.read}>
                  {codeLabel(NOTIFICATION_KINDS.labels, n.kind)}
                </Typography.Text>
                <Typography.Text type={n.read ? 'secondary' : undefined}>
                  {notificationText(t, n)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                  {formatDateTime(n.createdAt)}
                </Typography.Text>
              </Flex>
            </Flex>
          </Button>
        </li>
      ))}
    </ul>
  );
}
