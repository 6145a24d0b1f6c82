import { CheckCircleOutlined, MergeCellsOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Flex,
  Modal,
  Progress,
  Radio,
  Space,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CUSTOMER_KINDS,
  DISQUALIFY_REASONS,
  PROSPECT_SOURCES,
  PROSPECT_STATUSES,
  type ProspectStatusCode,
} from '../../../../shared/codes';
import { ApiError } from '../../../app/api';
import { formatDate } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { type Duplicate, type ProspectDetail, useDuplicates, useMergeProspect } from '../api';
import { daysSince, fitToken, reasonText, STAGE_COLOURS, withCode } from '../format';
import { DuplicateLine } from './duplicate-list';
import { conversionBlock, useMoveFlow } from './move-flow';
import { StageMenu } from './stage-menu';

const CLOSED: readonly ProspectStatusCode[] = ['established', 'product_followup', 'disqualified'];

/** Who introduced the prospect, linked when it is one of the bank's records the viewer may open. */
export function ReferrerText({ referrer }: { referrer: ProspectDetail['referrer'] }) {
  const { t } = useTranslation(['prospects', 'customer360']);
  if (!referrer) return <>—</>;
  const kind = <Tag>{t(`referrer.kind.${referrer.kind}`)}</Tag>;
  if (referrer.hidden)
    return (
      <Space size={4}>
        {kind}
        <Typography.Text type="secondary">{t('referrer.hidden')}</Typography.Text>
      </Space>
    );
  const name = withCode(referrer.name, referrer.code);
  const to =
    referrer.id === null
      ? null
      : referrer.kind === 'customer'
        ? `/customers/${referrer.id}`
        : referrer.kind === 'prospect'
          ? `/prospects/${referrer.id}`
          : null;
  return (
    <Space size={4}>
      {kind}
      {to ? <Link to={to}>{name}</Link> : name}
    </Space>
  );
}

/** The prospect at a glance: stage, fit, owner, where it came from, and what can be done next. */
export function ProspectHeader({ prospect: p }: { prospect: ProspectDetail }) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const { token } = theme.useToken();
  const flow = useMoveFlow();
  const closedForGood = p.customerId !== null || p.mergedInto !== null;
  const duplicates = useDuplicates(p.id, p.permissions.edit && !closedForGood);
  const [merging, setMerging] = useState(false);
  const open = !CLOSED.includes(p.status) && !closedForGood;
  // Shown whenever the prospect is workable, so the RM sees what conversion still waits for.
  const canConvert = p.permissions.edit && open;
  const convertBlock = canConvert ? conversionBlock(p, t('convert.notAllowed')) : null;
  const disqualify = p.moves.disqualified;
  const visibleDuplicates = (duplicates.data ?? []).filter((d) => !d.hidden);

  return (
    <>
      {p.customer && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              {t('detail.converted')}{' '}
              <Link to={`/customers/${p.customer.id}`}>{withCode(p.customer.name, p.customer.code)}</Link>
            </span>
          }
        />
      )}
      {!p.customer && p.customerId !== null && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('detail.convertedHidden')} />
      )}
      {p.mergedInto && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              {t('detail.merged')}{' '}
              <Link
                to={
                  p.mergedInto.kind === 'customer'
                    ? `/customers/${p.mergedInto.id}`
                    : `/prospects/${p.mergedInto.id}`
                }
              >
                {t(`duplicates.kind.${p.mergedInto.kind}`)} {p.mergedInto.name ?? `#${p.mergedInto.id}`}
              </Link>
            </span>
          }
        />
      )}
      <Flex justify="space-between" align="flex-start" wrap gap="middle" style={{ marginBottom: 16 }}>
        <Flex gap="middle" align="center">
          <Progress
            type="dashboard"
            size={72}
            percent={p.fitScore ?? 0}
            strokeColor={token[fitToken(p.fitScore, p.restricted)]}
            format={() => (p.fitScore === null ? '—' : p.fitScore)}
            aria-label={p.fitScore === null ? t('fit.unscored') : t('fit.short', { score: p.fitScore })}
          />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {p.name}
            </Typography.Title>
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <Typography.Text type="secondary" copyable>
                {p.code}
              </Typography.Text>
              <Tag>{codeLabel(CUSTOMER_KINDS.labels, p.kind)}</Tag>
              <Tag color={STAGE_COLOURS[p.status]}>{codeLabel(PROSPECT_STATUSES.labels, p.status)}</Tag>
              {p.restricted && <Tag color="red">{t('fit.restrictedTag')}</Tag>}
            </Space>
          </div>
        </Flex>
        {p.permissions.edit && !closedForGood && (
          <Space wrap>
            {p.status !== 'disqualified' && (
              <StageMenu
                prospect={p}
                onMove={(to) => void flow.request(p, to)}
                loading={flow.pendingId === p.id}
                size="middle"
                label={t('move.moveTo')}
              />
            )}
            {canConvert && (
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                title={convertBlock ?? undefined}
                onClick={() => void flow.request(p, 'established')}
              >
                {t('convert.action')}
              </Button>
            )}
            {open && (
              <Button
                danger
                icon={<StopOutlined />}
                title={disqualify && !disqualify.ok ? reasonText(disqualify.reason) : undefined}
                onClick={() => void flow.request(p, 'disqualified')}
              >
                {t('disqualify.action')}
              </Button>
            )}
            {p.status === 'disqualified' && (
              <Button icon={<RedoOutlined />} onClick={() => void flow.request(p, 'sourced')}>
                {t('move.reopen')}
              </Button>
            )}
            {visibleDuplicates.length > 0 && (
              <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>
                {t('merge.action', { count: visibleDuplicates.length })}
              </Button>
            )}
          </Space>
        )}
      </Flex>
      {canConvert && convertBlock && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('convert.blocked', { reason: convertBlock })}
        </Typography.Paragraph>
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3, xl: 4 }}
        items={[
          { key: 'owner', label: t('field.owner'), children: p.owner?.name ?? t('unowned') },
          { key: 'source', label: t('field.source'), children: codeLabel(PROSPECT_SOURCES.labels, p.source) },
          { key: 'referrer', label: t('field.referrer'), children: <ReferrerText referrer={p.referrer} /> },
          {
            key: 'stage',
            label: t('field.daysInStage'),
            children: withCode(
              t('detail.days', { count: daysSince(p.stageEnteredAt) }),
              formatDate(p.stageEnteredAt.slice(0, 10)),
            ),
          },
          ...(p.disqualifyReason
            ? [
                {
                  key: 'disqualifyReason',
                  label: t('disqualify.reason'),
                  children: <Tag color="red">{codeLabel(DISQUALIFY_REASONS.labels, p.disqualifyReason)}</Tag>,
                },
              ]
            : []),
        ]}
      />
      {flow.dialogs}
      <MergeModal
        prospect={p}
        duplicates={visibleDuplicates}
        open={merging}
        onClose={() => setMerging(false)}
      />
    </>
  );
}

function MergeModal({
  prospect,
  duplicates,
  open,
  onClose,
}: {
  prospect: ProspectDetail;
  duplicates: Duplicate[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const { message } = App.useApp();
  const merge = useMergeProspect(prospect.id);
  const [target, setTarget] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    const d = duplicates.find((x) => `${x.kind}-${x.id}` === target);
    if (!d) {
      setProblem(t('merge.pick'));
      return;
    }
    try {
      await merge.mutateAsync({ version: prospect.version, into: { kind: d.kind, id: d.id } });
      message.success(t('merge.done', { name: d.name }));
      onClose();
    } catch (e) {
      setProblem(
        e instanceof ApiError && e.status === 409 && e.code === 'stale_version'
          ? t('move.stale')
          : e instanceof Error
            ? e.message
            : String(e),
      );
    }
  };

  return (
    <Modal
      open={open}
      title={t('merge.title', { name: prospect.name })}
      okText={t('merge.confirm')}
      okButtonProps={{ danger: true, disabled: target === null }}
      cancelText={t('cancel')}
      confirmLoading={merge.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      afterClose={() => {
        setTarget(null);
        setProblem(null);
      }}
    >
      <Typography.Paragraph>{t('merge.intro')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
      <Radio.Group
        value={target}
        onChange={(e) => setTarget(e.target.value)}
        aria-label={t('merge.into')}
        style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      >
        {duplicates.map((d) => (
          <Radio key={`${d.kind}-${d.id}`} value={`${d.kind}-${d.id}`}>
            <DuplicateLine duplicate={d} />
          </Radio>
        ))}
      </Radio.Group>
    </Modal>
  );
}
