import type { GlobalToken } from 'antd';
import type { LifecycleStage } from '../../../shared/codes';

// The colours of the lifecycle stages, the same in the distribution and the transitions.

export function stageColors(token: GlobalToken): Record<LifecycleStage, string> {
  return {
    potential: token.purple4,
    development: token.cyan5,
    growth: token.green6,
    maturity: token.blue6,
    decline: token.orange6,
    termination: token.colorTextQuaternary,
  };
}
