// Tag colours of the value pages, the same wherever a code shows. Only Ant Design's presets whose
// text meets the WCAG AA contrast on their own background (gold, cyan, green, orange … do not).
import type { LifecycleStage } from '../../../shared/codes';

export const VALUE_TIER_COLORS: Record<string, string> = {
  A: 'purple',
  B: 'geekblue',
  C: 'blue',
  D: 'default',
};

export const STAGE_COLORS: Record<LifecycleStage, string> = {
  potential: 'default',
  development: 'blue',
  growth: 'geekblue',
  maturity: 'purple',
  decline: 'magenta',
  termination: 'red',
};

export const CUSTOMER_TIER_COLORS: Record<string, string> = {
  potential: 'default',
  ordinary: 'blue',
  high_end: 'purple',
};
