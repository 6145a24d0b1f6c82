import { Alert, Card, Col, DatePicker, Flex, Row, Select, Space, Statistic, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PROSPECT_SOURCES } from '../../shared/codes';
import { useUser } from '../app/auth';
import { codeLabel } from '../i18n';
import { useOwners } from '../modules/customers/api';
import { type AnalyticsQuery, useProspectAnalytics } from '../modules/prospect-analytics/api';
import {
  AcquisitionChart,
  type LabelledRate,
} from '../modules/prospect-analytics/components/acquisition-chart';
import { AcquisitionTable } from '../modules/prospect-analytics/components/acquisition-table';
import { FunnelChart } from '../modules/prospect-analytics/components/funnel-chart';
import { SourceTable } from '../modules/prospect-analytics/components/source-table';
import { TimeInStageChart } from '../modules/prospect-analytics/components/time-in-stage-chart';
import { last12Months, MAX_DAYS, percentText, periodPresets } from '../modules/prospect-analytics/format';
import { useTeams } from '../modules/team/api';

const isDay = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v).isValid();
const positive = (v: string | null) => (v && Number(v) > 0 ? Number(v) : undefined);
const GROUPS = ['owner', 'team', 'source', 'month'] as const;
type Group = (typeof GROUPS)[number];

/**
 * 获客分析: the pipeline over the prospects created in a period — the funnel with the conversion
 * between stages, the acquisition rate by RM, team, source and month, time in stage and source
 * effectiveness. The period, the filters and the grouping live in the URL.
 */
export default function ProspectAnalyticsPage() {
  const { t } = useTranslation('pipeline');
  const user = useUser();
  const [params, setParams] = useSearchParams();

  const [defaultFrom, defaultTo] = last12Months();
  const from = isDay(params.get('from')) ? (params.get('from') as string) : defaultFrom.format('YYYY-MM-DD');
  const to = isDay(params.get('to')) ? (params.get('to') as string) : defaultTo.format('YYYY-MM-DD');
  const source = PROSPECT_SOURCES.codes.find((c) => c === params.get('source'));
  const canPickOwner = user.role === 'team_lead' || user.role === 'admin';
  const canPickTeam = user.role === 'admin' || user.role === 'risk_officer';
  const ownerId = canPickOwner ? positive(params.get('ownerId')) : undefined;
  const teamId = canPickTeam ? positive(params.get('teamId')) : undefined;
  const query: AnalyticsQuery = { from, to, source, ownerId, teamId };
  const analytics = useProspectAnalytics(query);
  const owners = useOwners(canPickOwner);
  const teams = useTeams();
  const data = analytics.data;

  // An RM sees only themselves and their team; a team lead only their team.
  const groups: Group[] = GROUPS.filter(
    (g) => (g !== 'owner' || user.role !== 'rm') && (g !== 'team' || canPickTeam),
  );
  const group = groups.find((g) => g === params.get('by')) ?? groups[0]!;

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  const rows = useMemo<Record<Group, LabelledRate[]>>(() => {
    const a = data?.acquisition;
    return {
      owner: (a?.byOwner ?? []).map((r) => ({
        ...r,
        key: String(r.owner?.id ?? 0),
        label: r.owner?.name ?? t('acquisition.unassigned'),
      })),
      team: (a?.byTeam ?? []).map((r) => ({
        ...r,
        key: String(r.team?.id ?? 0),
        label: r.team?.name ?? t('acquisition.noTeam'),
      })),
      source: (a?.bySource ?? []).map((r) => ({
        ...r,
        key: r.source,
        label: codeLabel(PROSPECT_SOURCES.labels, r.source),
      })),
      month: (a?.byMonth ?? []).map((r) => ({ ...r, key: r.month, label: r.month })),
    };
  }, [data, t]);

  const presets = periodPresets();
  const overall = data?.acquisition.overall;

  return (
    <Card
      title={t('analytics.title')}
      extra={
        <Space wrap>
          <DatePicker.RangePicker
            aria-label={t('filter.period')}
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            presets={(Object.keys(presets) as (keyof typeof presets)[]).map((key) => ({
              label: t(`preset.${key}`),
              value: presets[key],
            }))}
            disabledDate={(current, info) =>
              !!info.from && Math.abs(current.diff(info.from, 'day')) >= MAX_DAYS
            }
            onChange={(range) => {
              if (range?.[0] && range[1])
                update({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });
            }}
          />
          <Select
            aria-label={t('filter.source')}
            placeholder={t('filter.allSources')}
            allowClear
            style={{ minWidth: 160 }}
            value={source}
            options={PROSPECT_SOURCES.codes.map((c) => ({
              value: c,
              label: codeLabel(PROSPECT_SOURCES.labels, c),
            }))}
            onChange={(v?: string) => update({ source: v })}
          />
          {canPickTeam && (
            <Select
              aria-label={t('filter.team')}
              placeholder={t('filter.allTeams')}
              allowClear
              style={{ minWidth: 160 }}
              loading={teams.isPending}
              value={teamId}
              options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              onChange={(v?: number) => update({ teamId: v === undefined ? undefined : String(v) })}
            />
          )}
          {canPickOwner && (
            <Select
              aria-label={t('filter.owner')}
              placeholder={t('filter.allOwners')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ minWidth: 160 }}
              loading={owners.isPending}
              value={ownerId}
              options={(owners.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
              onChange={(v?: number) => update({ ownerId: v === undefined ? undefined : String(v) })}
            />
          )}
        </Space>
      }
    >
      <Flex vertical gap="large">
        {analytics.error && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed', { message: (analytics.error as Error).message })}
          />
        )}
        <Typography.Text type="secondary">{t('analytics.hint')}</Typography.Text>

        <Row gutter={[16, 16]} role="status" aria-live="polite">
          <Col xs={12} md={6}>
            <Statistic
              title={t('stat.prospects')}
              value={overall?.prospects ?? 0}
              loading={analytics.isPending}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('stat.approached')}
              value={overall?.approached ?? 0}
              loading={analytics.isPending}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('stat.acquired')}
              value={overall?.acquired ?? 0}
              loading={analytics.isPending}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('stat.rate')}
              value={percentText(overall?.rate)}
              loading={analytics.isPending}
            />
          </Col>
        </Row>

        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('funnel.title')}>
              <FunnelChart funnel={data?.funnel} loading={analytics.isPending} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card
              size="small"
              title={t('time.title')}
              extra={<Typography.Text type="secondary">{t('time.hint')}</Typography.Text>}
            >
              <TimeInStageChart stages={data?.timeInStage} loading={analytics.isPending} />
            </Card>
          </Col>
        </Row>

        <Card size="small" title={t('acquisition.title')}>
          <Tabs
            activeKey={group}
            onChange={(key) => update({ by: key })}
            items={groups.map((g) => ({
              key: g,
              label: t(`acquisition.by.${g}`),
              children: (
                <Flex vertical gap="middle">
                  <AcquisitionChart
                    rows={rows[g]}
                    loading={analytics.isPending}
                    trend={g === 'month'}
                    label={t('acquisition.label', { group: t(`acquisition.by.${g}`) })}
                  />
                  <AcquisitionTable
                    rows={rows[g]}
                    loading={analytics.isFetching}
                    groupTitle={t(`acquisition.group.${g}`)}
                  />
                </Flex>
              ),
            }))}
          />
        </Card>

        <Card size="small" title={t('sources.title')}>
          <SourceTable sources={data?.sources ?? []} loading={analytics.isFetching} />
        </Card>
      </Flex>
    </Card>
  );
}
