import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from 'antd/es/locale';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { AuthProvider } from './auth';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function Localized({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  // Chinese ships with the first page; the English locale of Ant Design loads when someone asks for it.
  const [enUS, setEnUS] = useState<Locale | null>(null);
  useEffect(() => {
    if (en && !enUS) void import('antd/locale/en_US').then((m) => setEnUS(m.default));
  }, [en, enUS]);
  dayjs.locale(en ? 'en' : 'zh-cn');
  document.documentElement.lang = en ? 'en' : 'zh-CN';
  return (
    <ConfigProvider
      locale={en && enUS ? enUS : zhCN}
      theme={{
        token: {
          colorPrimary: '#b8232f',
          borderRadius: 4,
          // Secondary text, descriptions and links dark enough for WCAG AA contrast (4.5:1) on white.
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.56)',
          colorTextDescription: 'rgba(0, 0, 0, 0.56)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
          colorLink: '#0958d9',
          colorError: '#cf1322',
          colorInfo: '#0958d9',
          colorSuccess: '#237804',
          colorWarning: '#ad4e00',
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Localized>
        <AuthProvider>{children}</AuthProvider>
      </Localized>
    </QueryClientProvider>
  );
}
