import { requestEarly, setApiLocale } from '../engine/api.ts';
import { initialLocale } from './locale.ts';

// Evaluated first (main.tsx imports it before anything else): the first requests leave before React, the router and
// the screens' code have run. Who is signed in; outside sign-in, what they may read as well.
setApiLocale(initialLocale());
requestEarly('/api/auth/me');
if (window.location.pathname !== '/login') requestEarly('/api/metadata/objects');
