import { Alert, Badge, Card, Flex, Input, Table, Tag, Tooltip, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EXIT_PLAN_STATUSES } from '../../shared/codes';
import { useUser } from '../app/auth';
import { formatYuan } from '../app/format';
import { codeLabel } from '../i18n';
import { useWatchList, type WatchItem } from '../modules/exit/api';
import { RuleTags } from '../modules/exit/components/screening-triggers';

// 关注类名单 (issue #9): the customers whose loans are classified special mention 关注类 — one step
// from substandard, which makes a customer an exit candidate (EX2) — with their credit grade and
// loan balance, whether the exit criteria already single them out and on which rules, how many risk
// flags stand, and where their exit plan is. Search and page live in the URL.

const PLAN_STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  approved: 'geekblue',
  rejected: 'magenta',
  executing: 'purple',
  completed: 'default',
};
const PLANNERS = ['rm', 'team_lead'];

export default function ExitWatchListPage() {
  const { t } = useTranslation('exitScreening');
  const { token } = theme.useToken();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [20, 50, 100].includes(Number(params.get('pageSize')))
    ? Number(params.get('pageSize'))
    : 20;
  const list = useWatchList({ q: q || undefined, page, pageSize });
  const canPlan = PLANNERS.includes(user.role);

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  const columns: ColumnsType<WatchItem> = [
    {
      key: 'customer',
      title: t('table.customer'),
      width: 240,
      render: (_, w) => (
        <Flex vertical>
          <Link to={`/customers/${w.customer.id}`}>{w.customer.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {w.customer.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'owner',
      title: t('table.owner'),
      width: 100,
      render: (_, w) =>
        w.customer.owner?.name ?? <Typography.Text type="secondary">{t('table.unowned')}</Typography.Text>,
    },
    {
      key: 'creditGrade',
      title: t('watch.creditGrade'),
      dataIndex: 'creditGrade',
      width: 90,
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'loanBalance',
      title: (
        <Tooltip title={t('watch.loanBalanceHint')}>
          <span>{t('watch.loanBalance')}</span>
        </Tooltip>
      ),
      dataIndex: 'loanBalance',
      align: 'right',
      width: 150,
      render: (v: number) => formatYuan(v),
    },
    {
      key: 'candidate',
      title: t('watch.candidate'),
      render: (_, w) =>
        w.candidate ? (
          <Flex vertical gap={4} align="flex-start">
            <Link to={`/exit/candidates?status=all&q=${encodeURIComponent(w.customer.code)}`}>
              {t('watch.isCandidate')}
            </Link>
            <RuleTags rules={w.rules} />
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('watch.notCandidate')}</Typography.Text>
        ),
    },
    {
      key: 'activeFlags',
      title: t('watch.activeFlags'),
      dataIndex: 'activeFlags',
      width: 110,
      align: 'center',
      render: (v: number) =>
        v > 0 ? (
          <Badge count={v} overflowCount={99} aria-label={t('watch.flagCount', { count: v })} />
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
    {
      key: 'plan',
      title: t('watch.plan'),
      width: 160,
      render: (_, w) =>
        w.planId !== null && w.planStatus ? (
          <Link to={`/exit/plans/${w.planId}`} aria-label={t('watch.planOf', { name: w.customer.name })}>
            <Tag color={PLAN_STATUS_COLORS[w.planStatus]} style={{ cursor: 'pointer' }}>
              {codeLabel(EXIT_PLAN_STATUSES.labels, w.planStatus)}
            </Tag>
          </Link>
        ) : canPlan && w.candidate ? (
          <Link to={`/exit/plans/new?customerId=${w.customer.id}`}>{t('action.plan')}</Link>
        ) : (
          <Typography.Text type="secondary">{t('watch.noPlan')}</Typography.Text>
        ),
    },
  ];

  return (
    <Card
      title={t('watch.title')}
      extra={
        <Input.Search
          allowClear
          defaultValue={q}
          key={q}
          placeholder={t('queue.searchPlaceholder')}
          aria-label={t('watch.search')}
          style={{ width: 280 }}
          onSearch={(v) => update({ q: v.trim() || undefined, page: undefined })}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('watch.intro')}</Typography.Paragraph>
      {list.error && (
        <Alert type="error" showIcon title={(list.error as Error).message} style={{ marginBottom: 16 }} />
      )}
      <Table<WatchItem>
        rowKey={(w) => w.customer.id}
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 960 }}
        locale={{ emptyText: q ? t('queue.empty') : t('watch.empty') }}
        onChange={(pagination) =>
          update({ page: String(pagination.current ?? 1), pageSize: String(pagination.pageSize ?? 20) })
        }
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('watch.total', { total: total.toLocaleString() }),
        }}
      />
    </Card>
  );
}
