import { type BenchmarkRate, benchmarkRateFor, type StatementFigures } from '../../../domain/exit-criteria';

/** The figures a ratio reads (the rules' own shape; here in yuan), null when not reported. */
export type { StatementFigures };

// The ratios of a corporate customer's annual statements that the exit criteria read (DOMAIN §6.1
// EX3), as the customer page shows them: the current ratio, the debt ratio, the return on equity
// against the one-year benchmark loan rate of the year, and the net operating cash flow. A ratio is
// null when a figure it needs is missing or its denominator is not positive; the reason is kept so
// the page can say "no current liabilities" or "equity ≤ 0" rather than show a number.

export interface StatementRatios {
  fiscalYear: number;
  /** current assets ÷ current liabilities; null when either is missing or liabilities ≤ 0 */
  currentRatio: number | null;
  /** current liabilities reported as zero (or less): the ratio is unbounded, not low */
  noCurrentLiabilities: boolean;
  /** total liabilities ÷ total assets; null when either is missing or assets ≤ 0 */
  debtRatio: number | null;
  /** total assets reported as zero (or less) */
  noAssets: boolean;
  /** net profit ÷ owners' equity; null when either is missing or equity ≤ 0 */
  roe: number | null;
  /** equity reported ≤ 0: the ROE is no number, and the exit criteria count it as below the benchmark */
  equityNotPositive: boolean;
  /** the one-year benchmark loan rate in force on 31 December of the year; null before the table starts */
  benchmarkRate: number | null;
  /** yuan; null when not reported */
  operatingCashFlow: number | null;
}

const known = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** The ratios of one fiscal year. */
export function statementRatios(
  s: StatementFigures,
  benchmarkRates: readonly BenchmarkRate[],
): StatementRatios {
  const { currentAssets, currentLiabilities, totalAssets, totalLiabilities, ownersEquity, netProfit } = s;
  const noCurrentLiabilities = known(currentLiabilities) && currentLiabilities <= 0;
  const noAssets = known(totalAssets) && totalAssets <= 0;
  const equityNotPositive = known(ownersEquity) && ownersEquity <= 0;
  return {
    fiscalYear: s.fiscalYear,
    currentRatio:
      known(currentAssets) && known(currentLiabilities) && !noCurrentLiabilities
        ? currentAssets / currentLiabilities
        : null,
    noCurrentLiabilities,
    debtRatio:
      known(totalLiabilities) && known(totalAssets) && !noAssets ? totalLiabilities / totalAssets : null,
    noAssets,
    roe: known(netProfit) && known(ownersEquity) && !equityNotPositive ? netProfit / ownersEquity : null,
    equityNotPositive,
    benchmarkRate: benchmarkRateFor(benchmarkRates, s.fiscalYear),
    operatingCashFlow: known(s.operatingCashFlow) ? s.operatingCashFlow : null,
  };
}

/** A fiscal year of a trend: its ratios, or null when the year has no statement. */
export interface TrendYear {
  fiscalYear: number;
  ratios: StatementRatios | null;
  /** the year's benchmark rate, known with or without a statement */
  benchmarkRate: number | null;
}

/**
 * The `years` consecutive fiscal years ending with the latest statement, oldest first, so a chart
 * shows a missing year as a gap rather than joining the years on each side of it. Empty without
 * statements.
 */
export function ratioTrend(
  statements: readonly StatementFigures[],
  benchmarkRates: readonly BenchmarkRate[],
  years = 5,
): TrendYear[] {
  if (statements.length === 0) return [];
  const latest = Math.max(...statements.map((s) => s.fiscalYear));
  const byYear = new Map(statements.map((s) => [s.fiscalYear, s]));
  return Array.from({ length: years }, (_, i) => {
    const fiscalYear = latest - years + 1 + i;
    const s = byYear.get(fiscalYear);
    return {
      fiscalYear,
      ratios: s ? statementRatios(s, benchmarkRates) : null,
      benchmarkRate: benchmarkRateFor(benchmarkRates, fiscalYear),
    };
  });
}
