import { createRoot } from 'react-dom/client';
import './i18n';
import { Providers } from './app/providers';
import { AppRouter } from './app/router';

createRoot(document.getElementById('root')!).render(
  <Providers>
    <AppRouter />
  </Providers>,
);
