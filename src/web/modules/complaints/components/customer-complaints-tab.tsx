import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEEDBACK_CATEGORIES } from '../../../../shared/codes';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { useCustomer } from '../../customers/api';
import { type Complaint, useCustomerComplaints } from '../api';
import { ComplaintDrawer } from './complaint-drawer';
import { ComplaintFormModal } from './complaint-form-modal';
import { DeadlineTag, EscalatedTag, KindTag, SeverityTag, StatusTag, useNow } from './complaint-tags';

/**
 * 投诉与建议 on the customer 360 page: the customer's complaints, suggestions and praise, newest first,
 * each opening its case; those who may edit the customer record a new one from here.
 */
export function CustomerComplaintsTab({ customerId, canEdit }: { customerId: number; canEdit: boolean }) {
  const { t } = useTranslation('complaints');
  const { message } = App.useApp();
  const now = useNow();
  const customer = useCustomer(customerId);
  const list = useCustomerComplaints(customerId);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const items = list.data ?? [];
  const open = items.filter((c) => c.status === 'open').length;

  return (
    <Flex vertical gap="small">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Text type="secondary">{t('tab.summary', { total: items.length, open })}</Typography.Text>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('new')}
          </Button>
        )}
      </Flex>
      {list.error && <Typography.Text type="danger">{(list.error as Error).message}</Typography.Text>}
      <Table<Complaint>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={items}
        locale={{ emptyText: t('tab.empty') }}
        pagination={items.length > 10 ? { pageSize: 10 } : false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'receivedAt',
            title: t('field.receivedAt'),
            dataIndex: 'receivedAt',
            render: formatDateTime,
            width: 150,
          },
          {
            key: 'subject',
            title: t('field.subject'),
            render: (_, c) => (
              <Space size={4} wrap>
                <KindTag kind={c.kind} />
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(c.id)}>
                  {c.subject}
                </Button>
              </Space>
            ),
          },
          {
            key: 'category',
            title: t('field.category'),
            dataIndex: 'category',
            render: (v: string) => codeLabel(FEEDBACK_CATEGORIES.labels, v),
          },
          {
            key: 'severity',
            title: t('field.severity'),
            render: (_, c) => <SeverityTag severity={c.severity} />,
          },
          { key: 'status', title: t('field.status'), render: (_, c) => <StatusTag status={c.status} /> },
          {
            key: 'deadline',
            title: t('field.deadline'),
            render: (_, c) => (
              <Space size={4} wrap>
                <DeadlineTag complaint={c} now={now} />
                <EscalatedTag complaint={c} />
              </Space>
            ),
          },
          { key: 'assignee', title: t('field.assignee'), render: (_, c) => c.assignee?.name ?? '—' },
        ]}
      />
      <ComplaintFormModal
        open={creating}
        onClose={() => setCreating(false)}
        customer={
          customer.data
            ? { id: customer.data.id, name: customer.data.name, code: customer.data.code }
            : { id: customerId, name: `#${customerId}` }
        }
        onSaved={(c) => message.success(t('created', { kind: t(`kindNoun.${c.kind}`) }))}
      />
      <ComplaintDrawer id={openId} onClose={() => setOpenId(null)} />
    </Flex>
  );
}
