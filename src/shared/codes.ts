// Code lists of DOMAIN.md, shared by server and web: one source of truth for codes and their labels.

export interface CodeLabel {
  zh: string;
  en: string;
}

function codeList<const T extends string>(labels: Record<T, CodeLabel>) {
  return { codes: Object.keys(labels) as [T, ...T[]], labels };
}

// §1
export const ROLES = codeList({
  rm: { zh: '客户经理', en: 'Relationship manager' },
  team_lead: { zh: '团队主管', en: 'Team lead' },
  risk_officer: { zh: '风险经理', en: 'Risk officer' },
  admin: { zh: '系统管理员', en: 'Administrator' },
});
export type Role = (typeof ROLES.codes)[number];

// §2
export const CUSTOMER_KINDS = codeList({
  corporate: { zh: '对公客户', en: 'Corporate' },
  individual: { zh: '个人客户', en: 'Individual' },
});
export type CustomerKind = (typeof CUSTOMER_KINDS.codes)[number];

export const NEED_TAGS = codeList({
  deposit: { zh: '存款类', en: 'Deposits' },
  loan: { zh: '贷款类', en: 'Loans' },
  rmb: { zh: '人民币业务', en: 'RMB business' },
  fx: { zh: '外币业务', en: 'Foreign currency' },
});
export type NeedTag = (typeof NEED_TAGS.codes)[number];

export const CUSTOMER_TIERS = codeList({
  potential: { zh: '潜在客户', en: 'Potential' },
  ordinary: { zh: '普通客户', en: 'Ordinary' },
  high_end: { zh: '高端客户', en: 'High-end' },
});
export type CustomerTier = (typeof CUSTOMER_TIERS.codes)[number];

export const ENTERPRISE_SIZES = codeList({
  large: { zh: '大型', en: 'Large' },
  medium: { zh: '中型', en: 'Medium' },
  small: { zh: '小型', en: 'Small' },
  micro: { zh: '微型', en: 'Micro' },
});

export const CREDIT_GRADES = codeList({
  AAA: { zh: 'AAA', en: 'AAA' },
  AA: { zh: 'AA', en: 'AA' },
  A: { zh: 'A', en: 'A' },
  BBB: { zh: 'BBB', en: 'BBB' },
  BB: { zh: 'BB', en: 'BB' },
  B: { zh: 'B', en: 'B' },
  CCC: { zh: 'CCC', en: 'CCC' },
  CC: { zh: 'CC', en: 'CC' },
  C: { zh: 'C', en: 'C' },
  D: { zh: 'D', en: 'D' },
});
export type CreditGrade = (typeof CREDIT_GRADES.codes)[number];

export const LOAN_CLASSES = codeList({
  normal: { zh: '正常', en: 'Normal' },
  special_mention: { zh: '关注', en: 'Special mention' },
  substandard: { zh: '次级', en: 'Substandard' },
  doubtful: { zh: '可疑', en: 'Doubtful' },
  loss: { zh: '损失', en: 'Loss' },
});

// §2.1
export const LIFECYCLE_STAGES = codeList({
  potential: { zh: '潜在期', en: 'Potential' },
  development: { zh: '开发期', en: 'Development' },
  growth: { zh: '成长期', en: 'Growth' },
  maturity: { zh: '成熟期', en: 'Maturity' },
  decline: { zh: '衰退期', en: 'Decline' },
  termination: { zh: '终止期', en: 'Termination' },
});
export type LifecycleStage = (typeof LIFECYCLE_STAGES.codes)[number];

export const VALUE_TIERS = codeList({
  A: { zh: 'A 类', en: 'Tier A' },
  B: { zh: 'B 类', en: 'Tier B' },
  C: { zh: 'C 类', en: 'Tier C' },
  D: { zh: 'D 类', en: 'Tier D' },
});
export type ValueTier = (typeof VALUE_TIERS.codes)[number];

export const LINK_KINDS = codeList({
  group: { zh: '集团关联', en: 'Group / affiliate' },
  household: { zh: '家庭', en: 'Household' },
  referral: { zh: '介绍', en: 'Referral' },
});

export const CONTACT_ROLES = codeList({
  legal_representative: { zh: '法定代表人', en: 'Legal representative' },
  finance_head: { zh: '财务负责人', en: 'Head of finance' },
  decision_maker: { zh: '决策人', en: 'Decision maker' },
  operator: { zh: '经办人', en: 'Operator' },
  self: { zh: '本人', en: 'The customer' },
  family: { zh: '家庭成员', en: 'Family member' },
  other: { zh: '其他', en: 'Other' },
});

export const PRODUCTS = codeList({
  demand_deposit: { zh: '活期存款', en: 'Demand deposit' },
  time_deposit: { zh: '定期存款', en: 'Time deposit' },
  working_capital_loan: { zh: '流动资金贷款', en: 'Working-capital loan' },
  fixed_asset_loan: { zh: '固定资产贷款', en: 'Fixed-asset loan' },
  mortgage: { zh: '个人住房贷款', en: 'Mortgage' },
  fx_settlement: { zh: '国际结算', en: 'FX settlement' },
  payroll_agency: { zh: '代发工资', en: 'Payroll agency' },
  cash_management: { zh: '现金管理', en: 'Cash management' },
  wealth_management: { zh: '理财', en: 'Wealth management' },
});
export type Product = (typeof PRODUCTS.codes)[number];

export const LOAN_PRODUCTS: readonly Product[] = ['working_capital_loan', 'fixed_asset_loan', 'mortgage'];
export const DEPOSIT_PRODUCTS: readonly Product[] = ['demand_deposit', 'time_deposit'];

/** Need tags are stored as a bit mask so a filter on one tag is a cheap integer test on either dialect. */
export function needMask(tags: readonly NeedTag[]): number {
  return tags.reduce((mask, tag) => mask | (1 << NEED_TAGS.codes.indexOf(tag)), 0);
}

export function needTags(mask: number): NeedTag[] {
  return NEED_TAGS.codes.filter((_, i) => (mask & (1 << i)) !== 0);
}

// ---------------------------------------------------------------------------------------------------
// Contact management (DOMAIN §3, §4 item 5, §5)

export const CHANNELS = codeList({
  visit: { zh: '上门拜访', en: 'Visit' },
  branch: { zh: '网点接待', en: 'At the branch' },
  phone: { zh: '电话', en: 'Phone' },
  fax: { zh: '传真', en: 'Fax' },
  email: { zh: '电子邮件', en: 'E-mail' },
  online: { zh: '网银/网络', en: 'Online banking / web' },
  wechat: { zh: '微信', en: 'WeChat' },
  sms: { zh: '短信', en: 'SMS' },
  event: { zh: '活动', en: 'Event' },
  letter: { zh: '信函', en: 'Letter' },
});
export type Channel = (typeof CHANNELS.codes)[number];

export const MAINTENANCE_FORMS = codeList({
  hardware: { zh: '硬件维护', en: 'Hardware (facilities)' },
  software: { zh: '软件维护', en: 'Software (people)' },
  functional: { zh: '功能维护', en: 'Functional (solving problems)' },
  psychological: { zh: '心理维护', en: 'Psychological (respect, greetings)' },
  special: { zh: '特色维护', en: 'Special (combined)' },
});
export type MaintenanceForm = (typeof MAINTENANCE_FORMS.codes)[number];

export const DIRECTIONS = codeList({
  outbound: { zh: '我行发起', en: 'Outbound' },
  inbound: { zh: '客户发起', en: 'Inbound' },
});

export const VISIT_PLAN_STATUSES = codeList({
  draft: { zh: '草稿', en: 'Draft' },
  pending_approval: { zh: '待审批', en: 'Awaiting approval' },
  planned: { zh: '已计划', en: 'Planned' },
  returned: { zh: '已退回', en: 'Returned' },
  completed: { zh: '已完成', en: 'Completed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
});
export type VisitPlanStatus = (typeof VISIT_PLAN_STATUSES.codes)[number];

export const OBJECTIVE_OUTCOMES = codeList({
  met: { zh: '达成', en: 'Met' },
  partly: { zh: '部分达成', en: 'Partly met' },
  not_met: { zh: '未达成', en: 'Not met' },
});
export type ObjectiveOutcome = (typeof OBJECTIVE_OUTCOMES.codes)[number];

/** What an objective's target counts. */
export const METRIC_UNITS = codeList({
  yuan: { zh: '元', en: 'yuan' },
  count: { zh: '个/笔', en: 'count' },
  percent: { zh: '%', en: '%' },
});
export type MetricUnit = (typeof METRIC_UNITS.codes)[number];

export const TASK_STATUSES = codeList({
  open: { zh: '待办', en: 'Open' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
});
export type TaskStatus = (typeof TASK_STATUSES.codes)[number];

export const TASK_SOURCES = codeList({
  manual: { zh: '手工', en: 'Manual' },
  memo: { zh: '备忘录', en: 'Memo' },
  survey: { zh: '满意度调查跟踪', en: 'Survey follow-up' },
  complaint: { zh: '投诉处理', en: 'Complaint handling' },
});
export type TaskSource = (typeof TASK_SOURCES.codes)[number];

export const NOTIFICATION_KINDS = codeList({
  task_assigned: { zh: '新任务', en: 'Task assigned' },
  task_due_soon: { zh: '任务即将到期', en: 'Task due soon' },
  plan_submitted: { zh: '相会计划待审批', en: 'Visit plan to approve' },
  plan_approved: { zh: '相会计划已批准', en: 'Visit plan approved' },
  plan_returned: { zh: '相会计划被退回', en: 'Visit plan returned' },
  complaint_assigned: { zh: '新投诉/建议待处理', en: 'Complaint or suggestion to handle' },
  complaint_escalated: { zh: '投诉超时升级', en: 'Complaint escalated: deadline passed' },
});
export type NotificationKind = (typeof NOTIFICATION_KINDS.codes)[number];

// §4 Developing new customers
export const PROSPECT_SOURCES = codeList({
  chain_referral: { zh: '连锁介绍', en: 'Chain referral' },
  key_person: { zh: '关键中心人物介绍', en: 'Key person referral' },
  advertising: { zh: '广告搜寻', en: 'Advertising' },
  canvassing: { zh: '亲自拜访/地毯式搜寻', en: 'Canvassing' },
  directory: { zh: '电话号码簿', en: 'Directory' },
  industry_press: { zh: '行业报纸杂志', en: 'Industry press' },
  web: { zh: '网络', en: 'Web' },
  market_research: { zh: '市场咨询', en: 'Market research' },
});
export type ProspectSource = (typeof PROSPECT_SOURCES.codes)[number];
/** Sources in which somebody introduced the prospect: they need a referrer. */
export const REFERRAL_SOURCES: readonly ProspectSource[] = ['chain_referral', 'key_person'];

export const PROSPECT_STATUSES = codeList({
  sourced: { zh: '寻找', en: 'Sourced' },
  screened: { zh: '已筛选', en: 'Screened' },
  needs_researched: { zh: '需求调研', en: 'Needs researched' },
  assessed: { zh: '客户评估', en: 'Assessed' },
  targeted: { zh: '确定目标', en: 'Targeted' },
  action_planned: { zh: '行动方案', en: 'Action planned' },
  engaged: { zh: '已接触', en: 'Engaged' },
  established: { zh: '确立合作', en: 'Established' },
  product_followup: { zh: '跟进产品', en: 'Product follow-up' },
  disqualified: { zh: '已淘汰', en: 'Disqualified' },
});
export type ProspectStatusCode = (typeof PROSPECT_STATUSES.codes)[number];

export const COOPERATION_LEVELS = codeList({
  none: { zh: '尚无银行合作', en: 'No banking relationship' },
  other_banks: { zh: '与他行合作', en: 'Banks with other banks' },
  ours: { zh: '已与我行合作', en: 'Already banks with us' },
});

export const ASSESSMENT_DECISIONS = codeList({
  pursue: { zh: '确定为目标客户', en: 'Pursue' },
  drop: { zh: '放弃', en: 'Drop' },
});

/** How the relationship is established (DOMAIN §4 item 6). */
export const TACTIC_KINDS = codeList({
  meeting_needs: { zh: '满足需求', en: 'Meeting needs' },
  linked_marketing: { zh: '联动营销', en: 'Linked marketing' },
  indirect_expansion: { zh: '迂回拓展', en: 'Indirect expansion' },
});
export type TacticKind = (typeof TACTIC_KINDS.codes)[number];

/** Through whom an indirect expansion goes. */
export const EXPANSION_RELATIONS = codeList({
  affiliate: { zh: '关联企业', en: 'Affiliate' },
  supplier: { zh: '供应商', en: 'Supplier' },
  buyer: { zh: '购买商', en: 'Buyer' },
});

export const DISQUALIFY_REASONS = codeList({
  restricted_industry: { zh: '限制类行业', en: 'Restricted industry' },
  poor_fit: { zh: '不符合理想客户标准', en: 'Poor fit' },
  credit_risk: { zh: '信用风险', en: 'Credit risk' },
  no_need: { zh: '无业务需求', en: 'No need' },
  competitor: { zh: '已选择他行', en: 'Chose a competitor' },
  unreachable: { zh: '无法联系', en: 'Unreachable' },
  duplicate: { zh: '重复记录', en: 'Duplicate' },
  other: { zh: '其他', en: 'Other' },
});

// §5 differentiated service 差别化服务
export const SERVICE_PACKAGES = codeList({
  key_customer: { zh: '重点客户服务包', en: 'Key-customer package' },
  sme_quality: { zh: '中小优质客户服务包', en: 'SME quality-customer package' },
  standard: { zh: '标准服务', en: 'Standard service' },
});
export type ServicePackage = (typeof SERVICE_PACKAGES.codes)[number];

/** §5 pitfalls: concessions at the bank's expense. */
export const CONCESSION_KINDS = codeList({
  fee_waiver: { zh: '费用减免', en: 'Fee waiver' },
  rate_discount: { zh: '利率优惠', en: 'Rate discount' },
});
export type ConcessionKind = (typeof CONCESSION_KINDS.codes)[number];

/** Who a portfolio analysis covers (issue #7). */
export const PORTFOLIO_SCOPES = codeList({
  bank: { zh: '全行', en: 'Whole bank' },
  branch: { zh: '支行', en: 'Branch' },
  team: { zh: '团队', en: 'Team' },
  rm: { zh: '客户经理', en: 'Relationship manager' },
});
export type PortfolioScope = (typeof PORTFOLIO_SCOPES.codes)[number];

// ---------------------------------------------------------------------------------------------------
// Satisfaction, complaints, churn and loyalty (DOMAIN §5, issue #8)

/** The five steps of a satisfaction survey, in order. */
export const SURVEY_STEPS = codeList({
  plan: { zh: '制订计划', en: 'Plan' },
  fieldwork: { zh: '深入了解', en: 'Fieldwork' },
  analysis: { zh: '定性定量分析', en: 'Analysis' },
  report: { zh: '总结报告', en: 'Report' },
  follow_up: { zh: '事后跟踪', en: 'Follow-up' },
});
export type SurveyStep = (typeof SURVEY_STEPS.codes)[number];

/** How a survey response arrived. */
export const SURVEY_RESPONSE_SOURCES = codeList({
  rm: { zh: '客户经理录入', en: 'Entered by the RM' },
  link: { zh: '客户在线填写', en: 'Filled in by the customer' },
});
export type SurveyResponseSource = (typeof SURVEY_RESPONSE_SOURCES.codes)[number];

export const FEEDBACK_KINDS = codeList({
  complaint: { zh: '投诉', en: 'Complaint' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  praise: { zh: '表扬', en: 'Praise' },
});
export type FeedbackKind = (typeof FEEDBACK_KINDS.codes)[number];

export const FEEDBACK_CATEGORIES = codeList({
  service_attitude: { zh: '服务态度', en: 'Service attitude' },
  waiting_time: { zh: '等候时间', en: 'Waiting time' },
  fees: { zh: '收费与价格', en: 'Fees and prices' },
  product: { zh: '产品功能', en: 'Products' },
  process: { zh: '业务流程', en: 'Processes' },
  channels: { zh: '渠道与系统', en: 'Channels and systems' },
  staff_conduct: { zh: '员工行为', en: 'Staff conduct' },
  information: { zh: '信息披露', en: 'Information and disclosure' },
  other: { zh: '其他', en: 'Other' },
});
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES.codes)[number];

/** Severity of a complaint or suggestion; each has a deadline (configurable). */
export const FEEDBACK_SEVERITIES = codeList({
  urgent: { zh: '紧急', en: 'Urgent' },
  high: { zh: '重要', en: 'High' },
  normal: { zh: '一般', en: 'Normal' },
  low: { zh: '轻微', en: 'Low' },
});
export type FeedbackSeverity = (typeof FEEDBACK_SEVERITIES.codes)[number];

export const FEEDBACK_STATUSES = codeList({
  open: { zh: '处理中', en: 'Open' },
  resolved: { zh: '已办结', en: 'Resolved' },
});
export type FeedbackStatus = (typeof FEEDBACK_STATUSES.codes)[number];

/** How a customer was found lost. */
export const CHURN_CAUSES = codeList({
  all_closed: { zh: '产品全部销户', en: 'Every product closed' },
  balance_drop: { zh: '余额大幅下降', en: 'Balances fell sharply' },
  exit: { zh: '我行主动退出', en: 'Exited by the bank' },
});
export type ChurnCause = (typeof CHURN_CAUSES.codes)[number];

/** Why a customer left, as the RM records it. */
export const CHURN_REASONS = codeList({
  price: { zh: '价格/利率', en: 'Price or rates' },
  service: { zh: '服务不满意', en: 'Service' },
  competitor: { zh: '转投他行', en: 'Went to a competitor' },
  product: { zh: '产品不满足需求', en: 'Products did not fit' },
  relocation: { zh: '迁址/搬迁', en: 'Relocation' },
  business_failure: { zh: '经营失败', en: 'Business failure' },
  bank_exit: { zh: '我行主动退出', en: 'Exited by the bank' },
  other: { zh: '其他', en: 'Other' },
});
export type ChurnReason = (typeof CHURN_REASONS.codes)[number];

/** The six measures of loyalty of DOMAIN §5, in the text's order. */
export const LOYALTY_MEASURES = codeList({
  repeat_purchases: { zh: '重复购买次数', en: 'Repeat purchases' },
  price_sensitivity: { zh: '对价格的敏感程度', en: 'Price sensitivity' },
  competitor_attitude: { zh: '对竞争对手的态度', en: 'Attitude to competitors' },
  problem_attitude: { zh: '出现问题时的态度', en: 'Attitude after a problem' },
  growth: { zh: '增加幅度与获取率', en: 'Growth and acquisition' },
  retention: { zh: '客户流失率', en: 'Churn (retention)' },
});
export type LoyaltyMeasure = (typeof LOYALTY_MEASURES.codes)[number];

// §6 Exiting the relationship

/** The exit-criteria rules of §6.1: the groups EX1–EX5 and their conditions. */
export const EXIT_RULES = codeList({
  'EX1.RESTRICTED_INDUSTRY': { zh: '属于限制类行业', en: 'Restricted industry' },
  'EX1.CREDIT_BELOW_B': { zh: '信用等级低于B级', en: 'Credit grade below B' },
  'EX1.POOR_PROSPECTS': { zh: '行业前景不佳', en: 'Poor prospects' },
  'EX1.BACKWARD_TECH': { zh: '技术落后', en: 'Backward technology' },
  'EX1.POOR_OPERATIONS': { zh: '经营管理不善', en: 'Poor operations' },
  'EX1.POOR_REPUTATION': { zh: '信誉不佳', en: 'Poor reputation' },
  'EX2.LOAN_CLASS': { zh: '贷款为次级、可疑或损失类', en: 'Loan substandard, doubtful or loss' },
  'EX3.CURRENT_RATIO': { zh: '流动比率过低', en: 'Current ratio too low' },
  'EX3.DEBT_RATIO': { zh: '资产负债率过高', en: 'Debt ratio too high' },
  'EX3.ROE': { zh: '净资产收益率低于同期贷款基准利率', en: 'ROE below the benchmark loan rate' },
  'EX3.NEGATIVE_OCF': { zh: '经营活动现金净流量持续为负', en: 'Operating cash flow negative' },
  'EX4.ARREARS': { zh: '欠息、被催收或逃税', en: 'Interest arrears, collection or tax evasion' },
  'EX4.DEBT_EVASION': { zh: '恶意逃废债务', en: 'Malicious evasion of debt' },
  'EX4.FALSE_STATEMENTS': { zh: '拒绝提供或提供虚假财务报表', en: 'Refuses or falsifies statements' },
  'EX4.MANAGEMENT_VIOLATION': {
    zh: '法定代表人或主要管理者涉嫌重大违法违规',
    en: 'Key manager suspected of serious violations',
  },
  'EX4.MAJOR_EVENT': { zh: '兼并等重大事件严重影响经营或偿债', en: 'Major event harming repayment' },
  'EX5.OTHER': { zh: '其他原因提名', en: 'Nominated for another reason' },
});
export type ExitRule = (typeof EXIT_RULES.codes)[number];
export const EXIT_GROUPS = ['EX1', 'EX2', 'EX3', 'EX4', 'EX5'] as const;
export type ExitGroup = (typeof EXIT_GROUPS)[number];
export const exitGroupOf = (rule: ExitRule) => rule.slice(0, 3) as ExitGroup;
export const EX3_RULES = [
  'EX3.CURRENT_RATIO',
  'EX3.DEBT_RATIO',
  'EX3.ROE',
  'EX3.NEGATIVE_OCF',
] as const satisfies readonly ExitRule[];

/** The rules a person records as risk flags (assessments, adverse records, nominations). */
export const RISK_FLAG_CODES = [
  'EX1.POOR_PROSPECTS',
  'EX1.BACKWARD_TECH',
  'EX1.POOR_OPERATIONS',
  'EX1.POOR_REPUTATION',
  'EX4.ARREARS',
  'EX4.DEBT_EVASION',
  'EX4.FALSE_STATEMENTS',
  'EX4.MANAGEMENT_VIOLATION',
  'EX4.MAJOR_EVENT',
  'EX5.OTHER',
] as const satisfies readonly ExitRule[];
export type RiskFlagCode = (typeof RISK_FLAG_CODES)[number];

export const EXIT_CONTENTS = codeList({
  customer: { zh: '客户退出', en: 'The customer' },
  business: { zh: '业务退出', en: 'A business' },
});
export const EXIT_WILLINGNESS = codeList({
  active: { zh: '主动退出', en: 'Active (by the bank)' },
  passive: { zh: '被动退出', en: 'Passive' },
});
export const EXIT_SCOPES = codeList({
  whole: { zh: '全部退出', en: 'Whole' },
  partial: { zh: '部分退出', en: 'Partial' },
  product_replacement: { zh: '产品替代', en: 'Product replacement' },
});
export type ExitScope = (typeof EXIT_SCOPES.codes)[number];
export const EXIT_BUSINESS_LINES = codeList({
  asset: { zh: '资产业务', en: 'Asset business' },
  liability: { zh: '负债业务', en: 'Liability business' },
  intermediary: { zh: '中间业务', en: 'Intermediary business' },
});
export const EXIT_MEANS = codeList({
  collection: { zh: '传统清收', en: 'Collection' },
  asset_transfer: { zh: '资产转让', en: 'Asset transfer' },
  securitization: { zh: '资产证券化', en: 'Securitization' },
});
export const EXIT_REASONS = codeList({
  value_maximization: { zh: '价值最大化', en: 'Value maximization' },
  risk_reduction: { zh: '降低风险', en: 'Risk reduction' },
  customer_initiated: { zh: '客户主动要求', en: 'Customer initiated' },
});
export const EXIT_PLAN_STATUSES = codeList({
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审批', en: 'Submitted' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '已否决', en: 'Rejected' },
  executing: { zh: '执行中', en: 'Executing' },
  completed: { zh: '已完成', en: 'Completed' },
});
export type ExitPlanStatus = (typeof EXIT_PLAN_STATUSES.codes)[number];
/** Kinds of the steps an exit plan is carried out in (§6: stop new credit, collect, transfer assets …). */
export const EXIT_STEP_KINDS = codeList({
  stop_new_credit: { zh: '停止新增授信', en: 'Stop new credit' },
  collect: { zh: '清收贷款', en: 'Collect loans' },
  transfer_assets: { zh: '转让资产', en: 'Transfer assets' },
  securitize: { zh: '资产证券化', en: 'Securitize' },
  replace_product: { zh: '以其他产品替代', en: 'Replace the product' },
  notify_customer: { zh: '告知客户', en: 'Notify the customer' },
  close_accounts: { zh: '结清销户', en: 'Close the accounts' },
  other: { zh: '其他', en: 'Other' },
});
/** What a risk officer decides about a screening candidate before any plan exists. */
export const EXIT_CANDIDATE_STATUSES = codeList({
  open: { zh: '待处理', en: 'Open' },
  planned: { zh: '已制订退出方案', en: 'Exit plan made' },
  dismissed: { zh: '暂不退出', en: 'Kept for now' },
});
export type ExitCandidateStatus = (typeof EXIT_CANDIDATE_STATUSES.codes)[number];
