import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_PLAN_STATUSES } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import type { TeamMember } from '../api';

// One row per RM of the team: visit plans by status, objective outcomes and attainment, contacts
// and customers. A team is a handful of people, all answered at once, so there is nothing to page;
// the last row sums the team.

const planTotal = (m: Pick<TeamMember, 'plans'>) => Object.values(m.plans).reduce((a, b) => a + b, 0);

export function attainmentText(attainment: number | null) {
  return attainment === null
    ? '—'
    : new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(attainment);
}

/** The team's figures: the sums of its members', attainment over all their objectives. */
export function teamTotals(members: TeamMember[]) {
  const sum = (f: (m: TeamMember) => number) => members.reduce((a, m) => a + f(m), 0);
  const plans: Record<string, number> = {};
  for (const m of members) for (const [s, n] of Object.entries(m.plans)) plans[s] = (plans[s] ?? 0) + n;
  const met = sum((m) => m.objectives.met);
  const total = sum((m) => m.objectives.total);
  return {
    plans,
    planTotal: planTotal({ plans }),
    objectives: {
      met,
      partly: sum((m) => m.objectives.partly),
      notMet: sum((m) => m.objectives.notMet),
      total,
      attainment: total === 0 ? null : met / total,
    },
    contacts: sum((m) => m.contacts),
    customersContacted: sum((m) => m.customersContacted),
    customersOwned: sum((m) => m.customersOwned),
  };
}

const dim = (n: number) => (n === 0 ? <Typography.Text type="secondary">0</Typography.Text> : n);

export function MemberTable({ members, loading }: { members: TeamMember[]; loading: boolean }) {
  const { t } = useTranslation('team');

  const columns = useMemo<ColumnsType<TeamMember>>(
    () => [
      { key: 'name', title: t('table.rm'), fixed: 'start', render: (_, m) => m.user.name },
      {
        key: 'plans',
        title: t('table.plans'),
        children: [
          ...VISIT_PLAN_STATUSES.codes.map((status) => ({
            key: `plan-${status}`,
            title: codeLabel(VISIT_PLAN_STATUSES.labels, status),
            align: 'end' as const,
            render: (_: unknown, m: TeamMember) => dim(m.plans[status] ?? 0),
          })),
          {
            key: 'plan-total',
            title: t('table.total'),
            align: 'end' as const,
            render: (_: unknown, m: TeamMember) => <strong>{planTotal(m)}</strong>,
          },
        ],
      },
      {
        key: 'objectives',
        title: t('table.objectives'),
        children: [
          { key: 'met', title: t('table.met'), align: 'end', render: (_, m) => dim(m.objectives.met) },
          {
            key: 'partly',
            title: t('table.partly'),
            align: 'end',
            render: (_, m) => dim(m.objectives.partly),
          },
          {
            key: 'notMet',
            title: t('table.notMet'),
            align: 'end',
            render: (_, m) => dim(m.objectives.notMet),
          },
          {
            key: 'attainment',
            title: <Tooltip title={t('table.attainmentHint')}>{t('table.attainment')}</Tooltip>,
            align: 'end',
            render: (_, m) =>
              m.objectives.attainment === null ? (
                <Tooltip title={t('table.noOutcomes')}>
                  <Typography.Text type="secondary">—</Typography.Text>
                </Tooltip>
              ) : (
                <strong>{attainmentText(m.objectives.attainment)}</strong>
              ),
          },
        ],
      },
      {
        key: 'contactsGroup',
        title: t('table.contactsGroup'),
        children: [
          { key: 'contacts', title: t('table.contacts'), align: 'end', render: (_, m) => dim(m.contacts) },
          {
            key: 'customers',
            title: <Tooltip title={t('table.customersHint')}>{t('table.customers')}</Tooltip>,
            align: 'end',
            render: (_, m) => `${m.customersContacted} / ${m.customersOwned}`,
          },
        ],
      },
    ],
    // t changes with the language, and so do the status labels.
    [t],
  );

  const totals = teamTotals(members);

  return (
    <Table<TeamMember>
      rowKey={(m) => m.user.id}
      size="small"
      bordered
      columns={columns}
      dataSource={members}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      summary={() =>
        members.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('table.team')}</strong>
            </Table.Summary.Cell>
            {VISIT_PLAN_STATUSES.codes.map((status, i) => (
              <Table.Summary.Cell key={status} index={i + 1} align="end">
                {totals.plans[status] ?? 0}
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={7} align="end">
              <strong>{totals.planTotal}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={8} align="end">
              {totals.objectives.met}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={9} align="end">
              {totals.objectives.partly}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={10} align="end">
              {totals.objectives.notMet}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={11} align="end">
              <strong>{attainmentText(totals.objectives.attainment)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={12} align="end">
              {totals.contacts}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={13} align="end">
              {`${totals.customersContacted} / ${totals.customersOwned}`}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
