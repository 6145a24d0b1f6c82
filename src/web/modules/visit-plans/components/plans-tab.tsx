import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { VISIT_PLAN_STATUSES } from '../../../../shared/codes';
import type { VisitPlanSummary } from '../../../../shared/schemas/visit-plan';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { usePlanList } from '../api';
import { STATUS_COLOURS } from '../format';

/**
 * The customer's visit plans on the customer 360 page, with a way to plan the next one; or, given
 * `prospectId` instead, a prospect's (DOMAIN §4: the action plan before it becomes a customer).
 */
export function PlansTab({
  customerId,
  prospectId,
  canEdit,
}: {
  customerId?: number;
  prospectId?: number;
  canEdit: boolean;
}) {
  const { t } = useTranslation('plans');
  const [page, setPage] = useState(1);
  const subject = prospectId ? { prospectId: String(prospectId) } : { customerId: String(customerId ?? '') };
  const list = usePlanList({ ...subject, page: String(page), pageSize: '10' });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {canEdit && (
        <Link
          to={
            prospectId
              ? `/visit-plans/new?prospectId=${prospectId}`
              : `/visit-plans/new?customerId=${customerId}`
          }
        >
          <Button type="primary" icon={<PlusOutlined />}>
            {t('list.new')}
          </Button>
        </Link>
      )}
      <Table<VisitPlanSummary>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('list.empty') }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: t('field.startsAt'),
            dataIndex: 'startsAt',
            render: (v: string, r) => <Link to={`/visit-plans/${r.id}`}>{formatDateTime(v)}</Link>,
          },
          {
            title: t('field.status'),
            dataIndex: 'status',
            render: (v: string) => (
              <Tag color={STATUS_COLOURS[v]}>{codeLabel(VISIT_PLAN_STATUSES.labels, v)}</Tag>
            ),
          },
          { title: t('list.objectives'), render: (_, r) => `${r.objectivesMet} / ${r.objectiveCount}` },
          { title: t('field.owner'), render: (_, r) => r.owner.name },
        ]}
      />
    </Space>
  );
}
