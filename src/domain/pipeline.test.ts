import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acquisitionRate,
  checkMove,
  funnel,
  furthestStage,
  PIPELINE_STAGES,
  type PipelineStage,
  type StageFacts,
} from './pipeline';

const none: StageFacts = {
  fitScore: null,
  restricted: false,
  assessment: null,
  hasVisitPlan: false,
  hasContact: false,
  established: false,
};
const all: StageFacts = {
  fitScore: 72,
  restricted: false,
  assessment: { needs: '代发工资', wallet: 2_000_000, risks: '行业周期', decision: 'pursue' },
  hasVisitPlan: true,
  hasContact: true,
  established: true,
};

describe('pipeline moves (DOMAIN §4)', () => {
  it('needs each stage’s data to enter it, naming the first stage whose data is missing', () => {
    expect(checkMove('sourced', 'screened', none)).toMatchObject({
      ok: false,
      code: 'missing_data',
      stage: 'screened',
    });
    expect(checkMove('sourced', 'screened', { ...none, fitScore: 0 })).toEqual({ ok: true });
    // needs_researched needs nothing of its own
    expect(checkMove('screened', 'needs_researched', none)).toEqual({ ok: true });
    const partial = {
      ...all,
      assessment: { needs: '代发', wallet: null, risks: ' ', decision: 'pursue' as const },
    };
    expect(checkMove('needs_researched', 'assessed', partial)).toMatchObject({
      ok: false,
      stage: 'assessed',
    });
    const drop = { ...all, assessment: { ...all.assessment!, decision: 'drop' as const } };
    expect(checkMove('assessed', 'targeted', drop)).toMatchObject({ ok: false, stage: 'targeted' });
    expect(checkMove('targeted', 'action_planned', { ...all, hasVisitPlan: false })).toMatchObject({
      stage: 'action_planned',
    });
    expect(checkMove('action_planned', 'engaged', { ...all, hasContact: false })).toMatchObject({
      stage: 'engaged',
    });
    expect(checkMove('engaged', 'established', { ...all, established: false })).toMatchObject({
      stage: 'established',
    });
    expect(checkMove('engaged', 'established', all)).toEqual({ ok: true });
  });

  it('keeps a restricted industry from being developed past screening, but lets it be disqualified', () => {
    const restricted = { ...all, fitScore: 0, restricted: true };
    expect(checkMove('sourced', 'screened', restricted)).toEqual({ ok: true });
    expect(checkMove('screened', 'needs_researched', restricted)).toMatchObject({
      ok: false,
      code: 'missing_data',
      stage: 'needs_researched',
    });
    expect(checkMove('sourced', 'engaged', restricted)).toMatchObject({ stage: 'needs_researched' });
    expect(checkMove('screened', 'disqualified', restricted)).toEqual({ ok: true });
  });

  it('lets a prospect skip stages only with the data of every stage it passes, and always move back', () => {
    expect(checkMove('sourced', 'targeted', { ...all, fitScore: null })).toMatchObject({
      ok: false,
      stage: 'screened',
    });
    expect(checkMove('sourced', 'established', all)).toEqual({ ok: true });
    expect(checkMove('engaged', 'sourced', none)).toEqual({ ok: true });
  });

  it('disqualifies open prospects, reopens them at sourced only, and follows up products after establishing', () => {
    expect(checkMove('assessed', 'disqualified', none)).toEqual({ ok: true });
    expect(checkMove('established', 'disqualified', none)).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(checkMove('disqualified', 'sourced', none)).toEqual({ ok: true });
    expect(checkMove('disqualified', 'screened', all)).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(checkMove('engaged', 'product_followup', all)).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(checkMove('established', 'product_followup', none)).toEqual({ ok: true });
    expect(checkMove('screened', 'screened', all)).toMatchObject({ ok: false });
  });

  it('explains every refusal in both languages', () => {
    for (const from of PIPELINE_STAGES) {
      for (const to of [...PIPELINE_STAGES, 'disqualified' as const]) {
        const v = checkMove(from, to, none);
        if (!v.ok) expect(v.reason.zh.length * v.reason.en.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('furthest stage, acquisition rate 获取率 and funnel', () => {
  it('takes the furthest stage a prospect reached, whatever came after', () => {
    expect(furthestStage(['sourced', 'screened', 'assessed', 'disqualified'])).toBe('assessed');
    expect(furthestStage(['sourced', 'engaged', 'targeted'])).toBe('engaged');
    expect(furthestStage([])).toBeNull();
  });

  it('divides the acquired by the approached, with engaged and established as the boundaries', () => {
    expect(
      acquisitionRate(['targeted', 'action_planned', 'engaged', 'established', 'product_followup', null]),
    ).toEqual({
      approached: 3,
      acquired: 2,
      rate: 2 / 3,
    });
    expect(acquisitionRate(['sourced', 'action_planned'])).toEqual({
      approached: 0,
      acquired: 0,
      rate: null,
    });
    expect(acquisitionRate(['engaged'])).toEqual({ approached: 1, acquired: 0, rate: 0 });
    expect(acquisitionRate(['established'])).toEqual({ approached: 1, acquired: 1, rate: 1 });
  });

  it('counts each prospect at every stage up to its furthest, with the conversion from the stage before', () => {
    const steps = funnel(['sourced', 'screened', 'screened', 'assessed', null]);
    expect(steps.slice(0, 5).map((s) => [s.stage, s.reached, s.conversion])).toEqual([
      ['sourced', 4, null],
      ['screened', 3, 0.75],
      ['needs_researched', 1, 1 / 3],
      ['assessed', 1, 1],
      ['targeted', 0, 0],
    ]);
    expect(steps[5]).toEqual({ stage: 'action_planned', reached: 0, conversion: null });
  });

  it('never lets a later stage hold more prospects than an earlier one, and the rate stays within 0 and 1', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom<PipelineStage>(...PIPELINE_STAGES))), (furthest) => {
        const steps = funnel(furthest);
        for (let i = 1; i < steps.length; i++)
          expect(steps[i]!.reached).toBeLessThanOrEqual(steps[i - 1]!.reached);
        const { rate, acquired, approached } = acquisitionRate(furthest);
        expect(acquired).toBeLessThanOrEqual(approached);
        if (rate !== null) expect(rate >= 0 && rate <= 1).toBe(true);
      }),
    );
  });
});
