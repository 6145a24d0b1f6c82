import { theme } from 'antd';
import dayjs from 'dayjs';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyChart } from '../../../components/lazy-chart';
import type { TeamOverview } from '../api';

// Contacts per customer contacted, per month and RM: how often an RM comes back to the customers
// they look after. A month without contacts counts 0; months after this one are left out.

interface ContactsChartProps {
  overview: TeamOverview | undefined;
  from: string;
  to: string;
  loading: boolean;
}

export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const last = dayjs(to).startOf('month');
  for (let m = dayjs(from).startOf('month'); !m.isAfter(last); m = m.add(1, 'month'))
    months.push(m.format('YYYY-MM'));
  return months;
}

export function ContactsChart({ overview, from, to, loading }: ContactsChartProps) {
  const { t } = useTranslation('team');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!overview || overview.contactsByMonth.length === 0) return null;
    const thisMonth = dayjs().format('YYYY-MM');
    const months = monthsBetween(from, to).filter((m) => m <= thisMonth);
    const cell = new Map(overview.contactsByMonth.map((c) => [`${c.month}/${c.userId}`, c]));
    return {
      aria: { enabled: true },
      textStyle: { fontFamily: token.fontFamily },
      tooltip: {
        trigger: 'axis',
        formatter: (params) =>
          (Array.isArray(params) ? params : [params])
            .map((p, i) => {
              const d = p.data as { value: number; contacts: number; customers: number };
              const head = i === 0 ? `${p.name}<br/>` : '';
              return `${head}${p.marker}${p.seriesName}: ${t('chart.perCustomerTip', {
                value: d.value.toFixed(2),
                contacts: d.contacts,
                customers: d.customers,
              })}`;
            })
            .join('<br/>'),
      },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', name: t('chart.perCustomerAxis'), nameTextStyle: { align: 'left' } },
      // Only those who recorded contacts in the period: a team lead who does not serve customers
      // would only add a line along zero.
      series: overview.members
        .filter((m) => m.contacts > 0)
        .map((m) => ({
          name: m.user.name,
          type: 'line',
          emphasis: { focus: 'series' },
          data: months.map((month) => {
            const c = cell.get(`${month}/${m.user.id}`);
            return {
              value: c ? Math.round(c.perCustomer * 100) / 100 : 0,
              contacts: c?.contacts ?? 0,
              customers: c?.customers ?? 0,
            };
          }),
        })),
    };
  }, [overview, from, to, t, token]);

  return (
    <LazyChart
      failedText={t('chartFailed')}
      option={option}
      loading={loading}
      label={t('chart.contactsLabel')}
      emptyText={t('chart.contactsEmpty')}
    />
  );
}
