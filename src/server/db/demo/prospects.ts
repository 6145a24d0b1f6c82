import { DEFAULT_PROFILE, fitScore } from '../../../domain/ideal-customer';
import { makeUscc } from '../../../domain/identity-numbers';
import { normalizeForSearch } from '../../../domain/name-search';
import { PIPELINE_STAGES, type PipelineStage } from '../../../domain/pipeline';
import { DISQUALIFY_REASONS, type ProspectSource } from '../../../shared/codes';
import { bankDate } from '../../../shared/schemas/common';
import type { ProspectTable } from '../database';
import { createRandom } from './random';
import { COMPANY_FORMS, INDUSTRY_WORDS, REGIONS, TRADE_FIRST_CHARS, TRADE_SECOND_CHARS } from './vocabulary';

// The demo bank's new-customer development (issue #6, DOMAIN §4): for every RM two dozen prospects
// found over the last year from every source, each as far down the pipeline as the funnel takes it,
// with its dated stage history, assessment, visit plan and first contact, referrals between
// customers, prospects, contact persons and key persons, and a few converted into the RM's newest
// customers, so the kanban board, the funnel, the acquisition rate and the network have a story.

const DAY = 86_400_000;
const PER_RM = 24;

/** Share of prospects that go on from each stage to the next (sourced → screened …). */
const GO_ON: Record<PipelineStage, number> = {
  sourced: 0.85,
  screened: 0.85,
  needs_researched: 0.85,
  assessed: 0.8,
  targeted: 0.85,
  action_planned: 0.85,
  engaged: 0.45,
  established: 0.4,
  product_followup: 0,
};

const SOURCES: readonly (readonly [ProspectSource, number])[] = [
  ['chain_referral', 26],
  ['key_person', 14],
  ['canvassing', 16],
  ['web', 12],
  ['advertising', 8],
  ['directory', 6],
  ['industry_press', 8],
  ['market_research', 10],
];

const KEY_PERSONS = [
  '王会长（浦东商会）',
  '陈秘书长（苏州工业园区企业协会）',
  '刘主任（张江科技园招商中心）',
  '赵律师（锦天城律所）',
];
const NEEDS = ['基本结算、代发工资', '流动资金贷款与票据贴现', '出口收汇与结售汇', '现金管理与理财'];
const RISKS = ['下游客户集中度高', '应收账款周期偏长', '行业价格波动', '实际控制人对外担保较多'];
const EXTRA_INDUSTRIES = [
  ['精密机械', 'C34'],
  ['电子科技', 'C39'],
  ['软件', 'I65'],
  ['生物医药', 'C27'],
  ['检测技术', 'M74'],
  ['钢铁', 'C31'],
] as const;

export interface PipelineCustomer {
  id: number;
  ownerId: number;
  name: string;
  kind: string;
  lifecycleStage: string;
  region: { code: string; name: string } | null;
  idNumber: string;
  contactIds: number[];
}

export interface DemoProspect {
  row: Omit<ProspectTable, 'id' | 'fit_restricted'> & { fit_restricted: number };
  /** Index into the generated list of the prospect that introduced this one. */
  referrerIndex: number | null;
  history: { from_status: string | null; to_status: string; reason: string | null; changed_at: string }[];
  /** A visit plan (completed once engaged), and the contact made, at these times. */
  planAt: string | null;
  contactAt: string | null;
}

export function generatePipeline(opts: {
  seed: number;
  now: Date;
  ownerIds: readonly number[];
  customers: readonly PipelineCustomer[];
}): DemoProspect[] {
  const r = createRandom(opts.seed, 'prospects');
  const now = opts.now.getTime();
  const taken = new Set(opts.customers.map((c) => c.name));
  const out: DemoProspect[] = [];
  let seq = 0;
  for (const ownerId of opts.ownerIds) {
    const portfolio = opts.customers.filter((c) => c.ownerId === ownerId);
    // The RM's newest customers are the ones this year's pipeline brought in.
    const convertible = portfolio.filter((c) => c.kind === 'corporate' && c.lifecycleStage === 'development');
    const mine: number[] = [];
    for (let i = 0; i < PER_RM; i++) {
      seq += 1;
      const region = r.weighted(REGIONS.map((g) => [g, g.weight] as const));
      const [word, industry] = r.chance(0.6)
        ? (() => {
            const w = r.weighted(INDUSTRY_WORDS.map((x) => [x, x.weight] as const));
            return [w.word, w.industry] as const;
          })()
        : r.pick(EXTRA_INDUSTRIES);
      let name = '';
      do
        name = `${region.city}${r.pick(TRADE_FIRST_CHARS)}${r.pick(TRADE_SECOND_CHARS)}${word}${COMPANY_FORMS.limited}`;
      while (taken.has(name));
      taken.add(name);

      // How far it went.
      let furthest: PipelineStage = 'sourced';
      while (furthest !== 'product_followup' && r.chance(GO_ON[furthest])) {
        const next: PipelineStage = PIPELINE_STAGES[PIPELINE_STAGES.indexOf(furthest) + 1]!;
        if (next === 'established' && convertible.length === 0) break;
        furthest = next;
      }
      if (industry === 'C31' && PIPELINE_STAGES.indexOf(furthest) > 1) furthest = 'screened';
      const reached = PIPELINE_STAGES.indexOf(furthest);
      const disqualified =
        reached < PIPELINE_STAGES.indexOf('established') && r.chance(reached <= 1 ? 0.3 : 0.25);

      const createdAt = now - r.int(10, 360) * DAY - r.int(0, 8) * 3_600_000;
      const history: DemoProspect['history'] = [
        {
          from_status: null,
          to_status: 'sourced',
          reason: null,
          changed_at: new Date(createdAt).toISOString(),
        },
      ];
      let t = createdAt;
      let status: string = 'sourced';
      const stepTo = (to: string, reason: string | null = null) => {
        const next = Math.min(now - DAY, t + r.int(2, 35) * DAY);
        t = Math.max(t + 3_600_000, next);
        history.push({ from_status: status, to_status: to, reason, changed_at: new Date(t).toISOString() });
        status = to;
      };
      for (let s = 1; s <= reached; s++) stepTo(PIPELINE_STAGES[s]!);
      if (disqualified) {
        stepTo(
          'disqualified',
          industry === 'C31'
            ? 'restricted_industry'
            : r.pick(
                DISQUALIFY_REASONS.codes.filter((c) => c !== 'duplicate' && c !== 'restricted_industry'),
              ),
        );
      }

      const source = r.weighted(SOURCES);
      let referrer: Pick<
        ProspectTable,
        | 'referrer_kind'
        | 'referrer_customer_id'
        | 'referrer_contact_id'
        | 'referrer_prospect_id'
        | 'referrer_name'
      > = {
        referrer_kind: null,
        referrer_customer_id: null,
        referrer_contact_id: null,
        referrer_prospect_id: null,
        referrer_name: null,
      };
      let referrerIndex: number | null = null;
      if (source === 'chain_referral' && portfolio.length > 0) {
        // Chains: a good share are introduced by an earlier prospect of the RM.
        if (mine.length > 0 && r.chance(0.3)) {
          referrerIndex = r.pick(mine);
          referrer = { ...referrer, referrer_kind: 'prospect', referrer_name: out[referrerIndex]!.row.name };
        } else {
          const c = r.pick(portfolio.slice(0, 12));
          referrer = {
            ...referrer,
            referrer_kind: 'customer',
            referrer_customer_id: c.id,
            referrer_name: c.name,
          };
        }
      } else if (source === 'key_person') {
        const withContacts = portfolio.filter((c) => c.contactIds.length > 0);
        if (withContacts.length > 0 && r.chance(0.4)) {
          const c = r.pick(withContacts.slice(0, 8));
          referrer = {
            ...referrer,
            referrer_kind: 'contact',
            referrer_contact_id: c.contactIds[0]!,
            referrer_name: null,
          };
        } else {
          referrer = { ...referrer, referrer_kind: 'person', referrer_name: r.pick(KEY_PERSONS) };
        }
      }
      const referred = referrer.referrer_kind !== null;

      const established = reached >= PIPELINE_STAGES.indexOf('established');
      const customer = established ? convertible.splice(r.int(0, convertible.length - 1), 1)[0]! : null;
      // A converted prospect was the customer it became: same name and place.
      const place = customer?.region ?? region;
      const facts = {
        kind: 'corporate',
        industry,
        region_code: place.code,
        size: r.weighted([
          ['large', 1],
          ['medium', 4],
          ['small', 4],
          ['micro', 1],
        ] as const),
        annual_revenue: Math.round(r.logNormal(Math.log(25_000_000), 0.9)) * 100,
        financial_assets: null,
        established_on: bankDate(new Date(createdAt - r.int(1, 20) * 365 * DAY)),
        credit_grade: r.weighted([
          ['AA', 2],
          ['A', 4],
          ['BBB', 4],
          ['BB', 2],
          ['B', 1],
        ] as const),
        cooperation: r.weighted([
          ['none', 2],
          ['other_banks', 7],
          ['ours', 1],
        ] as const),
      };
      const fit = fitScore(
        DEFAULT_PROFILE,
        {
          ...facts,
          kind: 'corporate',
          regionCode: place.code,
          annualRevenue: facts.annual_revenue / 100,
          establishedOn: facts.established_on,
          creditGrade: facts.credit_grade,
        },
        bankDate(opts.now),
      );
      const assessed = reached >= PIPELINE_STAGES.indexOf('assessed');
      const assessedAt = history.find((h) => h.to_status === 'assessed')?.changed_at ?? null;
      const planAt = history.find((h) => h.to_status === 'action_planned')?.changed_at ?? null;
      const contactAt = history.find((h) => h.to_status === 'engaged')?.changed_at ?? null;
      const stamp = history.at(-1)!.changed_at;
      out.push({
        row: {
          code: `P${String(seq).padStart(9, '0')}`,
          name: customer?.name ?? name,
          search_name: normalizeForSearch(customer?.name ?? name),
          id_number:
            customer?.idNumber ??
            (r.chance(0.6) ? makeUscc(5_000_000 + seq, { regionCode: place.code }) : null),
          region_name: place.name,
          ...facts,
          contact_name: r.chance(0.7) ? `${r.pick([...'王李张刘陈杨黄赵吴周'])}总` : null,
          contact_title: r.chance(0.5) ? '财务总监' : '总经理',
          phone: null,
          email: null,
          source,
          source_note: referred
            ? null
            : source === 'web'
              ? '官网留言咨询'
              : source === 'industry_press'
                ? '《上海经济》行业榜单'
                : null,
          ...referrer,
          notes: null,
          owner_id: ownerId,
          status,
          stage_entered_at: stamp,
          disqualify_reason: history.at(-1)!.reason,
          fit_score: fit.score,
          fit_restricted: fit.restricted ? 1 : 0,
          fit_json: JSON.stringify({ terms: fit.terms, missing: fit.missing }),
          fit_profile_version: 0,
          assessment_needs: assessed ? r.pick(NEEDS) : null,
          assessment_wallet: assessed ? r.int(5, 200) * 10_000 * 100 : null,
          assessment_risks: assessed ? r.pick(RISKS) : null,
          assessment_decision: assessed
            ? reached >= PIPELINE_STAGES.indexOf('targeted')
              ? 'pursue'
              : 'drop'
            : null,
          assessed_by: assessed ? ownerId : null,
          assessed_at: assessedAt,
          customer_id: customer?.id ?? null,
          converted_at: established
            ? (history.find((h) => h.to_status === 'established')?.changed_at ?? null)
            : null,
          merged_into_kind: null,
          merged_into_id: null,
          created_by: ownerId,
          version: history.length,
          created_at: history[0]!.changed_at,
          updated_at: stamp,
        },
        referrerIndex,
        history,
        planAt,
        contactAt,
      });
      mine.push(out.length - 1);
    }
  }
  return out;
}
