import { requestEarly, setApiLocale } from '../engine/api.ts';
import { initialLocale } from './locale.ts';

// Evaluated first (main.tsx imports it before anything else): the first requests leave before React, the router and
// the screens' code have run. Who is signed in; outside sign-in, what they may read as well.
setApiLocale(initialLocale());
requestEarly('/api/auth/me');
const path = window.location.pathname;
if (path !== '/login') {
  requestEarly('/api/metadata/objects');
  // The screen's code too (the router asks for the same modules when it gets there, and finds them loading).
  const early = [import('./shell.tsx')];
  if (path === '/') early.push(import('./home.page.tsx'));
  if (/^\/o\/[^/]+\/?$/.test(path)) early.push(import('../engine/pages/list.page.tsx'));
  for (const p of early) p.catch(() => undefined);
}
