import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../app/auth';
import i18n, { LANG_KEY, type Lang } from '../i18n';

export async function applyLanguage(lang: Lang) {
  localStorage.setItem(LANG_KEY, lang);
  await i18n.changeLanguage(lang);
}

/** Switches between 中文 and English; the choice is kept per user on the server. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { user, saveLocale } = useAuth();
  const next: Lang = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      title={t('language.switch')}
      lang={next}
      onClick={async () => {
        await applyLanguage(next);
        if (user) await saveLocale(next).catch(() => undefined);
      }}
    >
      {next === 'en' ? 'English' : '中文'}
    </Button>
  );
}
