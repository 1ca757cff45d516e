import { App as AntApp, ConfigProvider } from 'antd';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { CityProvider } from './app/city.tsx';
import { AppRoutes } from './app/routes.tsx';
import { SessionProvider } from './app/session.tsx';
import { antdLocales, I18nProvider, useI18n } from './i18n/index.tsx';
import './styles.css';

function Themed() {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={antdLocales[lang]}
      theme={{ token: { colorPrimary: '#1f4e8c', borderRadius: 4 } }}
    >
      <AntApp>
        <SessionProvider>
          <CityProvider>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </CityProvider>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </StrictMode>,
  );
