import { createBrowserRouter } from 'react-router';
import { Loading } from './loading.tsx';
import { listLoader, listRevalidates, shellLoader, shellRevalidates } from './route-loaders.ts';
import { webParts } from './web-parts.ts';

/** Every screen is its own chunk: sign-in loads only what sign-in needs (speed goal of the issue). */
const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const router = createBrowserRouter([
  { path: '/login', HydrateFallback: Loading, lazy: page(() => import('./login.page.tsx')) },
  {
    path: '/',
    HydrateFallback: Loading,
    loader: shellLoader,
    shouldRevalidate: shellRevalidates,
    lazy: page(() => import('./shell.tsx')),
    children: [
      { index: true, lazy: page(() => import('./home.page.tsx')) },
      { path: 'search', lazy: page(() => import('./search.page.tsx')) },
      {
        path: 'o/:object',
        loader: listLoader,
        shouldRevalidate: listRevalidates,
        lazy: page(() => import('../engine/pages/list.page.tsx')),
      },
      { path: 'o/:object/new', lazy: page(() => import('../engine/pages/form.page.tsx')) },
      { path: 'o/:object/recycle-bin', lazy: page(() => import('../engine/pages/recycle-bin.page.tsx')) },
      { path: 'o/:object/import', lazy: page(() => import('../engine/transfer/import.page.tsx')) },
      { path: 'o/:object/:id', lazy: page(() => import('../engine/pages/detail.page.tsx')) },
      { path: 'o/:object/:id/edit', lazy: page(() => import('../engine/pages/form.page.tsx')) },
      { path: 'admin/objects', lazy: page(() => import('../modules/admin/objects.page.tsx')) },
      { path: 'admin/objects/:object', lazy: page(() => import('../modules/admin/object-fields.page.tsx')) },
      { path: 'admin/roles', lazy: page(() => import('../modules/admin/roles.page.tsx')) },
      { path: 'admin/roles/:id', lazy: page(() => import('../modules/admin/role-grants.page.tsx')) },
      { path: 'admin/departments', lazy: page(() => import('../modules/admin/departments.page.tsx')) },
      { path: 'admin/layouts', lazy: page(() => import('../modules/admin/layouts.page.tsx')) },
      ...webParts.flatMap((m) => m.routes ?? []),
      { path: '*', lazy: page(() => import('./not-found.page.tsx')) },
    ],
  },
]);
