import { Flex, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export const SCORES = [1, 2, 3, 4, 5, 6, 7] as const;

interface ScoreScaleProps {
  /** Filled in by Form.Item. */
  value?: number;
  onChange?: (value: number) => void;
  id?: string;
  /** What is scored, for screen readers: "期望：网点等候时间". */
  label: string;
  /** Large buttons filling the width, for a phone. */
  large?: boolean;
  disabled?: boolean;
  /** The words under the ends of the scale (1 很低 … 7 很高). */
  showEnds?: boolean;
}

/**
 * One score on the survey's 1–7 scale: seven radio buttons in a labelled radio group (arrow keys
 * move between them); each button reads as its number and meaning, "1 很低" … "7 很高".
 */
export function ScoreScale({ value, onChange, id, label, large, disabled, showEnds }: ScoreScaleProps) {
  const { t } = useTranslation('surveys');
  return (
    <Flex vertical gap={2} style={{ width: large ? '100%' : undefined }}>
      <Radio.Group
        id={id}
        aria-label={label}
        value={value}
        disabled={disabled}
        optionType="button"
        buttonStyle="solid"
        size={large ? 'large' : 'middle'}
        block={large}
        onChange={(e) => onChange?.(e.target.value as number)}
      >
        {SCORES.map((n) => (
          <Radio.Button
            key={n}
            value={n}
            aria-label={`${n} ${t(`scale.s${n}`)}`}
            title={`${n} ${t(`scale.s${n}`)}`}
          >
            {n}
          </Radio.Button>
        ))}
      </Radio.Group>
      {showEnds && (
        <Flex justify="space-between" aria-hidden>
          <Typography.Text type="secondary">{`1 ${t('scale.s1')}`}</Typography.Text>
          <Typography.Text type="secondary">{`7 ${t('scale.s7')}`}</Typography.Text>
        </Flex>
      )}
    </Flex>
  );
}
