import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CHANNELS, VISIT_PLAN_STATUSES } from '../../shared/codes';
import type { VisitPlanSummary } from '../../shared/schemas/visit-plan';
import { useUser } from '../app/auth';
import { formatDateTime } from '../app/format';
import { PAGE_ROLES } from '../app/page-roles';
import { codeLabel } from '../i18n';
import { usePlanList } from '../modules/visit-plans/api';
import { STATUS_COLOURS, subjectOf } from '../modules/visit-plans/format';

/** The visit plans of the customers the user may see; status and paging in the URL. */
export default function VisitPlansPage() {
  const { t } = useTranslation('plans');
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const status = params.get('status') ?? undefined;
  const mine = params.get('mine') === '1';
  const list = usePlanList({
    page: String(page),
    pageSize: String(pageSize),
    status,
    customerId: params.get('customerId') ?? undefined,
    ownerId: mine ? String(user.id) : undefined,
  });
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('list.title')}
        </Typography.Title>
        {PAGE_ROLES['/visit-plans/new']?.includes(user.role) && (
          <Link to="/visit-plans/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('list.new')}
            </Button>
          </Link>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('list.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          aria-label={t('list.status')}
          style={{ width: 160 }}
          value={status ?? ''}
          onChange={(v) => set({ status: v || undefined, page: undefined })}
          options={[
            { value: '', label: t('list.all') },
            ...VISIT_PLAN_STATUSES.codes.map((c) => ({
              value: c,
              label: codeLabel(VISIT_PLAN_STATUSES.labels, c),
            })),
          ]}
        />
        {(user.role === 'rm' || user.role === 'team_lead') && (
          <Select
            aria-label={t('list.mine')}
            style={{ width: 140 }}
            value={mine ? '1' : ''}
            onChange={(v) => set({ mine: v || undefined, page: undefined })}
            options={[
              { value: '', label: t('list.all') },
              { value: '1', label: t('list.mine') },
            ]}
          />
        )}
      </Space>
      <Table<VisitPlanSummary>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('list.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => set({ page: String(p), pageSize: String(s) }),
        }}
        columns={[
          {
            title: t('field.startsAt'),
            dataIndex: 'startsAt',
            render: (v: string, r) => <Link to={`/visit-plans/${r.id}`}>{formatDateTime(v)}</Link>,
          },
          {
            title: t('field.customer'),
            render: (_, r) => <Link to={subjectOf(r).href}>{subjectOf(r).name}</Link>,
          },
          {
            title: t('field.status'),
            dataIndex: 'status',
            render: (v: string) => (
              <Tag color={STATUS_COLOURS[v]}>{codeLabel(VISIT_PLAN_STATUSES.labels, v)}</Tag>
            ),
          },
          {
            title: t('field.channel'),
            dataIndex: 'channel',
            render: (v: string) => codeLabel(CHANNELS.labels, v),
          },
          { title: t('field.place'), dataIndex: 'place', render: (v: string | null) => v ?? '—' },
          {
            title: t('list.objectives'),
            render: (_, r) => `${r.objectivesMet} / ${r.objectiveCount}`,
          },
          { title: t('field.owner'), render: (_, r) => r.owner.name },
        ]}
      />
    </Card>
  );
}
