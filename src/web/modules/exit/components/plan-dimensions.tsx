import { Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_KINDS,
  EXIT_BUSINESS_LINES,
  EXIT_CONTENTS,
  EXIT_MEANS,
  EXIT_REASONS,
  EXIT_SCOPES,
  EXIT_WILLINGNESS,
} from '../../../../shared/codes';
import type { ExitPlanSummaryDto } from '../../../../shared/schemas/exit';
import { codeLabel } from '../../../i18n';

type Dimensions = Pick<
  ExitPlanSummaryDto,
  'content' | 'willingness' | 'scope' | 'businessLines' | 'object' | 'means' | 'reasons' | 'reasonNote'
>;

/** 客户退出 · 主动退出 · 全部退出: the three single-choice dimensions in one line. */
export const dimensionsSummary = (p: Pick<Dimensions, 'content' | 'willingness' | 'scope'>) =>
  [
    codeLabel(EXIT_CONTENTS.labels, p.content),
    codeLabel(EXIT_WILLINGNESS.labels, p.willingness),
    codeLabel(EXIT_SCOPES.labels, p.scope),
  ].join(' · ');

const tags = (labels: Record<string, { zh: string; en: string }>, codes: readonly string[]) =>
  codes.length === 0
    ? '—'
    : codes.map((c) => (
        <Tag key={c} style={{ marginBottom: 4 }}>
          {codeLabel(labels, c)}
        </Tag>
      ));

/** The six dimensions of §6 (content, willingness, scope, business line, object, means) and the reasons. */
export function PlanDimensions({ plan }: { plan: Dimensions }) {
  const { t } = useTranslation('exitPlans');
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: 'content',
          label: t('field.content'),
          children: codeLabel(EXIT_CONTENTS.labels, plan.content),
        },
        {
          key: 'willingness',
          label: t('field.willingness'),
          children: codeLabel(EXIT_WILLINGNESS.labels, plan.willingness),
        },
        { key: 'scope', label: t('field.scope'), children: codeLabel(EXIT_SCOPES.labels, plan.scope) },
        {
          key: 'businessLines',
          label: t('field.businessLines'),
          children: tags(EXIT_BUSINESS_LINES.labels, plan.businessLines),
        },
        { key: 'object', label: t('field.object'), children: codeLabel(CUSTOMER_KINDS.labels, plan.object) },
        { key: 'means', label: t('field.means'), children: tags(EXIT_MEANS.labels, plan.means) },
        {
          key: 'reasons',
          label: t('field.reasons'),
          span: 'filled',
          children: (
            <>
              {tags(EXIT_REASONS.labels, plan.reasons)}
              {plan.reasonNote && (
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                  {plan.reasonNote}
                </Typography.Paragraph>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
