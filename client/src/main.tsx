// Global styles first so component styles (imported by the components) come after them in the bundle.
import './app/global.css';
import './ui/ui.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { restoreSession } from './features/auth/session.store';
import { initI18n } from './lib/i18n';

initI18n();
void restoreSession();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
