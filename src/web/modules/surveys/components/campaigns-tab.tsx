import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SURVEY_STEPS, type SurveyStep } from '../../../../shared/codes';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { type SurveyCampaign, useCampaigns } from '../api';
import { shareText, stepIndex, surveyErrorText } from '../format';
import { CampaignForm } from './campaign-form';

/** Tag colours of the steps, among the presets whose text keeps a 4.5:1 contrast on their background. */
export const STEP_COLORS: Record<SurveyStep, string> = {
  plan: 'default',
  fieldwork: 'processing',
  analysis: 'purple',
  report: 'geekblue',
  follow_up: 'magenta',
};

const positive = (v: string | null, fallback: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** The campaigns, newest first, filtered by step; the step and the page live in the URL. */
export function CampaignsTab({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation('surveys');
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const stepParam = params.get('step');
  const step = SURVEY_STEPS.codes.includes(stepParam as SurveyStep) ? (stepParam as SurveyStep) : undefined;
  const page = positive(params.get('page'), 1);
  const pageSize = Math.min(100, positive(params.get('pageSize'), 20));
  const campaigns = useCampaigns({ step, page, pageSize });

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  const columns: ColumnsType<SurveyCampaign> = [
    {
      key: 'name',
      title: t('campaign.name'),
      dataIndex: 'name',
      render: (name: string, c) => <Link to={`/surveys/${c.id}`}>{name}</Link>,
    },
    {
      key: 'template',
      title: t('campaign.template'),
      render: (_, c) => c.template.name,
      ellipsis: true,
    },
    {
      key: 'step',
      title: t('campaign.step'),
      dataIndex: 'step',
      width: 160,
      render: (s: SurveyStep) => (
        <Tag color={STEP_COLORS[s]}>{`${stepIndex(s) + 1}. ${codeLabel(SURVEY_STEPS.labels, s)}`}</Tag>
      ),
    },
    { key: 'targets', title: t('campaign.targets'), dataIndex: 'targets', align: 'right', width: 100 },
    {
      key: 'responses',
      title: t('campaign.responses'),
      dataIndex: 'responses',
      align: 'right',
      width: 100,
    },
    {
      key: 'rate',
      title: t('campaign.responseRate'),
      align: 'right',
      width: 100,
      render: (_, c) => shareText(c.targets > 0 ? c.responses / c.targets : null),
    },
    {
      key: 'createdBy',
      title: t('campaign.createdBy'),
      width: 120,
      render: (_, c) => c.createdBy?.name ?? '',
    },
    {
      key: 'createdAt',
      title: t('campaign.createdAt'),
      dataIndex: 'createdAt',
      width: 160,
      render: formatDateTime,
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Select
          allowClear
          aria-label={t('campaign.stepFilter')}
          placeholder={t('campaign.stepFilter')}
          style={{ width: 200 }}
          value={step ?? null}
          options={SURVEY_STEPS.codes.map((s, i) => ({
            value: s,
            label: `${i + 1}. ${codeLabel(SURVEY_STEPS.labels, s)}`,
          }))}
          onChange={(v: SurveyStep | undefined) => update({ step: v, page: undefined })}
        />
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('campaign.new')}
          </Button>
        )}
      </Flex>
      {campaigns.error && <Alert type="error" showIcon title={surveyErrorText(t, campaigns.error)} />}
      <Table<SurveyCampaign>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={campaigns.data?.items ?? []}
        loading={campaigns.isFetching}
        locale={{ emptyText: t('campaign.empty') }}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize,
          total: campaigns.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => (
            <Typography.Text type="secondary">{t('campaign.total', { n: total })}</Typography.Text>
          ),
        }}
        onChange={(p: TablePaginationConfig) =>
          update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })
        }
      />
      <CampaignForm open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}
