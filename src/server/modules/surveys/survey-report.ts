import ExcelJS from 'exceljs';
import {
  type CodeLabel,
  CUSTOMER_KINDS,
  LIFECYCLE_STAGES,
  SURVEY_RESPONSE_SOURCES,
  SURVEY_STEPS,
  VALUE_TIERS,
} from '../../../shared/codes';
import type { SurveyCampaign, SurveyResults } from '../../../shared/schemas/survey';

// The satisfaction report 总结报告 (DOMAIN §5) as a workbook: summary, dimensions, items (with their
// importance–performance quadrant), segments, customers and the free-text answers grouped by question.
// Each sheet has two header rows, Chinese then English, so it reads in a Chinese bank and in English.

type Cell = string | number | null;
interface Column {
  zh: string;
  en: string;
  width?: number;
  /** Excel number format: ratios as 0.000, rates as percentages */
  numFmt?: string;
}

const RATIO = '0.000';
const SCORE = '0.00';

const QUADRANTS: Record<string, CodeLabel> = {
  keep_up: { zh: '继续保持', en: 'Keep up the good work' },
  concentrate_here: { zh: '重点改进', en: 'Concentrate here' },
  low_priority: { zh: '次要改进', en: 'Low priority' },
  possible_overkill: { zh: '可能过度', en: 'Possible overkill' },
};

const label = (labels: Record<string, CodeLabel>, code: string | null) =>
  code === null ? '—' : (labels[code]?.zh ?? code);

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: Cell[][]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({
    width: c.width ?? Math.min(40, Math.max(12, c.zh.length * 2 + 4)),
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  const zh = sheet.addRow(columns.map((c) => c.zh));
  const en = sheet.addRow(columns.map((c) => c.en));
  zh.font = { bold: true };
  en.font = { italic: true, color: { argb: 'FF8C8C8C' } };
  for (const row of rows) sheet.addRow(row);
  return sheet;
}

const SUMMARY: Column[] = [
  { zh: '项目', en: 'Item', width: 24 },
  { zh: '数值', en: 'Value', width: 40 },
];
const SCORES: Column[] = [
  { zh: '答卷数', en: 'Answers' },
  { zh: '平均期望', en: 'Mean expected', numFmt: SCORE },
  { zh: '平均感知', en: 'Mean perceived', numFmt: SCORE },
  { zh: '满意度', en: 'Satisfaction (perceived ÷ expected)', numFmt: RATIO, width: 16 },
  { zh: '差距', en: 'Gap (perceived − expected)', numFmt: RATIO, width: 16 },
];

export async function surveyReportWorkbook(
  campaign: SurveyCampaign,
  results: SurveyResults,
  generatedAt: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(generatedAt);

  const summary = addSheet(workbook, '概要 Summary', SUMMARY, [
    ['调查名称 Campaign', campaign.name],
    ['问卷模板 Template', campaign.template.name],
    ['当前步骤 Step', label(SURVEY_STEPS.labels, campaign.step)],
    ['样本客户 Targets', results.targets],
    ['回收答卷 Responses', results.responses],
    ['回收率 Response rate', results.responseRate],
    ['总体满意度 Overall satisfaction', results.overall.satisfaction],
    ['总体差距 Overall gap', results.overall.gap],
    ['平均重要性 Importance mean', results.ipa.importanceMean],
    ['平均表现 Performance mean', results.ipa.performanceMean],
    ['生成时间 Generated at', generatedAt],
  ]);
  summary.getCell('B8').numFmt = '0.0%';
  for (const cell of ['B9', 'B10']) summary.getCell(cell).numFmt = RATIO;
  for (const cell of ['B11', 'B12']) summary.getCell(cell).numFmt = SCORE;

  addSheet(
    workbook,
    '维度 Dimensions',
    [
      { zh: '维度代码', en: 'Key' },
      { zh: '维度', en: 'Dimension', width: 24 },
      { zh: '权重', en: 'Weight' },
      ...SCORES,
    ],
    results.dimensions.map((d) => [
      d.key,
      d.name,
      d.weight,
      d.n,
      d.expected,
      d.perceived,
      d.satisfaction,
      d.gap,
    ]),
  );

  const dimensionName = new Map(results.dimensions.map((d) => [d.key, d.name]));
  addSheet(
    workbook,
    '题目 Items',
    [
      { zh: '题目代码', en: 'Key' },
      { zh: '维度', en: 'Dimension', width: 20 },
      { zh: '题目', en: 'Item', width: 40 },
      { zh: '权重', en: 'Weight' },
      ...SCORES,
      { zh: '重要性-表现象限', en: 'Importance–performance quadrant', width: 20 },
    ],
    results.items.map((i) => [
      i.key,
      dimensionName.get(i.dimension) ?? i.dimension,
      i.text,
      i.weight,
      i.n,
      i.expected,
      i.perceived,
      i.satisfaction,
      i.gap,
      i.quadrant === null ? null : label(QUADRANTS, i.quadrant),
    ]),
  );

  const s = results.segments;
  addSheet(
    workbook,
    '细分 Segments',
    [
      { zh: '细分维度', en: 'Segment by', width: 20 },
      { zh: '分组', en: 'Group', width: 20 },
      { zh: '答卷数', en: 'Responses' },
      { zh: '满意度', en: 'Satisfaction', numFmt: RATIO },
    ],
    [
      ...s.valueTier.map((g) => [
        '价值等级 Value tier',
        label(VALUE_TIERS.labels, g.key),
        g.responses,
        g.satisfaction,
      ]),
      ...s.lifecycleStage.map((g) => [
        '生命周期 Lifecycle stage',
        label(LIFECYCLE_STAGES.labels, g.key),
        g.responses,
        g.satisfaction,
      ]),
      ...s.kind.map((g) => [
        '客户类型 Kind',
        label(CUSTOMER_KINDS.labels, g.key),
        g.responses,
        g.satisfaction,
      ]),
      ...s.branch.map((g) => ['支行 Branch', g.name, g.responses, g.satisfaction]),
    ],
  );

  addSheet(
    workbook,
    '客户 Customers',
    [
      { zh: '客户号', en: 'Code' },
      { zh: '客户名称', en: 'Customer', width: 32 },
      { zh: '填写方式', en: 'Source', width: 16 },
      { zh: '提交时间', en: 'Submitted at', width: 26 },
      { zh: '满意度', en: 'Satisfaction', numFmt: RATIO },
      { zh: '差距', en: 'Gap', numFmt: RATIO },
    ],
    results.customers.map((c) => [
      c.customer.code,
      c.customer.name,
      label(SURVEY_RESPONSE_SOURCES.labels, c.source),
      c.submittedAt,
      c.satisfaction,
      c.gap,
    ]),
  );

  addSheet(
    workbook,
    '文字意见 Free text',
    [
      { zh: '问题代码', en: 'Key' },
      { zh: '问题', en: 'Question', width: 40 },
      { zh: '回答', en: 'Answer', width: 80 },
    ],
    results.texts.flatMap((q) => q.answers.map((a) => [q.question, q.text, a])),
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
