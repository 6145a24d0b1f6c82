import type { GlobalToken } from 'antd';

// The colours of the value tiers, the same in every chart of the value analysis: A strongest, D grey.

export const TIERS = ['A', 'B', 'C', 'D'] as const;
export type Tier = (typeof TIERS)[number];

export function tierColors(token: GlobalToken): Record<Tier, string> {
  return { A: token.geekblue7, B: token.blue5, C: token.cyan5, D: token.colorTextQuaternary };
}
