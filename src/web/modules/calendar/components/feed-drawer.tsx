import { LinkOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Flex, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import { type CalendarFeedCreated, useCreateFeed, useFeedStatus, useRevokeFeed } from '../api';

// 订阅到手机日历: the signed-in person's iCalendar feed. The server keeps only a hash of the secret,
// so the link can be shown once, right after it is made; making a new one stops the old one.

interface FeedDrawerProps {
  open: boolean;
  onClose(): void;
}

export function FeedDrawer({ open, onClose }: FeedDrawerProps) {
  const { t } = useTranslation('calendar');
  const { message } = App.useApp();
  const status = useFeedStatus(open);
  const create = useCreateFeed();
  const revoke = useRevokeFeed();
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const active = status.data?.active ?? false;
  const failed = (e: unknown) => message.error(t('common:error.generic', { message: (e as Error).message }));

  const generate = () =>
    create.mutate(undefined, {
      onSuccess: (feed) => setCreated(feed),
      onError: failed,
    });

  const generateButton = (
    <Button
      type="primary"
      icon={<LinkOutlined />}
      loading={create.isPending}
      onClick={active ? undefined : generate}
    >
      {active ? t('feed.regenerate') : t('feed.generate')}
    </Button>
  );

  return (
    <Drawer
      title={t('feed.title')}
      open={open}
      onClose={() => {
        // The secret is not kept anywhere in the page once the drawer closes.
        setCreated(null);
        onClose();
      }}
      size={520}
    >
      <Flex vertical gap="middle">
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('feed.intro')}</Typography.Paragraph>
        {status.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : status.error ? (
          <Alert type="error" showIcon title={(status.error as Error).message} />
        ) : (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('feed.status')}>
              {active ? <Tag color="success">{t('feed.active')}</Tag> : <Tag>{t('feed.inactive')}</Tag>}
            </Descriptions.Item>
            {active && (
              <Descriptions.Item label={t('feed.createdAt')}>
                {formatDateTime(status.data?.createdAt)}
              </Descriptions.Item>
            )}
            {active && (
              <Descriptions.Item label={t('feed.lastUsedAt')}>
                {status.data?.lastUsedAt ? formatDateTime(status.data.lastUsedAt) : t('feed.neverUsed')}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}

        <div role="status" aria-live="polite">
          {created && (
            <Alert
              type="warning"
              showIcon
              title={t('feed.secretTitle')}
              description={
                <Flex vertical gap="small">
                  <span>{t('feed.secretText')}</span>
                  <Typography.Paragraph
                    copyable={{
                      text: window.location.origin + created.url,
                      tooltips: [t('feed.copy'), t('feed.copied')],
                    }}
                    code
                    style={{ marginBottom: 0, wordBreak: 'break-all' }}
                    aria-label={t('feed.url')}
                  >
                    {window.location.origin + created.url}
                  </Typography.Paragraph>
                </Flex>
              }
            />
          )}
        </div>

        <Flex gap="small" wrap>
          {active ? (
            <Popconfirm
              title={t('feed.regenerateConfirm')}
              description={t('feed.regenerateHint')}
              okText={t('feed.regenerate')}
              cancelText={t('cancel')}
              onConfirm={generate}
            >
              {generateButton}
            </Popconfirm>
          ) : (
            generateButton
          )}
          {active && (
            <Popconfirm
              title={t('feed.revokeConfirm')}
              description={t('feed.revokeHint')}
              okText={t('feed.revoke')}
              okButtonProps={{ danger: true }}
              cancelText={t('cancel')}
              onConfirm={() =>
                revoke.mutate(undefined, {
                  onSuccess: () => {
                    setCreated(null);
                    message.success(t('feed.revoked'));
                  },
                  onError: failed,
                })
              }
            >
              <Button danger icon={<StopOutlined />} loading={revoke.isPending}>
                {t('feed.revoke')}
              </Button>
            </Popconfirm>
          )}
        </Flex>

        <Typography.Title level={5} style={{ marginBottom: 0 }}>
          {t('feed.howTitle')}
        </Typography.Title>
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          <li>
            <Typography.Text>{t('feed.howIphone')}</Typography.Text>
          </li>
          <li>
            <Typography.Text>{t('feed.howAndroid')}</Typography.Text>
          </li>
        </ul>
        <Typography.Text type="secondary">{t('feed.privacy')}</Typography.Text>
      </Flex>
    </Drawer>
  );
}
