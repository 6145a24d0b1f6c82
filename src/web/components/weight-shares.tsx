import { Flex, Form, Progress, Typography, theme } from 'antd';
import type { ReactNode } from 'react';

// The share each weight of a form's `weights` field takes of their sum, live as the user types: the
// ideal-customer profile's criteria and the customer-value model's terms are weighed this way.

interface WeightSharesProps<K extends string> {
  keys: readonly K[];
  labelOf: (key: K) => string;
  /** Names the live region for screen readers. */
  label: string;
  /** Shown under the bars, given the sum of the weights. */
  footer: (total: number) => ReactNode;
  labelWidth?: number;
}

export function WeightShares<K extends string>({
  keys,
  labelOf,
  label,
  footer,
  labelWidth = 120,
}: WeightSharesProps<K>) {
  const { token } = theme.useToken();
  const weights = (Form.useWatch('weights') ?? {}) as Partial<Record<K, number | null>>;
  const total = keys.reduce((sum, k) => sum + (Number(weights[k]) || 0), 0);
  return (
    <div role="status" aria-live="polite" aria-label={label}>
      {keys.map((k) => {
        const share = total > 0 ? ((Number(weights[k]) || 0) / total) * 100 : 0;
        return (
          <Flex key={k} align="center" gap={8} style={{ marginBottom: 6 }}>
            <Typography.Text style={{ width: labelWidth, flex: '0 0 auto' }}>{labelOf(k)}</Typography.Text>
            <Progress
              percent={share}
              showInfo={false}
              strokeColor={token.colorPrimary}
              style={{ flex: 1, margin: 0 }}
              aria-hidden
            />
            <Typography.Text style={{ width: 56, textAlign: 'right', flex: '0 0 auto' }}>
              {share.toFixed(1)}%
            </Typography.Text>
          </Flex>
        );
      })}
      {footer(total)}
    </div>
  );
}
