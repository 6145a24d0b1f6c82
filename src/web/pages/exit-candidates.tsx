import { FileAddOutlined, FileSearchOutlined, PauseCircleOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Input,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  EXIT_CANDIDATE_STATUSES,
  EXIT_GROUPS,
  EXIT_RULES,
  type ExitCandidateStatus,
  type ExitGroup,
  type ExitRule,
} from '../../shared/codes';
import { isoDate } from '../../shared/schemas/common';
import { useUser } from '../app/auth';
import { formatDateTime } from '../app/format';
import { codeLabel } from '../i18n';
import { type CandidateDto, useCandidates } from '../modules/exit/api';
import { ScreeningFilters, type StatusFilter } from '../modules/exit/components/screening-filters';
import { ScreeningRuleChart } from '../modules/exit/components/screening-rule-chart';
import { ScreeningRunPanel } from '../modules/exit/components/screening-run-panel';
import { ScreeningStatusModal } from '../modules/exit/components/screening-status-modal';
import { TriggerEvidence } from '../modules/exit/components/screening-triggers';

// 退出筛查 (issue #9): the customers the exit criteria (DOMAIN §6.1) single out, each with the rules
// that fired on which figures. Anyone screens what they see (a risk officer or an administrator the
// whole bank); RMs and team leads draft an exit plan from a candidate; risk officers and team leads
// keep one for now (暂不退出) or open it again, with a note. Filters and the page live in the URL.

const STATUS_COLORS: Record<ExitCandidateStatus, string> = {
  open: 'red',
  planned: 'blue',
  dismissed: 'default',
};
const PLANNERS = ['rm', 'team_lead'];
const DECIDERS = ['risk_officer', 'team_lead'];

const pick = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

export default function ExitCandidatesPage() {
  const { t } = useTranslation(['exitScreening', 'exit', 'common']);
  const { token } = theme.useToken();
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [deciding, setDeciding] = useState<CandidateDto | null>(null);

  const group = pick<ExitGroup>(EXIT_GROUPS, params.get('group'));
  const rule = pick<ExitRule>(EXIT_RULES.codes, params.get('rule'));
  const status: StatusFilter =
    params.get('status') === 'all'
      ? 'all'
      : (pick<ExitCandidateStatus>(EXIT_CANDIDATE_STATUSES.codes, params.get('status')) ?? 'open');
  const q = params.get('q') ?? '';
  const sinceParam = params.get('since');
  const since = sinceParam && isoDate.safeParse(sinceParam).success ? sinceParam : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [20, 50, 100].includes(Number(params.get('pageSize')))
    ? Number(params.get('pageSize'))
    : 20;

  const list = useCandidates({
    group,
    rule,
    status: status === 'all' ? undefined : status,
    q: q || undefined,
    since,
    page,
    pageSize,
  });
  const data = list.data;
  const canPlan = PLANNERS.includes(user.role);
  const canDecide = DECIDERS.includes(user.role);

  // From the latest URL, not this render's copy, so two quick changes both stick.
  const update = (changes: Record<string, string | undefined>, resetPage = true) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      if (next.get('status') === 'open') next.delete('status');
      if (resetPage) next.delete('page');
      return next;
    });

  const filtered = Boolean(group || rule || q || since || status !== 'open');

  const columns: ColumnsType<CandidateDto> = [
    {
      key: 'customer',
      title: t('table.customer'),
      width: 200,
      render: (_, c) => (
        <Flex vertical>
          <Link to={`/customers/${c.customer.id}`}>{c.customer.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {c.customer.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'owner',
      title: t('table.owner'),
      width: 90,
      render: (_, c) =>
        c.customer.owner?.name ?? <Typography.Text type="secondary">{t('table.unowned')}</Typography.Text>,
    },
    {
      key: 'since',
      title: (
        <Tooltip title={t('table.sinceHint')}>
          <span>{t('table.since')}</span>
        </Tooltip>
      ),
      dataIndex: 'since',
      width: 110,
    },
    {
      key: 'rules',
      title: t('table.rules'),
      render: (_, c) => <TriggerEvidence findings={c} />,
    },
    {
      key: 'status',
      title: t('table.status'),
      width: 120,
      render: (_, c) => (
        <Flex vertical gap={2} align="flex-start">
          <Tag color={STATUS_COLORS[c.status]}>{codeLabel(EXIT_CANDIDATE_STATUSES.labels, c.status)}</Tag>
          {c.statusNote && (
            <Typography.Paragraph
              type="secondary"
              style={{ fontSize: token.fontSizeSM, margin: 0 }}
              ellipsis={{ rows: 2, tooltip: c.statusNote }}
            >
              {c.statusNote}
            </Typography.Paragraph>
          )}
          {c.statusBy && c.statusAt && (
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {t('table.statusBy', { name: c.statusBy.name, at: formatDateTime(c.statusAt) })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('table.actions'),
      width: 180,
      fixed: 'right',
      render: (_, c) => (
        <Flex vertical gap={4} align="flex-start">
          {c.planId !== null ? (
            <Link to={`/exit/plans/${c.planId}`}>
              <FileSearchOutlined aria-hidden /> {t('action.viewPlan')}
            </Link>
          ) : (
            canPlan && (
              <Button
                size="small"
                icon={<FileAddOutlined />}
                onClick={() => navigate(`/exit/plans/new?customerId=${c.customer.id}`)}
              >
                {t('action.plan')}
              </Button>
            )
          )}
          {canDecide && c.status !== 'planned' && (
            <Button
              size="small"
              icon={c.status === 'dismissed' ? <UndoOutlined /> : <PauseCircleOutlined />}
              onClick={() => setDeciding(c)}
              aria-label={t(c.status === 'dismissed' ? 'action.reopenOf' : 'action.dismissOf', {
                name: c.customer.name,
              })}
            >
              {c.status === 'dismissed' ? t('action.reopen') : t('action.dismiss')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Card>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: `${token.marginXS}px 0 0` }}>
          {t('intro')}
        </Typography.Paragraph>
      </Card>

      <Row gutter={[token.margin, token.margin]}>
        <Col xs={24} xl={10}>
          <ScreeningRunPanel lastScreening={data?.lastScreening} loading={list.isPending} />
        </Col>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t('chart.title')}
            extra={<Typography.Text type="secondary">{t('chart.hint')}</Typography.Text>}
            style={{ height: '100%' }}
          >
            <ScreeningRuleChart
              byRule={data?.byRule}
              group={group}
              selected={rule}
              loading={list.isPending}
              onPick={(r) => update({ rule: r === rule ? undefined : r })}
            />
          </Card>
        </Col>
      </Row>

      <Card title={t('queue.title')}>
        <Flex vertical gap={token.margin}>
          <Flex justify="space-between" align="flex-start" gap={token.margin} wrap>
            <ScreeningFilters
              group={group}
              rule={rule}
              status={status}
              byRule={data?.byRule}
              byGroup={data?.byGroup}
              onChange={(changes) => update(changes)}
            />
            <Space wrap>
              <Input.Search
                allowClear
                defaultValue={q}
                key={q}
                placeholder={t('queue.searchPlaceholder')}
                aria-label={t('queue.search')}
                style={{ width: 280 }}
                onSearch={(v) => update({ q: v.trim() || undefined })}
              />
              {since && (
                <Tag
                  closable={{ 'aria-label': t('queue.clearSince') }}
                  onClose={() => update({ since: undefined })}
                >
                  {t('queue.since', { date: since })}
                </Tag>
              )}
              {filtered && (
                <Button onClick={() => setParams(new URLSearchParams())}>{t('queue.clear')}</Button>
              )}
            </Space>
          </Flex>
          {list.error && <Alert type="error" showIcon title={(list.error as Error).message} />}
          <Table<CandidateDto>
            rowKey={(c) => c.customer.id}
            size="middle"
            columns={columns}
            dataSource={data?.items}
            loading={list.isFetching}
            scroll={{ x: 1000 }}
            locale={{
              emptyText:
                data?.lastScreening === null && !filtered ? t('queue.neverScreened') : t('queue.empty'),
            }}
            onChange={(pagination) =>
              update(
                {
                  page: String(pagination.current ?? 1),
                  pageSize: String(pagination.pageSize ?? 20),
                },
                false,
              )
            }
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => t('queue.total', { total: total.toLocaleString() }),
            }}
          />
        </Flex>
      </Card>

      <ScreeningStatusModal candidate={deciding} onClose={() => setDeciding(null)} />
    </Flex>
  );
}
