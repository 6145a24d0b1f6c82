import {
  Alert,
  App,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Typography,
  theme,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useUser } from '../app/auth';
import { useSetPlansNeedApproval, useTeamOverview, useTeams } from '../modules/team/api';
import { ContactsChart } from '../modules/team/components/contacts-chart';
import { attainmentText, MemberTable, teamTotals } from '../modules/team/components/member-table';
import { ObjectivesChart } from '../modules/team/components/objectives-chart';
import { MAX_DAYS, presets, thisQuarter } from '../modules/team/period';
import { ComplianceSection } from '../modules/value-analytics/components/compliance-table';

const isDay = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v).isValid();

/**
 * 团队看板: a team over a period — visit plans by status, objective attainment and contacts per
 * customer, per RM — the maintenance compliance of each RM today (issue #7), and the team's
 * approval setting. The period and (for administrators) the team
 * live in the URL.
 */
export default function TeamPage() {
  const { t } = useTranslation('team');
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const isAdmin = user.role === 'admin';

  const [defaultFrom, defaultTo] = thisQuarter();
  const from = isDay(params.get('from')) ? (params.get('from') as string) : defaultFrom.format('YYYY-MM-DD');
  const to = isDay(params.get('to')) ? (params.get('to') as string) : defaultTo.format('YYYY-MM-DD');
  const teams = useTeams();
  const teamParam = Number(params.get('teamId'));
  // An administrator looks at one team at a time: the first one until they pick another.
  const teamId = isAdmin ? (teamParam > 0 ? teamParam : teams.data?.[0]?.id) : (user.teamId ?? undefined);
  const team = teams.data?.find((x) => x.id === teamId);

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  const overview = useTeamOverview({ from, to, teamId: isAdmin ? teamId : undefined }, teamId !== undefined);
  const setApproval = useSetPlansNeedApproval();
  const canEdit = !!team && (isAdmin || (user.role === 'team_lead' && user.teamId === team.id));
  const members = overview.data?.members ?? [];
  const totals = teamTotals(members);
  const quiet = overview.data && totals.planTotal === 0 && totals.contacts === 0;

  const periods = presets();
  const presetItems = (Object.keys(periods) as (keyof typeof periods)[]).map((key) => ({
    label: t(`period.${key}`),
    value: periods[key],
  }));

  const noTeam = !isAdmin && user.teamId === null;

  return (
    <Card
      title={overview.data ? t('titleOf', { team: overview.data.team.name }) : t('title')}
      extra={
        <Space wrap>
          {isAdmin && (
            <Select
              aria-label={t('team')}
              placeholder={t('team')}
              style={{ minWidth: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              loading={teams.isPending}
              value={teamId}
              options={(teams.data ?? []).map((x) => ({ value: x.id, label: `${x.name} · ${x.branchName}` }))}
              onChange={(id: number) => update({ teamId: String(id) })}
            />
          )}
          <DatePicker.RangePicker
            aria-label={t('period.label')}
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            presets={presetItems}
            disabledDate={(current, info) =>
              !!info.from && Math.abs(current.diff(info.from, 'day')) >= MAX_DAYS
            }
            onChange={(range) => {
              if (range?.[0] && range[1])
                update({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });
            }}
          />
        </Space>
      }
    >
      {noTeam ? (
        <Empty description={t('noTeam')} />
      ) : (
        <Flex vertical gap="large">
          {overview.error && (
            <Alert
              type="error"
              showIcon
              title={t('loadFailed', { message: (overview.error as Error).message })}
            />
          )}

          {team && (
            <Flex gap="small" align="center" wrap>
              <Switch
                id="plans-need-approval"
                checked={team.plansNeedApproval}
                disabled={!canEdit}
                loading={setApproval.isPending}
                onChange={(checked) =>
                  setApproval.mutate(
                    { id: team.id, plansNeedApproval: checked },
                    {
                      onSuccess: () => message.success(checked ? t('approval.on') : t('approval.off')),
                      onError: (e) =>
                        message.error(t('common:error.generic', { message: (e as Error).message })),
                    },
                  )
                }
              />
              <label htmlFor="plans-need-approval">{t('approval.label')}</label>
              <Typography.Text type="secondary">{t('approval.hint')}</Typography.Text>
            </Flex>
          )}

          {overview.data && members.length === 0 ? (
            <Empty description={t('noMembers')} />
          ) : (
            <>
              <Row gutter={[16, 16]} role="status" aria-live="polite">
                <Col xs={12} md={6}>
                  <Statistic title={t('stat.plans')} value={totals.planTotal} loading={overview.isPending} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic
                    title={t('stat.completed')}
                    value={totals.plans.completed ?? 0}
                    loading={overview.isPending}
                  />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic
                    title={t('stat.attainment')}
                    value={attainmentText(totals.objectives.attainment)}
                    loading={overview.isPending}
                  />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic
                    title={t('stat.contacts')}
                    value={totals.contacts}
                    suffix={
                      <Typography.Text type="secondary" style={{ fontSize: token.fontSize }}>
                        {t('stat.customersSuffix', { count: totals.customersContacted })}
                      </Typography.Text>
                    }
                    loading={overview.isPending}
                  />
                </Col>
              </Row>
              {quiet && <Alert type="info" showIcon title={t('quiet')} />}
              <MemberTable members={members} loading={overview.isFetching} />
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={12}>
                  <Card size="small" title={t('chart.objectivesTitle')}>
                    <ObjectivesChart members={overview.data?.members} loading={overview.isPending} />
                  </Card>
                </Col>
                <Col xs={24} xl={12}>
                  <Card size="small" title={t('chart.contactsTitle')}>
                    <ContactsChart
                      overview={overview.data}
                      from={from}
                      to={to}
                      loading={overview.isPending}
                    />
                  </Card>
                </Col>
              </Row>
            </>
          )}
          <ComplianceSection teamId={isAdmin ? teamId : undefined} enabled={teamId !== undefined} />
        </Flex>
      )}
    </Card>
  );
}
