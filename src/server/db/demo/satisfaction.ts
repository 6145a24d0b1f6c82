import type { Insertable, Transaction } from 'kysely';
import { DEFAULT_COMPLAINT_DEADLINES, deadlineFor } from '../../../domain/complaints';
import type {
  CHANNELS,
  ChurnReason,
  FEEDBACK_CATEGORIES,
  FeedbackKind,
  FeedbackSeverity,
} from '../../../shared/codes';
import type { SurveyDefinition } from '../../../shared/schemas/survey';
import type { AppDeps } from '../../deps';
import type { ComplaintTable, DB } from '../database';
import { createRandom, type Random } from './random';

// The demo bank's satisfaction work (issue #8): a survey template, a campaign whose fieldwork is over
// (in analysis, with answers) and one in fieldwork, a year of complaints, suggestions and praise
// (most resolved, a few open, some late), and RM assessments of loyalty for some customers. The value
// run that follows the seed scores loyalty and finds the customers lost.

export const DEMO_SURVEY: SurveyDefinition = {
  dimensions: [
    { key: 'service', name: '服务态度', weight: 30 },
    { key: 'efficiency', name: '业务效率', weight: 30 },
    { key: 'offer', name: '产品与价格', weight: 25 },
    { key: 'channels', name: '渠道便利', weight: 15 },
  ],
  items: [
    {
      key: 'courtesy',
      dimension: 'service',
      text: '客户经理服务热情、专业',
      weight: 2,
      loyaltyMeasure: null,
    },
    {
      key: 'responsive',
      dimension: 'service',
      text: '需求提出后能及时回应',
      weight: 1,
      loyaltyMeasure: null,
    },
    { key: 'speed', dimension: 'efficiency', text: '业务办理速度快', weight: 2, loyaltyMeasure: null },
    { key: 'paperwork', dimension: 'efficiency', text: '资料要求简洁明确', weight: 1, loyaltyMeasure: null },
    { key: 'fit', dimension: 'offer', text: '产品能满足经营需要', weight: 1, loyaltyMeasure: null },
    {
      key: 'price',
      dimension: 'offer',
      text: '收费和利率合理',
      weight: 1,
      loyaltyMeasure: 'price_sensitivity',
    },
    {
      key: 'prefer',
      dimension: 'offer',
      text: '有新业务时会优先选择我行',
      weight: 1,
      loyaltyMeasure: 'competitor_attitude',
    },
    { key: 'online', dimension: 'channels', text: '网银和手机银行好用', weight: 1, loyaltyMeasure: null },
    { key: 'branch', dimension: 'channels', text: '网点等候时间短', weight: 1, loyaltyMeasure: null },
  ],
  questions: [
    { key: 'improve', text: '您最希望我行改进的是什么？' },
    { key: 'praise', text: '您最满意我行的哪一点？' },
  ],
};

const IMPROVE = [
  '网点排队时间太长，希望增加对公窗口',
  '贷款审批材料太多，流程可以再简化',
  '手机银行转账限额不够用',
  '希望客户经理多上门了解我们的经营情况',
  '汇率报价希望更有竞争力',
  '对账单能否按月自动发送到邮箱',
];
const PRAISE = ['客户经理响应很快', '服务很专业，方案贴合需要', '网点环境好，工作人员耐心', '结算业务到账快'];

/** Each item's expectation and how the bank performs on it (the demo's story: speed and price lag). */
const PROFILE: Record<string, [expected: number, perceived: number]> = {
  courtesy: [6, 6.2],
  responsive: [6, 5.6],
  speed: [6.4, 4.9],
  paperwork: [5.6, 4.6],
  fit: [5.8, 5.5],
  price: [6.2, 4.8],
  prefer: [5, 5.1],
  online: [5.4, 5.5],
  branch: [5.2, 4.4],
};

const score = (r: Random, mean: number) => Math.min(7, Math.max(1, Math.round(mean + r.normal() * 0.9)));

interface Owned {
  id: number;
  owner_id: number;
}

export interface DemoSatisfactionInput {
  seed: number;
  now: Date;
  leadId: number;
  customers: readonly Owned[];
}

/** Writes the satisfaction demo through the seed's transaction; answers what it wrote. */
export async function writeSatisfaction(trx: Transaction<DB>, input: DemoSatisfactionInput) {
  const r = createRandom(input.seed, 'satisfaction');
  const at = (daysAgo: number, hour = 10) =>
    new Date(input.now.getTime() - daysAgo * 86_400_000 + (hour - 12) * 3_600_000).toISOString();
  const nowIso = input.now.toISOString();
  const definition = JSON.stringify(DEMO_SURVEY);
  const { id: templateId } = await trx
    .insertInto('survey_templates')
    .values({
      name: '对公客户满意度调查',
      description: '按服务、效率、产品与价格、渠道四个维度，分别请客户打出期望与实际感受（1–7 分）。',
      definition_json: definition,
      version: 1,
      created_by: input.leadId,
      created_at: at(120),
      updated_at: at(120),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const pool = r.sample(input.customers, 140);
  const campaigns = [
    {
      name: '2026 年第三季度对公客户满意度调查',
      step: 'analysis',
      targets: pool.slice(0, 80),
      answered: 0.7,
      start: 100,
    },
    {
      name: '2026 年第四季度重点客户回访',
      step: 'fieldwork',
      targets: pool.slice(80, 140),
      answered: 0.2,
      start: 20,
    },
  ] as const;
  let responses = 0;
  for (const c of campaigns) {
    const { id } = await trx
      .insertInto('survey_campaigns')
      .values({
        name: c.name,
        description: '抽样调查，了解客户对我行服务的期望与实际感受，找出需要优先改进的环节。',
        template_id: templateId,
        template_json: definition,
        step: c.step,
        segment_json: JSON.stringify({
          valueTiers: [],
          lifecycleStages: [],
          kinds: ['corporate'],
          branchIds: [],
        }),
        sample_size: c.targets.length,
        link_days: 14,
        version: c.step === 'analysis' ? 3 : 2,
        created_by: input.leadId,
        created_at: at(c.start),
        updated_at: at(c.start - 30),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const steps = c.step === 'analysis' ? ['plan', 'fieldwork', 'analysis'] : ['plan', 'fieldwork'];
    await trx
      .insertInto('survey_campaign_steps')
      .values(
        steps.map((step, i) => ({
          campaign_id: id,
          step,
          note: i === 0 ? '抽样确定，准备问卷' : null,
          changed_by: input.leadId,
          changed_at: at(c.start - i * 15),
        })),
      )
      .execute();
    await trx
      .insertInto('survey_targets')
      .values(c.targets.map((t) => ({ campaign_id: id, customer_id: t.id })))
      .execute();
    for (const t of c.targets) {
      if (!r.chance(c.answered)) continue;
      const link = r.chance(0.4);
      const { id: responseId } = await trx
        .insertInto('survey_responses')
        .values({
          campaign_id: id,
          customer_id: t.id,
          source: link ? 'link' : 'rm',
          channel: link ? null : r.pick(['visit', 'phone', 'branch'] as const),
          entered_by: link ? null : t.owner_id,
          link_id: null,
          submitted_at: at(c.start - 15 - r.int(1, 14), r.int(9, 17)),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const mood = r.normal() * 0.6;
      await trx
        .insertInto('survey_answers')
        .values(
          DEMO_SURVEY.items.map((item) => ({
            response_id: responseId,
            item_key: item.key,
            expected: score(r, PROFILE[item.key]![0]),
            perceived: score(r, PROFILE[item.key]![1] + mood),
          })),
        )
        .execute();
      const texts = [
        ...(r.chance(0.6) ? [{ question_key: 'improve', text: r.pick(IMPROVE) }] : []),
        ...(r.chance(0.4) ? [{ question_key: 'praise', text: r.pick(PRAISE) }] : []),
      ];
      if (texts.length > 0)
        await trx
          .insertInto('survey_texts')
          .values(texts.map((x) => ({ response_id: responseId, ...x })))
          .execute();
      responses++;
    }
  }

  // A year of complaints, suggestions and praise; those older than their deadline mostly resolved.
  const complaints: Insertable<ComplaintTable>[] = [];
  for (let i = 0; i < 90; i++) {
    const customer = r.pick(input.customers);
    const kind = r.weighted<FeedbackKind>([
      ['complaint', 6],
      ['suggestion', 3],
      ['praise', 1],
    ]);
    const severity = r.weighted<FeedbackSeverity>([
      ['urgent', 1],
      ['high', 2],
      ['normal', 5],
      ['low', 2],
    ]);
    const daysAgo = i < 6 ? r.int(0, 4) : r.int(5, 360);
    const receivedAt = at(daysAgo, r.int(9, 17));
    const deadlineAt = deadlineFor(kind, severity, receivedAt, DEFAULT_COMPLAINT_DEADLINES);
    const resolved = i >= 6 && (kind === 'praise' || r.chance(0.94));
    const hours =
      kind === 'praise' ? 2 : r.logNormal(Math.log(DEFAULT_COMPLAINT_DEADLINES[severity] * 14), 0.7);
    const resolvedAt = resolved ? new Date(Date.parse(receivedAt) + hours * 3_600_000).toISOString() : null;
    const category = r.weighted([
      ['waiting_time', 4],
      ['fees', 4],
      ['process', 3],
      ['service_attitude', 2],
      ['channels', 2],
      ['product', 1],
      ['staff_conduct', 1],
      ['information', 1],
      ['other', 1],
    ] as const satisfies readonly (readonly [keyof typeof FEEDBACK_CATEGORIES.labels, number])[]);
    complaints.push({
      customer_id: customer.id,
      kind,
      channel: r.pick([
        'phone',
        'branch',
        'visit',
        'wechat',
        'online',
        'letter',
      ] as const satisfies readonly (typeof CHANNELS.codes)[number][]),
      category,
      severity,
      status: resolved && resolvedAt! <= nowIso ? 'resolved' : 'open',
      subject: SUBJECTS[category],
      description: `${SUBJECTS[category]}：客户反映情况，已记录并跟进。`,
      received_at: receivedAt,
      deadline_at: deadlineAt,
      assignee_id: customer.owner_id,
      escalated_at: null,
      escalated_to: null,
      resolution: resolved && resolvedAt! <= nowIso ? '已与客户沟通并说明处理结果，客户表示理解。' : null,
      resolved_at: resolved && resolvedAt! <= nowIso ? resolvedAt : null,
      resolved_by: resolved && resolvedAt! <= nowIso ? customer.owner_id : null,
      fix_satisfaction:
        resolved && resolvedAt! <= nowIso && kind !== 'praise' && r.chance(0.8) ? r.int(3, 7) : null,
      version: 1,
      created_by: customer.owner_id,
      created_at: receivedAt,
      updated_at: resolvedAt && resolvedAt <= nowIso ? resolvedAt : receivedAt,
    });
  }
  await trx.insertInto('complaints').values(complaints).execute();

  const assessed = r.sample(input.customers, 200);
  await trx
    .insertInto('loyalty_assessments')
    .values(
      assessed.map((c) => ({
        customer_id: c.id,
        price_sensitivity: r.weighted([
          [1, 1],
          [2, 2],
          [3, 4],
          [4, 3],
          [5, 1],
        ] as const),
        competitor_attitude: r.weighted([
          [1, 1],
          [2, 1],
          [3, 3],
          [4, 4],
          [5, 2],
        ] as const),
        note: null,
        assessed_by: c.owner_id,
        assessed_at: at(r.int(1, 300)),
      })),
    )
    .execute();
  return { surveyResponses: responses, complaints: complaints.length, loyaltyAssessments: assessed.length };
}

/** The RMs have recorded why most of the customers the value run found lost left (issue #8). */
export async function recordChurnReasons(deps: AppDeps) {
  const r = createRandom(DEMO_CHURN_SEED, 'churn-reasons');
  const lost = await deps.db
    .selectFrom('churn_records as c')
    .innerJoin('customers', 'customers.id', 'c.customer_id')
    .select(['c.id', 'c.cause', 'customers.owner_id'])
    .where('customers.owner_id', 'is not', null)
    .orderBy('c.id')
    .execute();
  const at = deps.clock().toISOString();
  for (const c of lost) {
    if (!r.chance(0.7)) continue;
    const reason = r.weighted<ChurnReason>([
      ['competitor', 5],
      ['price', 4],
      ['service', 2],
      ['product', 2],
      ['relocation', 2],
      ['business_failure', c.cause === 'all_closed' ? 2 : 0],
      ['other', 1],
    ]);
    await deps.db
      .updateTable('churn_records')
      .set({ reason, note: REASON_NOTES[reason], recorded_by: c.owner_id, recorded_at: at, version: 2 })
      .where('id', '=', c.id)
      .execute();
  }
}

const DEMO_CHURN_SEED = 20_260_108;
const REASON_NOTES: Partial<Record<ChurnReason, string>> = {
  competitor: '他行给出更优惠的综合报价，主要结算已转走',
  price: '认为我行手续费和贷款利率偏高',
  service: '对办理效率不满，多次反映未解决',
  relocation: '企业迁往外地经营',
  business_failure: '经营困难，已停止营业',
};

const SUBJECTS: Record<keyof typeof FEEDBACK_CATEGORIES.labels, string> = {
  service_attitude: '柜面人员服务态度不佳',
  waiting_time: '网点排队等候时间过长',
  fees: '账户管理费和汇款手续费偏高',
  product: '现有产品不能满足结算需要',
  process: '贷款续贷流程繁琐',
  channels: '企业网银登录频繁失败',
  staff_conduct: '客户经理承诺的回访未兑现',
  information: '利率调整未提前告知',
  other: '其他意见',
};
