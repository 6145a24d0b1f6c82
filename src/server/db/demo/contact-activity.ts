import { PRODUCT_NEED } from '../../../domain/smart';
import {
  CHANNELS,
  type Channel,
  MAINTENANCE_FORMS,
  type MaintenanceForm,
  type NeedTag,
  needTags,
  type Product,
} from '../../../shared/codes';
import { bankDate } from '../../../shared/schemas/common';
import { createRandom } from './random';

// The demo bank's contact management (issue #5): a year of contact records for every owned customer,
// and for every RM a few visit plans (completed with their summaries and memos, planned for the coming
// days, a draft) and tasks, some due today and some overdue, so the day page has something to say.

export interface ActivityCustomer {
  id: number;
  ownerId: number;
  kind: string;
  needMask: number;
  /** Yuan, for the objectives' targets. */
  capacity: number | null;
  contactIds: number[];
}

const DAY = 86_400_000;

const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['visit', 25],
  ['phone', 30],
  ['wechat', 20],
  ['email', 8],
  ['branch', 10],
  ['event', 4],
  ['sms', 3],
];

const PURPOSES: Record<MaintenanceForm, readonly string[]> = {
  hardware: ['邀请客户到新装修的贵宾室洽谈', '协助客户开通企业网银盾'],
  software: ['介绍新任对口客户经理', '安排产品经理上门讲解'],
  functional: ['了解年底资金安排', '解决代发工资文件格式问题', '商谈流动资金贷款续贷', '沟通国际结算手续费'],
  psychological: ['生日问候', '节日问候', '祝贺客户新厂房投产'],
  special: ['邀请参加客户答谢会', '联合分行举办财务沙龙'],
};
const OUTCOMES = ['客户满意', '客户表示考虑', '约定下周再谈', '客户提出降费要求', '已解决', '需要行内协调'];

interface Objective {
  what: string;
  product: Product;
  metric: string;
  target: number;
  justification: string;
}

function objectiveFor(customer: ActivityCustomer, r: ReturnType<typeof createRandom>): Objective {
  const needs = needTags(customer.needMask);
  const options: Objective[] = [
    {
      what: '新增单位定期存款',
      product: 'time_deposit',
      metric: '新增定期存款余额',
      target: 0,
      justification: '客户年末回款，有存放意愿',
    },
    {
      what: '开立代发工资业务',
      product: 'payroll_agency',
      metric: '代发人数',
      target: 0,
      justification: '客户员工 300 余人，现由他行代发，合同年底到期',
    },
    {
      what: '续作流动资金贷款',
      product: 'working_capital_loan',
      metric: '贷款金额',
      target: 0,
      justification: '客户订单增长，原有贷款下月到期',
    },
    {
      what: '办理国际结算',
      product: 'fx_settlement',
      metric: '结算笔数',
      target: 0,
      justification: '客户新增出口订单，需要结汇服务',
    },
  ];
  const fitting = options.filter((o) => needs.length === 0 || needs.includes(PRODUCT_NEED[o.product]));
  const o = r.pick(fitting.length > 0 ? fitting : options);
  const amount = o.metric.includes('人数') || o.metric.includes('笔数');
  const cap = customer.capacity ?? 1_000_000;
  return {
    ...o,
    target: amount
      ? r.int(5, 300)
      : Math.max(10_000, Math.round((cap * r.float(0.02, 0.3)) / 10_000) * 10_000),
  };
}

export function generateContactActivity(opts: {
  seed: number;
  customers: readonly ActivityCustomer[];
  now: Date;
}) {
  const r = createRandom(opts.seed, 'contact-activity');
  const now = opts.now.getTime();
  const at = (ms: number) => new Date(ms).toISOString();
  const day = (plusDays: number) => bankDate(new Date(now + plusDays * DAY));
  const stamp = at(now);

  const interactions: {
    customer_id: number;
    contact_id: number | null;
    channel: string;
    direction: string;
    occurred_at: string;
    place: string | null;
    purpose: string;
    maintenance_form: string;
    summary: string;
    outcome: string;
    next_step: string | null;
    recorded_by: number;
  }[] = [];
  for (const c of opts.customers) {
    const n = r.int(0, 8);
    for (let i = 0; i < n; i++) {
      const form = r.pick(MAINTENANCE_FORMS.codes);
      const purpose = r.pick(PURPOSES[form]);
      const channel = r.weighted(CHANNEL_WEIGHTS);
      // Working hours of a day in the last year, bank time.
      const when = now - r.int(1, 365) * DAY - (now % DAY) + r.int(1, 10) * 3_600_000;
      interactions.push({
        customer_id: c.id,
        contact_id: c.contactIds.length > 0 && r.chance(0.7) ? r.pick(c.contactIds) : null,
        channel,
        direction: r.chance(0.8) ? 'outbound' : 'inbound',
        occurred_at: at(when),
        place: channel === 'visit' ? '客户办公室' : null,
        purpose,
        maintenance_form: form,
        summary: `${CHANNELS.labels[channel].zh}：${purpose}`,
        outcome: r.pick(OUTCOMES),
        next_step: r.chance(0.3) ? '下月回访' : null,
        recorded_by: c.ownerId,
      });
    }
  }

  const plans: {
    plan: {
      customer_id: number;
      owner_id: number;
      status: string;
      starts_at: string;
      duration_minutes: number;
      channel: string;
      place: string;
      contact_ids_json: string;
      participants_json: string;
      timing_rationale: string;
      entry_point: string;
      agenda: string;
      products_json: string;
      offer: string | null;
      submitted_at: string | null;
      summary: string | null;
      needs_found_mask: number | null;
      completed_at: string | null;
    };
    objective: Omit<Objective, 'target'> & {
      target: number;
      dueOn: string;
      outcome: string | null;
      actual: number | null;
      unit: string;
      needTag: NeedTag;
    };
    memo: { title: string; dueOn: string }[];
  }[] = [];
  const tasks: { owner_id: number; title: string; due_on: string; customer_id: number }[] = [];
  const byOwner = new Map<number, ActivityCustomer[]>();
  for (const c of opts.customers) byOwner.set(c.ownerId, [...(byOwner.get(c.ownerId) ?? []), c]);
  for (const [ownerId, portfolio] of byOwner) {
    const chosen = r.sample(portfolio, 7);
    chosen.forEach((c, i) => {
      const kind = i < 2 ? 'completed' : i < 6 ? 'planned' : 'draft';
      const startDay = kind === 'completed' ? -r.int(3, 20) : i === 2 ? 0 : r.int(1, 12);
      // 09:30 to 16:30 bank time (UTC+8) on that day.
      const start = Date.parse(`${day(startDay)}T00:00:00+08:00`) + (9.5 + r.int(0, 7)) * 3_600_000;
      const o = objectiveFor(c, r);
      const unit = o.metric.includes('人数') || o.metric.includes('笔数') ? 'count' : 'yuan';
      const outcome = kind === 'completed' ? r.pick(['met', 'partly', 'not_met'] as const) : null;
      plans.push({
        plan: {
          customer_id: c.id,
          owner_id: ownerId,
          status: kind,
          starts_at: at(start),
          duration_minutes: 60,
          channel: 'visit',
          place: '客户办公室',
          contact_ids_json: JSON.stringify(c.contactIds.slice(0, 1)),
          participants_json: JSON.stringify(
            o.product === 'fx_settlement' ? [{ name: '国际业务部产品经理', department: '国际业务部' }] : [],
          ),
          timing_rationale: '年末资金安排期',
          entry_point: '从客户当前的结算和资金需求谈起',
          agenda: `1. 了解客户经营近况\n2. 介绍${o.what}方案\n3. 约定下一步`,
          products_json: JSON.stringify([o.product]),
          offer: null,
          submitted_at: kind === 'draft' ? null : at(start - 3 * DAY),
          summary: kind === 'completed' ? '拜访顺利，客户对方案有兴趣，需进一步测算' : null,
          needs_found_mask: kind === 'completed' ? 0 : null,
          completed_at: kind === 'completed' ? at(start + 4 * 3_600_000) : null,
        },
        objective: {
          ...o,
          unit,
          needTag: PRODUCT_NEED[o.product],
          dueOn: bankDate(new Date(start + 30 * DAY)),
          outcome,
          actual: outcome === 'met' ? o.target : outcome === 'partly' ? Math.round(o.target / 2) : null,
        },
        memo:
          kind === 'completed'
            ? [
                { title: '寄送产品方案和报价', dueOn: day(i === 0 ? -1 : 2) },
                { title: '回访确认客户意向', dueOn: day(i === 0 ? 0 : 7) },
              ]
            : [],
      });
    });
    for (const [title, due] of [
      ['整理客户年度授信资料', 0],
      ['提醒客户续签代发协议', -2],
      ['准备季度客户回访名单', 5],
    ] as const) {
      tasks.push({ owner_id: ownerId, title, due_on: day(due), customer_id: r.pick(portfolio).id });
    }
  }
  return { interactions, plans, tasks, stamp };
}
