import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

// Table types of the one schema both dialects share. Timestamps are ISO-8601 UTC text, dates
// YYYY-MM-DD text, months YYYY-MM text, booleans 0/1 integers and money integer fen (ARCHITECTURE
// rule 7), so the same queries and the same sort order hold on SQLite and PostgreSQL.

export interface BranchTable {
  id: Generated<number>;
  code: string;
  name: string;
  created_at: string;
}

export interface TeamTable {
  id: Generated<number>;
  code: string;
  name: string;
  branch_id: number;
  /** 1: the team's RMs submit visit plans to the team lead for approval. */
  plans_need_approval: Generated<number>;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  team_id: number | null;
  password_hash: string;
  active: number;
  locale: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string; // sha-256 of the cookie token, never the token itself
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  succeeded: number;
  attempted_at: string;
  ip: string | null;
}

export interface LoginLockoutTable {
  username: string;
  locked_until: string;
}

export interface CustomerTable {
  id: Generated<number>;
  code: string;
  kind: string;
  name: string;
  search_name: string; // normalizeForSearch(name): what fragments are matched against
  id_number: string;
  industry: string | null;
  size: string | null;
  region_code: string | null;
  region_name: string | null;
  tier: string;
  need_mask: number;
  credit_grade: string | null;
  loan_class: string | null;
  foreign_trade: number;
  owner_id: number | null;
  phone: string | null;
  email: string | null;
  annual_revenue: number | null;
  financial_assets: number | null;
  established_on: string | null;
  lifecycle_stage: string;
  lifecycle_manual: number;
  value_tier: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** fen, trailing 12 months ending value_as_of (issue #7) */
  realized_value: Generated<number | null>;
  /** fen */
  potential_value: Generated<number | null>;
  /** tenths of a point, 0…1000 */
  model_value: Generated<number | null>;
  value_as_of: Generated<string | null>;
  /** The stage the rules give, whatever an override says. */
  lifecycle_inferred: Generated<string | null>;
  /** The stage the rules give for the month before value_as_of. */
  lifecycle_prev: Generated<string | null>;
  tier_suggested: Generated<string | null>;
}

export interface CustomerShareTable {
  customer_id: number;
  user_id: number;
  created_at: string;
  created_by: number | null;
}

export interface CustomerNameGramTable {
  gram: string;
  customer_id: number;
}

export interface ContactTable {
  id: Generated<number>;
  customer_id: number;
  name: string;
  role: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  birthday: string | null;
  preferences: string | null;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CustomerLinkTable {
  id: Generated<number>;
  from_customer_id: number;
  to_customer_id: number;
  kind: string;
  note: string | null;
  created_at: string;
  created_by: number | null;
}

export interface AccountTable {
  id: Generated<number>;
  account_no: string;
  customer_id: number;
  product: string;
  currency: string;
  opened_on: string;
  closed_on: string | null;
  rate: number | null;
  created_at: string;
}

export interface AccountMonthlyTable {
  account_id: number;
  month: string;
  avg_balance: number;
  net_interest_contribution: number;
  fee_income: number;
}

/** Each customer's figures of a month, summed over its accounts; kept by triggers (migration 008). */
export interface CustomerMonthlyTable {
  customer_id: number;
  /** year × 12 + month − 1 */
  month_index: number;
  /** the account rows summed */
  accounts: number;
  avg_balance: number;
  contribution: number;
}

export interface LifecycleHistoryTable {
  id: Generated<number>;
  customer_id: number;
  stage: string;
  previous_stage: string | null;
  manual: number;
  reason: string | null;
  changed_by: number | null;
  changed_at: string;
  /** The month inferred, YYYY-MM (null for an override). */
  as_of: Generated<string | null>;
  /** The rule's evidence (src/domain/lifecycle.ts), JSON. */
  evidence_json: Generated<string | null>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  customer_id: number | null;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  ip: string | null;
}

export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  secret_hash: string; // sha-256 of the secret part; the key itself is shown once
  scopes_json: string;
  expires_at: string | null;
  revoked_at: string | null;
  created_by: number;
  created_at: string;
  last_used_at: string | null;
}

export interface ImportJobTable {
  id: Generated<number>;
  kind: string;
  mode: string;
  status: string;
  file_name: string;
  file_hash: string;
  file_size: number;
  rows: number;
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  error_count: number;
  errors_json: string | null;
  message: string | null;
  created_by: number | null;
  api_key_id: number | null;
  created_at: string;
  finished_at: string | null;
}

export interface VisitPlanTable {
  id: Generated<number>;
  /** Exactly one of customer_id and prospect_id is set. */
  customer_id: number | null;
  prospect_id: Generated<number | null>;
  owner_id: number;
  status: string;
  starts_at: string;
  duration_minutes: number;
  channel: string;
  place: string | null;
  /** The customer's contact persons met: [id]. */
  contact_ids_json: string;
  /** The bank's people joining (linked marketing): [{userId?, name, department}]. */
  participants_json: string;
  timing_rationale: string | null;
  entry_point: string | null;
  agenda: string | null;
  /** The marketing plan's products: [product code]. */
  products_json: string;
  offer: string | null;
  submitted_at: string | null;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  summary: string | null;
  needs_found_mask: number | null;
  completed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface VisitObjectiveTable {
  id: Generated<number>;
  plan_id: number;
  position: number;
  what: string;
  need_tag: string | null;
  product: string | null;
  metric: string | null;
  unit: string | null;
  /** yuan targets in fen; counts as they are; percentages in hundredths of a percent. */
  target: number | null;
  justification: string | null;
  due_on: string | null;
  outcome: string | null;
  actual: number | null;
}

export interface InteractionTable {
  id: Generated<number>;
  /** The bank's own reference, the natural key of an imported record. */
  ref: string | null;
  /** Exactly one of customer_id and prospect_id is set. */
  customer_id: number | null;
  prospect_id: Generated<number | null>;
  contact_id: number | null;
  channel: string;
  direction: string;
  occurred_at: string;
  place: string | null;
  purpose: string | null;
  maintenance_form: string | null;
  summary: string;
  outcome: string | null;
  next_step: string | null;
  plan_id: number | null;
  recorded_by: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TaskTable {
  id: Generated<number>;
  owner_id: number;
  title: string;
  notes: string | null;
  due_on: string;
  status: string;
  source: string;
  customer_id: number | null;
  prospect_id: Generated<number | null>;
  plan_id: number | null;
  created_by: number;
  due_notified_at: string | null;
  completed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  params_json: string;
  entity: string;
  entity_id: number;
  read_at: string | null;
  created_at: string;
}

export interface CalendarFeedTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface IdealCustomerProfileTable {
  id: Generated<number>;
  version: number;
  profile_json: string;
  reason: string;
  created_by: number | null;
  created_at: string;
}

export interface ProspectTable {
  id: Generated<number>;
  code: string;
  kind: string;
  name: string;
  search_name: string;
  id_number: string | null;
  industry: string | null;
  size: string | null;
  region_code: string | null;
  region_name: string | null;
  /** fen */
  annual_revenue: number | null;
  /** fen */
  financial_assets: number | null;
  established_on: string | null;
  credit_grade: string | null;
  cooperation: string | null;
  contact_name: string | null;
  contact_title: string | null;
  phone: string | null;
  email: string | null;
  source: string;
  source_note: string | null;
  referrer_kind: string | null;
  referrer_customer_id: number | null;
  referrer_contact_id: number | null;
  referrer_prospect_id: number | null;
  referrer_name: string | null;
  notes: string | null;
  owner_id: number | null;
  status: string;
  stage_entered_at: string;
  disqualify_reason: string | null;
  fit_score: number | null;
  fit_restricted: Generated<number>;
  /** The fit terms and missing criteria of src/domain/ideal-customer.ts. */
  fit_json: string | null;
  fit_profile_version: number | null;
  assessment_needs: string | null;
  /** fen */
  assessment_wallet: number | null;
  assessment_risks: string | null;
  assessment_decision: string | null;
  assessed_by: number | null;
  assessed_at: string | null;
  customer_id: number | null;
  converted_at: string | null;
  merged_into_kind: string | null;
  merged_into_id: number | null;
  created_by: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ProspectStageHistoryTable {
  id: Generated<number>;
  prospect_id: number;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  note: string | null;
  changed_by: number | null;
  changed_at: string;
}

export interface ProspectTacticTable {
  id: Generated<number>;
  prospect_id: number;
  kind: string;
  note: string;
  colleagues_json: string;
  related_customer_id: number | null;
  relation: string | null;
  created_by: number | null;
  created_at: string;
}

export interface SettingsVersionTable {
  id: Generated<number>;
  /** customer-value | maintenance-policies | … */
  key: string;
  version: number;
  settings_json: string;
  reason: string;
  created_by: number | null;
  created_at: string;
}

export interface ValueRunTable {
  id: Generated<number>;
  kind: string;
  as_of: string | null;
  status: string;
  phase: string;
  total: number;
  processed: number;
  changed: number;
  settings_version: number;
  started_by: number | null;
  started_at: string;
  heartbeat_at: string;
  finished_at: string | null;
  error: string | null;
}

export interface ValueSnapshotTable {
  as_of: string;
  /** bank | branch | team | rm */
  scope: string;
  /** 0 for the bank */
  scope_id: number;
  run_id: number;
  customers: number;
  top20_share: number;
  pareto_json: string;
  lifecycle_json: string;
  created_at: string;
}

/** A temporary table a value run creates on its connection (customer-value.repository.ts). */
export interface ValueStagingTable {
  id: number;
  realized_value: number;
  potential_value: number;
  model_value: number;
  value_as_of: string;
  lifecycle_inferred: string;
  lifecycle_prev: string;
  tier_suggested: string;
}

export interface FigureMonthTable {
  month: string;
  noted_at: string;
}

export interface ValueDirtyTable {
  customer_id: number;
  marked_at: string;
}

export interface ConcessionTable {
  id: Generated<number>;
  customer_id: number;
  kind: string;
  description: string;
  /** fen a year */
  yearly_cost: number;
  approver: string;
  reason: string;
  starts_on: string;
  ends_on: string | null;
  created_by: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** fen; null when not reported */
export interface FinancialStatementTable {
  id: Generated<number>;
  customer_id: number;
  fiscal_year: number;
  current_assets: number | null;
  current_liabilities: number | null;
  total_assets: number | null;
  total_liabilities: number | null;
  owners_equity: number | null;
  net_profit: number | null;
  operating_cash_flow: number | null;
  revenue: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SurveyTemplateTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  /** JSON: { dimensions, items, questions } */
  definition_json: string;
  version: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface SurveyCampaignTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  template_id: number;
  template_json: string;
  step: string;
  segment_json: string;
  sample_size: number;
  link_days: number;
  version: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface SurveyCampaignStepTable {
  id: Generated<number>;
  campaign_id: number;
  step: string;
  note: string | null;
  changed_by: number | null;
  changed_at: string;
}

export interface SurveyTargetTable {
  campaign_id: number;
  customer_id: number;
}

export interface SurveyLinkTable {
  id: Generated<number>;
  campaign_id: number;
  customer_id: number;
  /** SHA-256 hex of the token; the token itself is shown once and never stored */
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_by: number | null;
  created_at: string;
}

export interface SurveyResponseTable {
  id: Generated<number>;
  campaign_id: number;
  customer_id: number;
  source: string;
  channel: string | null;
  entered_by: number | null;
  link_id: number | null;
  submitted_at: string;
}

export interface SurveyAnswerTable {
  response_id: number;
  item_key: string;
  expected: number;
  perceived: number;
}

export interface SurveyTextTable {
  response_id: number;
  question_key: string;
  text: string;
}

export interface ComplaintTable {
  id: Generated<number>;
  customer_id: number;
  kind: string;
  channel: string;
  category: string;
  severity: string;
  status: string;
  subject: string;
  description: string;
  received_at: string;
  deadline_at: string | null;
  assignee_id: number | null;
  escalated_at: string | null;
  escalated_to: number | null;
  resolution: string | null;
  resolved_at: string | null;
  resolved_by: number | null;
  fix_satisfaction: number | null;
  version: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ChurnRecordTable {
  id: Generated<number>;
  customer_id: number;
  lost_month: string;
  cause: string;
  evidence_json: string;
  reason: string | null;
  note: string | null;
  recorded_by: number | null;
  recorded_at: string | null;
  returned_month: string | null;
  detected_at: string;
  version: number;
}

/** Per mille, 0…1000; null: unknown. */
export interface CustomerLoyaltyTable {
  customer_id: number;
  as_of: string;
  loyalty_index: number | null;
  repeat_purchases: number | null;
  price_sensitivity: number | null;
  competitor_attitude: number | null;
  problem_attitude: number | null;
  growth: number | null;
  retention: number | null;
}

export interface LoyaltyAssessmentTable {
  id: Generated<number>;
  customer_id: number;
  price_sensitivity: number;
  competitor_attitude: number;
  note: string | null;
  assessed_by: number | null;
  assessed_at: string;
}

export interface DB {
  branches: BranchTable;
  teams: TeamTable;
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  login_lockouts: LoginLockoutTable;
  customers: CustomerTable;
  customer_shares: CustomerShareTable;
  customer_name_grams: CustomerNameGramTable;
  contacts: ContactTable;
  customer_links: CustomerLinkTable;
  accounts: AccountTable;
  account_monthly: AccountMonthlyTable;
  customer_monthly: CustomerMonthlyTable;
  lifecycle_history: LifecycleHistoryTable;
  audit_log: AuditLogTable;
  api_keys: ApiKeyTable;
  import_jobs: ImportJobTable;
  visit_plans: VisitPlanTable;
  visit_objectives: VisitObjectiveTable;
  interactions: InteractionTable;
  tasks: TaskTable;
  notifications: NotificationTable;
  calendar_feeds: CalendarFeedTable;
  ideal_customer_profiles: IdealCustomerProfileTable;
  prospects: ProspectTable;
  prospect_stage_history: ProspectStageHistoryTable;
  prospect_tactics: ProspectTacticTable;
  settings_versions: SettingsVersionTable;
  value_runs: ValueRunTable;
  value_snapshots: ValueSnapshotTable;
  value_dirty: ValueDirtyTable;
  figure_months: FigureMonthTable;
  value_staging: ValueStagingTable;
  concessions: ConcessionTable;
  financial_statements: FinancialStatementTable;
  survey_templates: SurveyTemplateTable;
  survey_campaigns: SurveyCampaignTable;
  survey_campaign_steps: SurveyCampaignStepTable;
  survey_targets: SurveyTargetTable;
  survey_links: SurveyLinkTable;
  survey_responses: SurveyResponseTable;
  survey_answers: SurveyAnswerTable;
  survey_texts: SurveyTextTable;
  complaints: ComplaintTable;
  churn_records: ChurnRecordTable;
  loyalty_assessments: LoyaltyAssessmentTable;
  customer_loyalty: CustomerLoyaltyTable;
  risk_flags: RiskFlagTable;
  exit_screenings: ExitScreeningTable;
  exit_screening_results: ExitScreeningResultTable;
  exit_candidates: ExitCandidateTable;
  exit_plans: ExitPlanTable;
  exit_plan_steps: ExitPlanStepTable;
  exit_plan_events: ExitPlanEventTable;
}

export interface RiskFlagTable {
  id: Generated<number>;
  customer_id: number;
  code: string;
  recorded_on: string;
  note: string | null;
  recorded_by: number | null;
  cleared_on: string | null;
  cleared_by: number | null;
  clear_note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ExitScreeningTable {
  id: Generated<number>;
  as_of: string;
  scope: string;
  criteria_version: number;
  started_by: number | null;
  started_at: string;
  finished_at: string | null;
  screened: number;
  candidates: number;
  new_candidates: number;
  insufficient: number;
}

export interface ExitScreeningResultTable {
  screening_id: number;
  customer_id: number;
  candidate: number;
  result_json: string;
}

export interface ExitCandidateTable {
  customer_id: number;
  rules: string;
  result_json: string;
  since: string;
  screening_id: number;
  status: string;
  status_note: string | null;
  status_by: number | null;
  status_at: string | null;
  version: number;
}

export interface ExitPlanTable {
  id: Generated<number>;
  customer_id: number;
  status: string;
  content: string;
  willingness: string;
  scope: string;
  business_lines: string;
  object: string;
  means: string;
  reasons: string;
  reason_note: string | null;
  triggers_json: string;
  target_date: string;
  review_stage: string | null;
  asset_balance: number | null;
  liability_balance: number | null;
  completed_on: string | null;
  created_by: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ExitPlanStepTable {
  id: Generated<number>;
  plan_id: number;
  position: number;
  kind: string;
  title: string;
  owner_id: number;
  due_on: string;
  done_on: string | null;
  note: string | null;
}

export interface ExitPlanEventTable {
  id: Generated<number>;
  plan_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  by_user: number | null;
  at: string;
}

export type Db = Kysely<DB> | Transaction<DB>;
export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomerRow = Insertable<CustomerTable>;
export type CustomerUpdate = Updateable<CustomerTable>;
export type UserRow = Selectable<UserTable>;
export type ContactRow = Selectable<ContactTable>;
export type AccountRow = Selectable<AccountTable>;
export type ProspectRow = Selectable<ProspectTable>;
