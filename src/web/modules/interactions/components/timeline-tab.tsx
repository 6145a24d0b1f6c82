import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Select, Skeleton, Space, Timeline, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Channel, DIRECTIONS, MAINTENANCE_FORMS } from '../../../../shared/codes';
import type { Interaction } from '../../../../shared/schemas/interaction';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { useCustomer } from '../../customers/api';
import { useTimeline } from '../api';
import { CHANNEL_LOOK, ChannelTag, channelOptions } from './channel';
import type { CustomerChoice } from './customer-choice';
import { InteractionFormModal } from './interaction-form-modal';

// A customer's contacts on every channel, newest first (DOMAIN §3 contact management): what was
// said, what came of it and what happens next, a page at a time.

interface TimelineTabProps {
  /** The customer whose contacts these are; or, instead, the prospect's (DOMAIN §4). */
  customerId?: number;
  prospect?: CustomerChoice;
  canEdit: boolean;
}

/** A labelled line of an entry, left out when there is nothing to say. */
function Line({ label, value }: { label: string; value: string | null | undefined }) {
  const { t } = useTranslation('contact');
  if (!value) return null;
  return (
    <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
      <Typography.Text type="secondary">
        {label}
        {t('colon')}
      </Typography.Text>
      {value}
    </Typography.Paragraph>
  );
}

export function TimelineTab({ customerId = 0, prospect, canEdit }: TimelineTabProps) {
  const { t } = useTranslation('contact');
  const { token } = theme.useToken();
  const [channel, setChannel] = useState<Channel | undefined>(undefined);
  const timeline = useTimeline(prospect ? { prospectId: prospect.id } : { customerId }, channel);
  // undefined: closed; null: recording a new contact; a record: correcting it.
  const [editing, setEditing] = useState<Interaction | null | undefined>(undefined);

  const pages = timeline.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const total = pages[0]?.total ?? 0;
  // The customer 360 page has read the customer already: its name comes from the cache.
  const customer = useCustomer(prospect ? 0 : customerId).data;

  const entry = (i: Interaction) => (
    <div>
      <Flex wrap gap="small" align="center" style={{ marginBottom: 4 }}>
        <ChannelTag channel={i.channel} />
        <Typography.Text strong>{formatDateTime(i.occurredAt)}</Typography.Text>
        <Typography.Text type="secondary">{codeLabel(DIRECTIONS.labels, i.direction)}</Typography.Text>
        {i.maintenanceForm && (
          <Typography.Text type="secondary">
            · {codeLabel(MAINTENANCE_FORMS.labels, i.maintenanceForm)}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          · {t('timeline.recordedBy', { name: i.recordedBy.name })}
        </Typography.Text>
        {canEdit && (
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(i)}
            aria-label={t('timeline.editOf', { time: formatDateTime(i.occurredAt) })}
          >
            {t('edit')}
          </Button>
        )}
      </Flex>
      <Line label={t('field.contact')} value={i.contact?.name} />
      <Line label={t('field.place')} value={i.place} />
      <Line label={t('field.purpose')} value={i.purpose} />
      <Typography.Paragraph
        style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}
        ellipsis={{ rows: 4, expandable: 'collapsible' }}
      >
        {i.summary}
      </Typography.Paragraph>
      <Line label={t('field.outcome')} value={i.outcome} />
      <Line label={t('field.nextStep')} value={i.nextStep} />
      {i.planId !== null && (
        <Link to={`/visit-plans/${i.planId}`}>{t('timeline.plan', { id: i.planId })}</Link>
      )}
    </div>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Space wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('timeline.title')}
          </Typography.Title>
          <Select
            allowClear
            placeholder={t('filter.channel')}
            aria-label={t('filter.channel')}
            style={{ width: 160 }}
            value={channel ?? null}
            options={channelOptions()}
            onChange={(v: Channel | null) => setChannel(v ?? undefined)}
          />
          {timeline.data && (
            <Typography.Text type="secondary" role="status">
              {t('timeline.count', { shown: items.length, total })}
            </Typography.Text>
          )}
        </Space>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('record')}
          </Button>
        )}
      </Flex>
      {timeline.error && <Alert type="error" showIcon title={(timeline.error as Error).message} />}
      {timeline.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : items.length === 0 ? (
        <Empty description={channel ? t('timeline.emptyChannel') : t('timeline.empty')} />
      ) : (
        <Timeline
          items={items.map((i) => ({
            key: i.id,
            icon: CHANNEL_LOOK[i.channel].icon,
            color: token[CHANNEL_LOOK[i.channel].color],
            content: entry(i),
          }))}
        />
      )}
      {timeline.hasNextPage && (
        <Flex justify="center">
          <Button loading={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
            {t('timeline.more')}
          </Button>
        </Flex>
      )}
      {canEdit && (
        <InteractionFormModal
          open={editing !== undefined}
          interaction={editing}
          prospect={prospect}
          customer={
            prospect
              ? null
              : customer
                ? { id: customer.id, name: customer.name, code: customer.code }
                : { id: customerId, name: '' }
          }
          onClose={() => setEditing(undefined)}
        />
      )}
    </Space>
  );
}
