import type { TFunction } from 'i18next';
import { EXIT_RULES, LOAN_CLASSES } from '../../../shared/codes';
import { industryName } from '../../../shared/industries';
import type { ExitTriggerDto } from '../../../shared/schemas/exit';
import { formatYuan } from '../../app/format';
import { codeLabel } from '../../i18n';

// The evidence of a screening trigger in plain words (issue #9 part 6): "流动比率 0.42 < 0.50（2024）".
// Ratios as the text writes them: the current ratio as a number, the debt ratio, ROE and rates as
// percentages (DOMAIN §8). Translations in the `exit` namespace.

const ratio2 = (x: number) => x.toFixed(2);
const percent = (x: number) => `${(x * 100).toFixed(2).replace(/\.?0+$/, '')}%`;

export const ruleLabel = (rule: string) => codeLabel(EXIT_RULES.labels, rule);

/** One line per trigger; the rule's label is not repeated (show it beside). */
export function describeEvidence(trigger: ExitTriggerDto, t: TFunction, lang: string): string {
  const e = trigger.evidence;
  switch (trigger.rule) {
    case 'EX1.RESTRICTED_INDUSTRY':
      return t('exit:evidence.industry', {
        industry: e.industry,
        name: industryName(e.industry ?? '', lang === 'en' ? 'en' : 'zh-CN') ?? '',
        code: e.restrictedCode,
      });
    case 'EX1.CREDIT_BELOW_B':
      return t('exit:evidence.creditGrade', { grade: e.creditGrade });
    case 'EX2.LOAN_CLASS':
      return t('exit:evidence.loanClass', { cls: codeLabel(LOAN_CLASSES.labels, e.loanClass) });
    case 'EX3.CURRENT_RATIO':
      return e.ratio === null || e.ratio === undefined
        ? t('exit:evidence.unknownRatio', { year: e.fiscalYear })
        : t('exit:evidence.currentRatio', {
            ratio: ratio2(e.ratio),
            threshold: ratio2(e.threshold ?? 0),
            year: e.fiscalYear,
          });
    case 'EX3.DEBT_RATIO':
      return e.ratio === null || e.ratio === undefined
        ? t('exit:evidence.noAssets', {
            liabilities: formatYuan(e.totalLiabilities, true),
            year: e.fiscalYear,
          })
        : t('exit:evidence.debtRatio', {
            ratio: percent(e.ratio),
            threshold: percent(e.threshold ?? 0),
            year: e.fiscalYear,
          });
    case 'EX3.ROE':
      return (e.years ?? [])
        .map((y) =>
          y.ownersEquity !== null && y.ownersEquity !== undefined && y.ownersEquity <= 0
            ? t('exit:evidence.equityNotPositive', {
                year: y.fiscalYear,
                equity: formatYuan(y.ownersEquity, true),
              })
            : t('exit:evidence.roeYear', {
                year: y.fiscalYear,
                roe: y.roe === null || y.roe === undefined ? '—' : percent(y.roe),
                rate:
                  y.benchmarkRate === null || y.benchmarkRate === undefined ? '—' : percent(y.benchmarkRate),
              }),
        )
        .join(t('exit:evidence.separator'));
    case 'EX3.NEGATIVE_OCF':
      return (e.years ?? [])
        .map((y) =>
          t('exit:evidence.ocfYear', { year: y.fiscalYear, ocf: formatYuan(y.operatingCashFlow, true) }),
        )
        .join(t('exit:evidence.separator'));
    default:
      return e.flag
        ? e.flag.note
          ? t('exit:evidence.flagWithNote', { date: e.flag.recordedOn, note: e.flag.note })
          : t('exit:evidence.flag', { date: e.flag.recordedOn })
        : '';
  }
}
