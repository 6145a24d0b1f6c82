import { Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { exitGroupOf } from '../../../../shared/codes';
import type { ExitTriggerDto } from '../../../../shared/schemas/exit';
import { describeEvidence, ruleLabel } from '../evidence';

/** One colour a group of rules, among the presets that keep their text readable (WCAG AA). */
export const GROUP_COLOURS: Record<string, string> = {
  EX1: 'magenta',
  EX2: 'red',
  EX3: 'purple',
  EX4: 'geekblue',
  EX5: 'blue',
};

/** A rule as a small tag: its group colour, its name (the code on hover and for screen readers). */
export function RuleTag({ rule }: { rule: ExitTriggerDto['rule'] }) {
  return (
    <Tag color={GROUP_COLOURS[exitGroupOf(rule)]} title={rule} style={{ marginInlineEnd: 4 }}>
      {exitGroupOf(rule)} · {ruleLabel(rule)}
    </Tag>
  );
}

/**
 * The triggers behind a plan, each with its evidence in plain words ("流动比率 0.42 < 0.50（2024）"):
 * the screening's at the time the plan was made, or the customer's current ones on the form.
 */
export function PlanEvidence({ triggers, emptyText }: { triggers: ExitTriggerDto[]; emptyText: string }) {
  const { t, i18n } = useTranslation(['exitPlans', 'exit']);
  if (triggers.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  }
  return (
    <Flex vertical gap="small" role="list" aria-label={t('evidence.label')}>
      {triggers.map((trigger) => (
        <Flex key={trigger.rule} wrap gap={8} align="baseline" role="listitem">
          <RuleTag rule={trigger.rule} />
          <Typography.Text>{describeEvidence(trigger, t, i18n.language) || '—'}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
