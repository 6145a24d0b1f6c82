import { PlayCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Spin, Statistic, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScreeningDto } from '../../../../shared/schemas/exit';
import { useUser } from '../../../app/auth';
import { formatDateTime } from '../../../app/format';
import { useRunScreening } from '../api';

// 运行筛查: screens the viewer's portfolio against the exit criteria in force — the whole bank for a
// risk officer or an administrator, their own (or their team's) customers for the others — and says
// what it found. Beside it, when the last whole-bank screening ran and on which criteria version.

const SEES_BANK = ['risk_officer', 'admin'];

function CriteriaVersion({ version }: { version: number }) {
  const { t } = useTranslation('exitScreening');
  return version === 0 ? (
    <Tag>{t('run.builtInCriteria')}</Tag>
  ) : (
    <Tag color="blue">{t('run.criteriaVersion', { version })}</Tag>
  );
}

function Counts({ run }: { run: ScreeningDto }) {
  const { t } = useTranslation('exitScreening');
  const items = [
    { key: 'screened', value: run.screened },
    { key: 'candidates', value: run.candidates },
    { key: 'newCandidates', value: run.newCandidates },
    { key: 'insufficient', value: run.insufficient },
  ] as const;
  return (
    <Row gutter={[16, 8]}>
      {items.map((i) => (
        <Col key={i.key} xs={12} sm={6}>
          <Statistic title={t(`run.count.${i.key}`)} value={i.value} />
        </Col>
      ))}
    </Row>
  );
}

export function ScreeningRunPanel({
  lastScreening,
  loading,
}: {
  lastScreening: ScreeningDto | null | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('exitScreening');
  const { token } = theme.useToken();
  const user = useUser();
  const run = useRunScreening();
  const bank = SEES_BANK.includes(user.role);
  const scopeText = bank
    ? t('run.scopeBank')
    : user.role === 'team_lead'
      ? t('run.scopeTeam')
      : t('run.scopeOwn');
  const result = run.data;

  return (
    <Card title={t('run.title')} size="small" style={{ height: '100%' }}>
      <Flex vertical gap={token.marginSM}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {scopeText}
        </Typography.Paragraph>
        <Flex gap={token.marginSM} align="center" wrap>
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={run.isPending}
            onClick={() => run.mutate({})}
          >
            {bank ? t('run.buttonBank') : t('run.buttonOwn')}
          </Button>
          <Typography.Text type="secondary">{t('run.nightly')}</Typography.Text>
        </Flex>

        <div role="status" aria-live="polite">
          {run.isPending && (
            <Alert
              type="info"
              showIcon
              icon={<Spin size="small" />}
              title={t('run.running')}
              description={scopeText}
            />
          )}
          {run.isError && (
            <Alert type="error" showIcon title={t('run.failed')} description={(run.error as Error).message} />
          )}
          {result && !run.isPending && (
            <Alert
              type="success"
              showIcon
              closable={{ onClose: () => run.reset(), 'aria-label': t('run.dismissResult') }}
              title={t(`run.done.${result.scope}`, { asOf: result.asOf })}
              description={
                <Flex vertical gap={token.marginXS}>
                  <Counts run={result} />
                  <Typography.Text type="secondary">
                    {t('run.doneNote', { at: formatDateTime(result.finishedAt ?? result.startedAt) })}{' '}
                    <CriteriaVersion version={result.criteriaVersion} />
                  </Typography.Text>
                </Flex>
              }
            />
          )}
        </div>

        <div>
          <Typography.Text strong>{t('run.lastBank')}</Typography.Text>
          {loading && !lastScreening ? null : lastScreening ? (
            <Flex vertical gap={token.marginXXS} style={{ marginTop: token.marginXXS }}>
              <Typography.Text type="secondary">
                {t('run.lastBankLine', {
                  at: formatDateTime(lastScreening.finishedAt ?? lastScreening.startedAt),
                  by: lastScreening.startedBy?.name ?? t('run.system'),
                  asOf: lastScreening.asOf,
                })}{' '}
                <CriteriaVersion version={lastScreening.criteriaVersion} />
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('run.lastBankCounts', {
                  screened: lastScreening.screened,
                  candidates: lastScreening.candidates,
                  newCandidates: lastScreening.newCandidates,
                  insufficient: lastScreening.insufficient,
                })}
              </Typography.Text>
            </Flex>
          ) : (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('run.noBankScreening')}
            </Typography.Paragraph>
          )}
        </div>
      </Flex>
    </Card>
  );
}
