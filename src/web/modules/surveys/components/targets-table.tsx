import { EditOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Flex, Space, Table, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SURVEY_RESPONSE_SOURCES } from '../../../../shared/codes';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { type SurveyCampaign, type SurveyTarget, useTargets } from '../api';
import { surveyErrorText } from '../format';
import { LinkModal } from './link-modal';
import { ResponseModal } from './response-modal';

/** The link's state: waiting until it expires, used, or expired. */
function LinkState({ link }: { link: SurveyTarget['link'] }) {
  const { t } = useTranslation('surveys');
  if (!link) return <Typography.Text type="secondary">—</Typography.Text>;
  if (link.usedAt)
    return <Badge status="success" text={t('targets.linkUsed', { at: formatDateTime(link.usedAt) })} />;
  if (Date.parse(link.expiresAt) < Date.now())
    return <Badge status="default" text={t('targets.linkExpired', { at: formatDateTime(link.expiresAt) })} />;
  return <Badge status="processing" text={t('targets.linkOpen', { at: formatDateTime(link.expiresAt) })} />;
}

/**
 * The customers drawn for the campaign that the viewer may see (a page at a time, by customer number),
 * with whether they answered and how. During fieldwork the RM enters a customer's answers; while
 * planning or during fieldwork they make a one-time link for the customer's phone. Risk officers read.
 */
export function TargetsTable({ campaign, canWrite }: { campaign: SurveyCampaign; canWrite: boolean }) {
  const { t } = useTranslation('surveys');
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('tpage')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('tpageSize')) || 20));
  const targets = useTargets(campaign.id, page, pageSize);
  const [responding, setResponding] = useState<SurveyTarget | null>(null);
  const [linking, setLinking] = useState<SurveyTarget | null>(null);
  const fieldwork = campaign.step === 'fieldwork';
  // Links may be made ready while planning; they work once the fieldwork starts.
  const linksOpen = campaign.step === 'plan' || fieldwork;

  const columns: ColumnsType<SurveyTarget> = [
    {
      key: 'code',
      title: t('targets.code'),
      width: 150,
      render: (_, x) => x.customer.code,
    },
    {
      key: 'name',
      title: t('targets.customer'),
      render: (_, x) => <Link to={`/customers/${x.customer.id}`}>{x.customer.name}</Link>,
    },
    { key: 'owner', title: t('targets.owner'), width: 120, render: (_, x) => x.owner?.name ?? '' },
    {
      key: 'responded',
      title: t('targets.responded'),
      width: 160,
      render: (_, x) =>
        x.responded ? (
          <Badge
            status="success"
            text={codeLabel(SURVEY_RESPONSE_SOURCES.labels, x.source) || t('targets.yes')}
          />
        ) : (
          <Badge status="default" text={t('targets.no')} />
        ),
    },
    { key: 'link', title: t('targets.link'), width: 230, render: (_, x) => <LinkState link={x.link} /> },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('targets.actions'),
            width: 260,
            render: (_: unknown, x: SurveyTarget) =>
              x.responded ? null : (
                <Space size={0}>
                  {fieldwork && (
                    <Button
                      type="link"
                      icon={<EditOutlined />}
                      onClick={() => setResponding(x)}
                      aria-label={t('targets.enterFor', { name: x.customer.name })}
                    >
                      {t('targets.enter')}
                    </Button>
                  )}
                  {linksOpen && (
                    <Button
                      type="link"
                      icon={<LinkOutlined />}
                      onClick={() => setLinking(x)}
                      aria-label={t('targets.linkFor', { name: x.customer.name })}
                    >
                      {t('targets.createLink')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap="middle">
      {!fieldwork && (
        <Alert
          type="info"
          showIcon
          title={campaign.step === 'plan' ? t('targets.notYetOpen') : t('targets.closed')}
        />
      )}
      <Typography.Text type="secondary" role="status">
        {t('targets.summary', { n: targets.data?.total ?? campaign.targets, answered: campaign.responses })}
      </Typography.Text>
      {targets.error && <Alert type="error" showIcon title={surveyErrorText(t, targets.error)} />}
      <Table<SurveyTarget>
        rowKey={(x) => x.customer.id}
        size="middle"
        columns={columns}
        dataSource={targets.data?.items ?? []}
        loading={targets.isFetching}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize,
          total: targets.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
        }}
        onChange={(p: TablePaginationConfig) =>
          setParams((current) => {
            const next = new URLSearchParams(current);
            next.set('tpage', String(p.current ?? 1));
            next.set('tpageSize', String(p.pageSize ?? 20));
            return next;
          })
        }
        locale={{ emptyText: t('targets.empty') }}
      />
      <ResponseModal
        campaignId={campaign.id}
        definition={campaign.definition}
        target={responding}
        onClose={() => setResponding(null)}
      />
      <LinkModal
        campaignId={campaign.id}
        linkDays={campaign.linkDays}
        target={linking}
        onClose={() => setLinking(null)}
      />
    </Flex>
  );
}
