import './app/early-requests.ts';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { initI18n } from './app/i18n.ts';
import './app/app.css';

// Chinese is built in (no wait); English strings are fetched first when the user chose English.
void initI18n().then(() => createRoot(document.getElementById('root')!).render(<App />));
