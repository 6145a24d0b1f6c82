import { ExclamationCircleOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Flex, type GlobalToken, Tag, Tooltip, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type ExitGroup, type ExitRule, exitGroupOf } from '../../../../shared/codes';
import type { ExitTriggerDto } from '../../../../shared/schemas/exit';
import { describeEvidence, ruleLabel } from '../evidence';

// How a screening's findings show wherever a candidate is listed: a tag per rule, coloured by its
// group (EX1–EX5), and each rule's evidence in plain words ("流动比率 0.42 < 0.50（2024）"), with
// the EX3 conditions that lacked data or did not apply. One look on the queue, the watch list and
// the day page.

/** Only Ant Design presets whose text meets the WCAG AA contrast on their own background. */
export const GROUP_TAG_COLORS: Record<ExitGroup, string> = {
  EX1: 'red',
  EX2: 'magenta',
  EX3: 'purple',
  EX4: 'geekblue',
  EX5: 'blue',
};

/** The same groups' colours for charts. */
export const groupChartColor = (token: GlobalToken, group: ExitGroup) =>
  ({
    EX1: token.red6,
    EX2: token.magenta6,
    EX3: token.purple6,
    EX4: token.geekblue6,
    EX5: token.blue6,
  })[group];

export function RuleTag({ rule }: { rule: ExitRule }) {
  return (
    <Tag color={GROUP_TAG_COLORS[exitGroupOf(rule)]} title={rule} style={{ marginInlineEnd: 0 }}>
      {ruleLabel(rule)}
    </Tag>
  );
}

export function RuleTags({ rules }: { rules: readonly ExitRule[] }) {
  return (
    <Flex gap={4} wrap>
      {rules.map((r) => (
        <RuleTag key={r} rule={r} />
      ))}
    </Flex>
  );
}

interface Findings {
  triggers: ExitTriggerDto[];
  insufficientData: ExitRule[];
  exempt: ExitRule[];
}

/** Each rule that fired with its evidence, one a line, then what could not be judged. */
export function TriggerEvidence({ findings, hints = true }: { findings: Findings; hints?: boolean }) {
  const { t, i18n } = useTranslation(['exitScreening', 'exit']);
  const { token } = theme.useToken();
  const lang = i18n.language;
  return (
    <Flex vertical gap={token.marginXXS}>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('exitScreening:evidence.label')}>
        {findings.triggers.map((trigger) => {
          const text = describeEvidence(trigger, t, lang);
          return (
            <li key={trigger.rule} style={{ paddingBlock: token.paddingXXS / 2 }}>
              <Flex gap={token.marginXS} align="baseline" wrap>
                <RuleTag rule={trigger.rule} />
                {text && <Typography.Text type="secondary">{text}</Typography.Text>}
              </Flex>
            </li>
          );
        })}
      </ul>
      {hints && <FindingHints findings={findings} />}
    </Flex>
  );
}

/**
 * The EX3 conditions that lacked data (not met, but not judged either) and those that do not apply:
 * short, with the whole sentence on hover and for screen readers.
 */
export function FindingHints({ findings }: { findings: Findings }) {
  const { t } = useTranslation(['exitScreening', 'exit']);
  const { token } = theme.useToken();
  if (findings.insufficientData.length === 0 && findings.exempt.length === 0) return null;
  const names = (rules: ExitRule[]) => rules.map(ruleLabel).join(t('exit:evidence.separator'));
  const hint = (text: string, full: string, icon: ReactNode) => (
    <Tooltip title={full}>
      <Typography.Text type="secondary" role="note" aria-label={full} style={{ fontSize: token.fontSizeSM }}>
        {icon} {text}
      </Typography.Text>
    </Tooltip>
  );
  return (
    <Flex gap={token.marginSM} wrap>
      {findings.insufficientData.length > 0 &&
        hint(
          t('exitScreening:evidence.insufficient', {
            label: t('exit:insufficient'),
            count: findings.insufficientData.length,
          }),
          t('exit:insufficientHint', { rules: names(findings.insufficientData) }),
          <ExclamationCircleOutlined aria-hidden />,
        )}
      {findings.exempt.length > 0 &&
        hint(
          t('exitScreening:evidence.exempt', { label: t('exit:exempt'), rules: names(findings.exempt) }),
          t('exit:exemptHint'),
          <InfoCircleOutlined aria-hidden />,
        )}
    </Flex>
  );
}
