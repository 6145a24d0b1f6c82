// The prospect pipeline: DOMAIN §4 (the stages of developing a new customer, and the acquisition rate
// 获取率 = prospects that became customers ÷ prospects actually approached). Pure functions, no I/O.
//
// Our rules, where the text gives the stages but not the bookkeeping:
// - A prospect moves forward any number of stages at once, provided the data every stage it enters
//   or passes through needs is there (so skipping a stage never skips its evidence); it may move back
//   to any earlier stage; from any open stage it may be disqualified (with a reason), and a
//   disqualified prospect may be reopened at `sourced`. `established` is reached by a first product or
//   by the conversion into a customer; `product_followup` only from `established`.
// - Entry data: `screened` a fit score; `needs_researched` an industry that is not restricted (the
//   bank does not develop a restricted industry past screening); `assessed` the assessment (needs, wallet, risks, decision);
//   `targeted` an assessment whose decision is to pursue; `action_planned` a visit plan; `engaged` a
//   contact recorded with the prospect; `established` a first product or the conversion.
// - A prospect counts as approached once it reached `engaged` (a contact was made), and as acquired
//   once it reached `established`; the rate is null when nobody was approached.

export const PIPELINE_STAGES = [
  'sourced',
  'screened',
  'needs_researched',
  'assessed',
  'targeted',
  'action_planned',
  'engaged',
  'established',
  'product_followup',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];
export type ProspectStatus = PipelineStage | 'disqualified';

export interface StageFacts {
  fitScore: number | null;
  /** The prospect's industry is on the profile's restricted list. */
  restricted: boolean;
  assessment: {
    needs: string;
    wallet: number | null;
    risks: string;
    decision: 'pursue' | 'drop' | null;
  } | null;
  hasVisitPlan: boolean;
  hasContact: boolean;
  /** A first product opened, or the prospect converted into a customer. */
  established: boolean;
}

export interface Reason {
  zh: string;
  en: string;
}

const ENTRY: Partial<Record<PipelineStage, (f: StageFacts) => Reason | null>> = {
  screened: (f) =>
    f.fitScore === null
      ? {
          zh: '尚未按理想客户标准筛选（没有匹配度评分）',
          en: 'not screened against the ideal-customer profile (no fit score)',
        }
      : null,
  needs_researched: (f) =>
    f.restricted
      ? {
          zh: '属于限制类行业，不再深入开发（请淘汰或核实行业）',
          en: 'its industry is restricted: it is not developed further (disqualify it, or check the industry)',
        }
      : null,
  assessed: (f) =>
    !f.assessment ||
    f.assessment.needs.trim() === '' ||
    f.assessment.risks.trim() === '' ||
    f.assessment.decision === null
      ? {
          zh: '客户评估表未填写完整（需求、潜力、风险、结论）',
          en: 'the assessment is incomplete (needs, wallet, risks, decision)',
        }
      : null,
  targeted: (f) =>
    f.assessment?.decision !== 'pursue'
      ? { zh: '评估结论不是“确定为目标客户”', en: 'the assessment does not decide to pursue the prospect' }
      : null,
  action_planned: (f) => (f.hasVisitPlan ? null : { zh: '还没有相会计划', en: 'there is no visit plan yet' }),
  engaged: (f) =>
    f.hasContact ? null : { zh: '还没有与客户接触的记录', en: 'no contact with the prospect is recorded' },
  established: (f) =>
    f.established
      ? null
      : { zh: '尚未开立首个产品或转为客户', en: 'no first product yet, and not converted' },
};

export const stageIndex = (stage: PipelineStage) => PIPELINE_STAGES.indexOf(stage);

/** The stages of a prospect still being developed: before the relationship is established. */
export const OPEN_STAGES: readonly PipelineStage[] = PIPELINE_STAGES.slice(
  0,
  PIPELINE_STAGES.indexOf('established'),
);

export type MoveVerdict =
  | { ok: true }
  | { ok: false; code: 'missing_data'; stage: PipelineStage; reason: Reason }
  | { ok: false; code: 'not_allowed'; reason: Reason };

/** Whether a prospect may move from one status to another, with the reason when it may not. */
export function checkMove(from: ProspectStatus, to: ProspectStatus, facts: StageFacts): MoveVerdict {
  if (from === to)
    return { ok: false, code: 'not_allowed', reason: { zh: '已在该阶段', en: 'already at that stage' } };
  if (to === 'disqualified') {
    return from === 'established' || from === 'product_followup'
      ? {
          ok: false,
          code: 'not_allowed',
          reason: {
            zh: '已建立合作关系的客户不能再淘汰',
            en: 'an established relationship is not disqualified',
          },
        }
      : { ok: true };
  }
  if (from === 'disqualified') {
    return to === 'sourced'
      ? { ok: true }
      : {
          ok: false,
          code: 'not_allowed',
          reason: {
            zh: '已淘汰的潜在客户只能重新从“寻找”开始',
            en: 'a disqualified prospect is reopened at sourced',
          },
        };
  }
  const a = stageIndex(from);
  const b = stageIndex(to);
  if (to === 'product_followup' && from !== 'established') {
    return {
      ok: false,
      code: 'not_allowed',
      reason: {
        zh: '先确立合作关系，再跟进产品',
        en: 'products are followed up once the relationship is established',
      },
    };
  }
  if (b < a) return { ok: true };
  for (let i = a + 1; i <= b; i++) {
    const stage = PIPELINE_STAGES[i]!;
    const missing = ENTRY[stage]?.(facts) ?? null;
    if (missing) return { ok: false, code: 'missing_data', stage, reason: missing };
  }
  return { ok: true };
}

/** The furthest stage a prospect reached, from its history of statuses (oldest first). */
export function furthestStage(history: readonly ProspectStatus[]): PipelineStage | null {
  let best = -1;
  for (const s of history) if (s !== 'disqualified') best = Math.max(best, stageIndex(s));
  return best < 0 ? null : PIPELINE_STAGES[best]!;
}

export interface AcquisitionRate {
  approached: number;
  acquired: number;
  /** acquired ÷ approached; null when nobody was approached. */
  rate: number | null;
}

/** 获取率: of the prospects that reached `engaged`, the share that reached `established`. */
export function acquisitionRate(furthest: readonly (PipelineStage | null)[]): AcquisitionRate {
  let approached = 0;
  let acquired = 0;
  for (const f of furthest) {
    if (f === null || stageIndex(f) < stageIndex('engaged')) continue;
    approached += 1;
    if (stageIndex(f) >= stageIndex('established')) acquired += 1;
  }
  return { approached, acquired, rate: approached === 0 ? null : acquired / approached };
}

export interface FunnelStep {
  stage: PipelineStage;
  /** Prospects that reached this stage or a later one. */
  reached: number;
  /** reached ÷ the previous stage's reached; null for the first stage or when that one is 0. */
  conversion: number | null;
}

/** The funnel: how many prospects reached each stage, and the conversion from the stage before. */
export function funnel(furthest: readonly (PipelineStage | null)[]): FunnelStep[] {
  const reached = PIPELINE_STAGES.map(() => 0);
  for (const f of furthest) {
    if (f === null) continue;
    for (let i = 0; i <= stageIndex(f); i++) reached[i]! += 1;
  }
  return PIPELINE_STAGES.map((stage, i) => ({
    stage,
    reached: reached[i]!,
    conversion: i === 0 || reached[i - 1] === 0 ? null : reached[i]! / reached[i - 1]!,
  }));
}
