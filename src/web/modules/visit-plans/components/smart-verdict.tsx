import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SmartLetter, SmartVerdict } from '../../../../domain/smart';

const LETTERS: SmartLetter[] = ['S', 'M', 'A', 'R', 'T'];

/** The five letters of an objective's SMART check, each with its reason; the failing ones spelt out. */
export function SmartVerdictView({ verdict, compact = false }: { verdict: SmartVerdict; compact?: boolean }) {
  const { t, i18n } = useTranslation('plans');
  const reason = (letter: SmartLetter) =>
    i18n.language === 'en' ? verdict.letters[letter].reason.en : verdict.letters[letter].reason.zh;
  const failing = LETTERS.filter((l) => !verdict.letters[l].ok);
  return (
    <div role="status" aria-live="polite" data-testid="smart-verdict">
      <Space size={4} wrap>
        {LETTERS.map((letter) => {
          const ok = verdict.letters[letter].ok;
          return (
            <Tooltip key={letter} title={reason(letter)}>
              <Tag
                // Solid and dark, so the white letters meet WCAG AA contrast.
                color={ok ? '#237804' : '#a8071a'}
                icon={ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
                aria-label={`${t(`smart.${letter}`)}: ${ok ? t('smart.ok') : t('smart.fail')}`}
              >
                {letter} · {t(`smart.${letter}`)}
              </Tag>
            </Tooltip>
          );
        })}
      </Space>
      {!compact && failing.length > 0 && (
        <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
          {failing.map((letter) => (
            <li key={letter}>
              <Typography.Text type="danger">
                {letter}：{reason(letter)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
