import { Alert, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { PRODUCTS } from '../../../../shared/codes';
import type { Account } from '../../../../shared/schemas/account';
import { formatYuan } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { useAccounts, useMonthly } from '../hooks';
import { BalanceChart } from './balance-chart';

// Product holdings (DOMAIN §2): accounts with masked numbers (§9), their latest month's figures, and
// the customer's balances by month.

const percent = (rate: number | null) =>
  rate === null ? '—' : `${(rate * 100).toLocaleString(undefined, { maximumFractionDigits: 4 })}%`;

export function AccountsTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation('customer360');
  const accounts = useAccounts(customerId);
  const monthly = useMonthly(customerId, 24);
  const totals = accounts.data?.totals;

  const columns: ColumnsType<Account> = [
    {
      key: 'accountNo',
      title: t('accounts.accountNo'),
      dataIndex: 'accountNo',
      render: (v) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text>,
    },
    {
      key: 'product',
      title: t('accounts.product'),
      dataIndex: 'product',
      render: (v) => codeLabel(PRODUCTS.labels, v),
    },
    { key: 'currency', title: t('accounts.currency'), dataIndex: 'currency', width: 80 },
    {
      key: 'status',
      title: t('accounts.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: Account['status']) => (
        <Tag color={v === 'open' ? 'green' : 'default'}>{t(`accounts.statuses.${v}`)}</Tag>
      ),
    },
    { key: 'openedOn', title: t('accounts.openedOn'), dataIndex: 'openedOn', width: 110 },
    {
      key: 'closedOn',
      title: t('accounts.closedOn'),
      dataIndex: 'closedOn',
      width: 110,
      render: (v) => v ?? '—',
    },
    { key: 'rate', title: t('accounts.rate'), dataIndex: 'rate', align: 'right', width: 90, render: percent },
    {
      key: 'balance',
      title: t('accounts.balance'),
      align: 'right',
      render: (_, a) => (a.latest ? formatYuan(a.latest.avgBalance) : '—'),
    },
    {
      key: 'contribution',
      title: t('accounts.contribution'),
      align: 'right',
      render: (_, a) => (a.latest ? formatYuan(a.latest.netInterestContribution) : '—'),
    },
    {
      key: 'fee',
      title: t('accounts.fee'),
      align: 'right',
      render: (_, a) => (a.latest ? formatYuan(a.latest.feeIncome) : '—'),
    },
    { key: 'month', title: t('accounts.month'), width: 90, render: (_, a) => a.latest?.month ?? '—' },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {accounts.error && <Alert type="error" showIcon title={(accounts.error as Error).message} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small" loading={accounts.isPending}>
            <Statistic
              title={t('accounts.totalBalance', { month: totals?.month ?? '—' })}
              value={formatYuan(totals?.avgBalance ?? 0, true)}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" loading={accounts.isPending}>
            <Statistic
              title={t('accounts.totalContribution')}
              value={formatYuan(totals?.netInterestContribution ?? 0, true)}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" loading={accounts.isPending}>
            <Statistic title={t('accounts.totalFee')} value={formatYuan(totals?.feeIncome ?? 0, true)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" loading={accounts.isPending}>
            <Statistic
              title={t('accounts.openClosed')}
              value={totals?.openAccounts ?? 0}
              suffix={`/ ${totals?.closedAccounts ?? 0}`}
            />
          </Card>
        </Col>
      </Row>
      <Table<Account>
        rowKey="id"
        size="middle"
        loading={accounts.isPending}
        dataSource={accounts.data?.items}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('accounts.empty') }}
      />
      <Card size="small" title={t('accounts.chart.title')}>
        {monthly.error ? (
          <Alert type="error" showIcon title={(monthly.error as Error).message} />
        ) : (
          <BalanceChart months={monthly.data} loading={monthly.isPending} />
        )}
      </Card>
    </Space>
  );
}
