import { FileSearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Skeleton, Tag, Typography, theme } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  EXIT_CANDIDATE_STATUSES,
  EXIT_RULES,
  type ExitCandidateStatus,
  type ExitRule,
  exitGroupOf,
} from '../../../../shared/codes';
import type { CustomerDetail } from '../../../../shared/schemas/customer';
import type { ExitTriggerDto, ScreeningResultDto } from '../../../../shared/schemas/exit';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { type CandidateDto, useCandidates, useRiskFlags, useRunScreening } from '../api';
import { describeEvidence } from '../evidence';

// Where the customer stands on exit: its entry in the candidates queue (kept up to date by every
// screening, and at once after a risk flag changes) with the rules that fired on which figures, the
// conditions that lack data or do not apply, and what a risk officer decided about it; and a
// screening of this customer alone, on demand, with its answer.

const STATUS_COLORS: Record<ExitCandidateStatus, string> = {
  open: 'red',
  planned: 'blue',
  dismissed: 'default',
};

export function RiskExitStatus({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation(['exitRisk', 'exit']);
  const candidates = useCandidates({ customerId: customer.id, page: 1, pageSize: 1 });
  const screening = useRunScreening();
  // A flag recorded or cleared screens the customer again: an answer from before would contradict it.
  // (The query keeps the same list object while the flags are the same.)
  const flagList = useRiskFlags(customer.id).data;
  const { reset } = screening;
  useEffect(() => {
    if (flagList) reset();
  }, [flagList, reset]);
  const candidate = candidates.data?.items[0] ?? null;

  return (
    <Card
      size="small"
      title={t('status.title')}
      extra={
        <Button
          icon={<FileSearchOutlined />}
          loading={screening.isPending}
          onClick={() => screening.mutate({ customerIds: [customer.id] })}
        >
          {t('status.screen')}
        </Button>
      }
    >
      <Flex vertical gap="middle">
        {candidates.error ? (
          <Alert
            type="error"
            showIcon
            title={t('status.loadFailed')}
            description={(candidates.error as Error).message}
          />
        ) : !candidates.data ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : candidate ? (
          <CandidateEntry candidate={candidate} />
        ) : (
          <Alert
            type="success"
            showIcon
            title={t('status.notCandidate')}
            description={t('status.notCandidateHint')}
          />
        )}
        <div role="status" aria-live="polite">
          {screening.error ? (
            <Alert
              type="error"
              showIcon
              title={t('status.screenFailed')}
              description={(screening.error as Error).message}
            />
          ) : screening.data ? (
            <ScreeningOutcome
              asOf={screening.data.asOf}
              criteriaVersion={screening.data.criteriaVersion}
              result={screening.data.results.find((r) => r.customerId === customer.id) ?? null}
            />
          ) : null}
        </div>
      </Flex>
    </Card>
  );
}

function CandidateEntry({ candidate: c }: { candidate: CandidateDto }) {
  const { t } = useTranslation(['exitRisk', 'exit']);
  return (
    <Flex vertical gap="small">
      <Flex wrap gap="small" align="center">
        <Tag color={STATUS_COLORS[c.status]}>{codeLabel(EXIT_CANDIDATE_STATUSES.labels, c.status)}</Tag>
        <Typography.Text strong>{t('status.candidateSince', { date: c.since })}</Typography.Text>
        {c.planId !== null && (
          <Link to={`/exit/plans/${c.planId}`}>{t('status.plan', { id: c.planId })}</Link>
        )}
      </Flex>
      {c.status === 'dismissed' && (
        <Typography.Text type="secondary">
          {t('status.dismissed', {
            note: c.statusNote ?? '—',
            by: c.statusBy?.name ?? '—',
            at: formatDateTime(c.statusAt),
          })}
        </Typography.Text>
      )}
      <Typography.Text>{t('status.rules', { count: c.triggers.length })}</Typography.Text>
      <TriggerList triggers={c.triggers} />
      <DataHints insufficient={c.insufficientData} exempt={c.exempt} />
      <Typography.Text type="secondary">{t('status.basis')}</Typography.Text>
    </Flex>
  );
}

/** The rules that fired (one trigger a rule), each with its evidence in plain words. */
function TriggerList({ triggers }: { triggers: ExitTriggerDto[] }) {
  const { t, i18n } = useTranslation(['exitRisk', 'exit']);
  const { token } = theme.useToken();
  return (
    <ul style={{ margin: 0, paddingInlineStart: token.paddingLG }}>
      {triggers.map((tr) => {
        const evidence = describeEvidence(tr, t, i18n.language);
        return (
          <li key={tr.rule} style={{ marginBottom: token.marginXXS }}>
            <Tag>{exitGroupOf(tr.rule)}</Tag>
            <Typography.Text strong>{codeLabel(EXIT_RULES.labels, tr.rule)}</Typography.Text>
            {evidence && (
              <Typography.Text type="secondary">
                {t('exitRisk:status.colon')}
                {evidence}
              </Typography.Text>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The EX3 conditions that lack statements, and those that do not apply to the customer. */
function DataHints({
  insufficient,
  exempt,
  plain = false,
}: {
  insufficient: ExitRule[];
  exempt: ExitRule[];
  /** as lines of text (inside another alert) */
  plain?: boolean;
}) {
  const { t } = useTranslation(['exitRisk', 'exit']);
  const labels = (rules: ExitRule[]) =>
    rules.map((r) => codeLabel(EXIT_RULES.labels, r)).join(t('status.listSep'));
  const missing = t('exit:insufficientHint', { rules: labels(insufficient) });
  return (
    <>
      {insufficient.length > 0 &&
        (plain ? (
          <span>
            {t('exit:insufficient')}
            {t('status.colon')}
            {missing}
          </span>
        ) : (
          <Alert type="info" showIcon title={t('exit:insufficient')} description={missing} />
        ))}
      {exempt.length > 0 && (
        <Typography.Text type="secondary">
          {t('exit:exempt')}
          {t('status.colon')}
          {t('exit:exemptHint')}
        </Typography.Text>
      )}
    </>
  );
}

function ScreeningOutcome({
  asOf,
  criteriaVersion,
  result,
}: {
  asOf: string;
  criteriaVersion: number;
  result: ScreeningResultDto | null;
}) {
  const { t } = useTranslation(['exitRisk', 'exit']);
  const when = {
    date: asOf,
    criteria:
      criteriaVersion === 0
        ? t('status.criteriaDefault')
        : t('status.criteriaVersion', { version: criteriaVersion }),
  };
  if (!result) return <Alert type="success" showIcon title={t('status.screenedClear', when)} />;
  // A candidate's evidence and missing data show in its entry above, which the screening has just renewed.
  return (
    <Alert
      type={result.candidate ? 'warning' : 'info'}
      showIcon
      title={
        result.candidate
          ? t('status.screenedCandidate', { ...when, count: result.triggers.length })
          : t('status.screenedInsufficient', when)
      }
      description={
        <Flex vertical gap="small">
          {result.triggers.length > 0 && (
            <span>
              {t('status.screenedRules', {
                rules: result.triggers
                  .map((tr) => codeLabel(EXIT_RULES.labels, tr.rule))
                  .join(t('status.listSep')),
              })}
            </span>
          )}
          {!result.candidate && (
            <DataHints insufficient={result.insufficientData} exempt={result.exempt} plain />
          )}
        </Flex>
      }
    />
  );
}
