import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acquisitionRate, funnel, PIPELINE_STAGES, type PipelineStage } from './pipeline';
import {
  acquisitionBy,
  acquisitionByCounts,
  acquisitionRateOf,
  daysToEstablish,
  type FurthestCount,
  funnelOf,
  median,
  monthsBetween,
  type SourceProspect,
  type StatusChange,
  sourceEffectiveness,
  sourceEffectivenessOf,
  stageDays,
  timeInStage,
  timeInStageOf,
  WAITING_STAGES,
} from './pipeline-analytics';

const day = (n: number, hours = 0) => new Date(Date.UTC(2026, 0, 1 + n, hours)).toISOString();
const h = (...steps: [ProspectStatusLike, number][]): StatusChange[] =>
  steps.map(([status, n]) => ({ status, at: day(n) }));
type ProspectStatusLike = StatusChange['status'];

describe('median', () => {
  it('is the middle value, the mean of the two middle ones for an even count, null for none', () => {
    expect(median([])).toBeNull();
    expect(median([4])).toBe(4);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });
});

describe('time in stage (DOMAIN §4)', () => {
  it('runs each stay to the next change, and the open last stay to asOf', () => {
    expect(stageDays(h(['sourced', 0], ['screened', 3], ['needs_researched', 10]), day(12))).toEqual({
      sourced: 3,
      screened: 7,
      needs_researched: 2,
    });
  });

  it('counts fractions of a day, and a stay of no time as 0', () => {
    const history = [
      { status: 'sourced' as const, at: day(0) },
      { status: 'screened' as const, at: day(0, 12) },
      { status: 'needs_researched' as const, at: day(0, 12) },
    ];
    expect(stageDays(history, day(1))).toEqual({ sourced: 0.5, screened: 0, needs_researched: 0.5 });
  });

  it('sums two stays in the same stage of one prospect (moved back), and never counts below 0', () => {
    expect(stageDays(h(['sourced', 0], ['screened', 2], ['sourced', 5], ['screened', 6]), day(10))).toEqual({
      sourced: 3,
      screened: 7,
    });
    // asOf before the last change: a clock set back counts nothing, not negative days
    expect(stageDays(h(['sourced', 5]), day(4))).toEqual({ sourced: 0 });
  });

  it('does not measure established, product follow-up or disqualified: they are not waiting stages', () => {
    expect(
      stageDays(h(['sourced', 0], ['engaged', 1], ['established', 4], ['product_followup', 6]), day(30)),
    ).toEqual({ sourced: 1, engaged: 3 });
    expect(stageDays(h(['sourced', 0], ['disqualified', 2], ['sourced', 9]), day(10))).toEqual({
      sourced: 3,
    });
    expect(WAITING_STAGES).toEqual([
      'sourced',
      'screened',
      'needs_researched',
      'assessed',
      'targeted',
      'action_planned',
      'engaged',
    ]);
  });

  it('gives every waiting stage with its prospects, median and mean days, rounded to one decimal', () => {
    const result = timeInStage(
      [
        h(['sourced', 0], ['screened', 2]), // sourced 2, screened open 8
        h(['sourced', 0], ['screened', 4], ['disqualified', 5]), // sourced 4, screened 1
        h(['sourced', 0], ['screened', 9]), // sourced 9, screened 1
        [
          { status: 'sourced', at: day(0) },
          { status: 'screened', at: day(0, 8) }, // sourced 1/3 day
        ],
      ],
      day(10),
    );
    expect(result).toHaveLength(WAITING_STAGES.length);
    expect(result[0]).toEqual({ stage: 'sourced', prospects: 4, medianDays: 3, meanDays: 3.8 });
    // screened: 8, 1, 1, 9.67 → median 4.5, mean 4.9
    expect(result[1]).toEqual({ stage: 'screened', prospects: 4, medianDays: 4.5, meanDays: 4.9 });
    expect(result[2]).toEqual({ stage: 'needs_researched', prospects: 0, medianDays: null, meanDays: null });
  });

  it('is empty figures for no prospects', () => {
    expect(timeInStage([], day(0)).every((s) => s.prospects === 0 && s.medianDays === null)).toBe(true);
  });
});

describe('days to establish', () => {
  it('runs from the creation to the first entry into established', () => {
    expect(
      daysToEstablish(h(['sourced', 0], ['engaged', 3], ['established', 12], ['product_followup', 20])),
    ).toBe(12);
    expect(daysToEstablish(h(['sourced', 0], ['engaged', 3]))).toBeNull();
    expect(daysToEstablish([])).toBeNull();
  });
});

describe('acquisition rate by group', () => {
  it('groups in order of first appearance with the prospects of each, approached or not', () => {
    const rows = [
      { owner: 1, f: 'engaged' as const },
      { owner: 2, f: 'sourced' as const },
      { owner: 1, f: 'established' as const },
      { owner: 1, f: null },
      { owner: 2, f: 'product_followup' as const },
    ];
    expect(
      acquisitionBy(
        rows,
        (r) => r.owner,
        (r) => r.f,
      ),
    ).toEqual([
      { key: 1, prospects: 3, approached: 2, acquired: 1, rate: 0.5 },
      { key: 2, prospects: 2, approached: 1, acquired: 1, rate: 1 },
    ]);
    expect(
      acquisitionBy(
        [],
        () => 0,
        () => null,
      ),
    ).toEqual([]);
  });
});

describe('months between two days', () => {
  it('lists every month, across a year end, both ends included', () => {
    expect(monthsBetween('2025-11-30', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
    expect(monthsBetween('2026-04-01', '2026-03-31')).toEqual([]);
  });
});

describe('source effectiveness (DOMAIN §4 搜寻方式)', () => {
  it('counts prospects, approached, acquired, disqualified and the median days to establish, per source', () => {
    const result = sourceEffectiveness(
      [
        { source: 'web', status: 'established', furthest: 'established', daysToEstablish: 10 },
        { source: 'web', status: 'disqualified', furthest: 'engaged', daysToEstablish: null },
        { source: 'web', status: 'product_followup', furthest: 'product_followup', daysToEstablish: 21 },
        { source: 'chain_referral', status: 'sourced', furthest: 'sourced', daysToEstablish: null },
        { source: 'advertising', status: 'disqualified', furthest: 'screened', daysToEstablish: null },
      ],
      ['chain_referral', 'key_person', 'advertising', 'web'],
    );
    expect(result).toEqual([
      {
        source: 'web',
        prospects: 3,
        approached: 3,
        acquired: 2,
        rate: 2 / 3,
        disqualified: 1,
        medianDaysToEstablish: 15.5,
      },
      // equal prospects: the code list's order
      {
        source: 'chain_referral',
        prospects: 1,
        approached: 0,
        acquired: 0,
        rate: null,
        disqualified: 0,
        medianDaysToEstablish: null,
      },
      {
        source: 'advertising',
        prospects: 1,
        approached: 0,
        acquired: 0,
        rate: null,
        disqualified: 1,
        medianDaysToEstablish: null,
      },
    ]);
  });
});

describe('figures from counts (the server counts in SQL)', () => {
  const stageArb = fc.constantFrom<PipelineStage | null>(null, ...PIPELINE_STAGES);
  const countsArb = fc.array(fc.record({ furthest: stageArb, prospects: fc.integer({ min: 0, max: 5 }) }), {
    maxLength: 12,
  });
  const expand = (counts: readonly FurthestCount[]) =>
    counts.flatMap((c) => Array.from({ length: c.prospects }, () => c.furthest));

  it('gives the funnel and the acquisition rate of the prospects counted', () => {
    fc.assert(
      fc.property(countsArb, (counts) => {
        expect(funnelOf(counts)).toEqual(funnel(expand(counts)));
        expect(acquisitionRateOf(counts)).toEqual({
          prospects: expand(counts).length,
          ...acquisitionRate(expand(counts)),
        });
      }),
    );
  });

  it('groups counted prospects as acquisitionBy groups the prospects, in order of first appearance', () => {
    const rowsArb = fc.array(
      fc.record({
        key: fc.constantFrom('a', 'b', 'c'),
        furthest: stageArb,
        prospects: fc.integer({ min: 1, max: 4 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const prospects = rows.flatMap((r) => Array.from({ length: r.prospects }, () => r));
        expect(acquisitionByCounts(rows)).toEqual(
          acquisitionBy(
            prospects,
            (p) => p.key,
            (p) => p.furthest,
          ),
        );
      }),
    );
  });

  it('rounds the time in stage as timeInStage does, and leaves an unvisited stage empty', () => {
    const result = timeInStageOf(
      new Map([
        ['sourced', { prospects: 4, totalDays: 15.2, medianDays: 3.04 }],
        ['engaged', { prospects: 2, totalDays: 1, medianDays: 0.5 }],
      ]),
    );
    expect(result.map((s) => s.stage)).toEqual(WAITING_STAGES);
    expect(result[0]).toEqual({ stage: 'sourced', prospects: 4, medianDays: 3, meanDays: 3.8 });
    expect(result[1]).toEqual({ stage: 'screened', prospects: 0, medianDays: null, meanDays: null });
    expect(result[6]).toEqual({ stage: 'engaged', prospects: 2, medianDays: 0.5, meanDays: 0.5 });
  });

  it('gives the effectiveness of each source from its counts as sourceEffectiveness does from its prospects', () => {
    const prospects: SourceProspect[] = [
      { source: 'web', status: 'established', furthest: 'established', daysToEstablish: 10 },
      { source: 'web', status: 'disqualified', furthest: 'engaged', daysToEstablish: null },
      { source: 'web', status: 'product_followup', furthest: 'product_followup', daysToEstablish: 21 },
      { source: 'advertising', status: 'disqualified', furthest: null, daysToEstablish: null },
    ];
    const order = ['advertising', 'web'];
    expect(
      sourceEffectivenessOf(
        [
          {
            source: 'advertising',
            counts: [{ furthest: null, prospects: 1 }],
            disqualified: 1,
            medianDaysToEstablish: null,
          },
          {
            source: 'web',
            counts: [
              { furthest: 'established', prospects: 1 },
              { furthest: 'engaged', prospects: 1 },
              { furthest: 'product_followup', prospects: 1 },
            ],
            disqualified: 1,
            medianDaysToEstablish: 15.5,
          },
        ],
        order,
      ),
    ).toEqual(sourceEffectiveness(prospects, order));
  });
});
