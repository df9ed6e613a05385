import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { initI18n } from './app/i18n.ts';
import './app/app.css';

initI18n();
createRoot(document.getElementById('root')!).render(<App />);
