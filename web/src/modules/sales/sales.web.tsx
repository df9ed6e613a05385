import { lazy } from 'react';
import { lazyPage, lazyPart, type NavEntry, type WebModule } from '../../engine/extensions.ts';

const reads =
  (...names: string[]): NavEntry['visible'] =>
  ({ objects }) =>
    names.every((n) => objects.some((o) => o.name === n));

const entry = (
  path: string,
  labelKey: string,
  icon: NavEntry['icon'],
  place: Pick<NavEntry, 'group' | 'order' | 'replaces'>,
  visible = reads('opportunity'),
): NavEntry => ({ path, labelKey, icon, ...place, visible });

/** Sales (SAL-2 … SAL-5, DLR-5): board, funnel, forecast, targets and analysis pages, and the opportunity's stage tab. */
export const salesWeb: WebModule = {
  name: 'sales',
  routes: [
    lazyPage('sales/board', () => import('./board.page.tsx')),
    lazyPage('sales/funnel', () => import('./funnel.page.tsx')),
    lazyPage('sales/forecast', () => import('./forecast.page.tsx')),
    lazyPage('sales/targets', () => import('./targets.page.tsx')),
    lazyPage('sales/analysis', () => import('./analysis.page.tsx')),
  ],
  nav: [
    entry('/sales/board', 'sales.board.title', 'project', { group: 'sales', order: 20 }),
    entry(
      '/sales/targets',
      'sales.targets.title',
      'aim',
      { group: 'sales', order: 40, replaces: 'salesTarget' },
      reads('opportunity', 'salesTarget'),
    ),
    entry('/sales/funnel', 'sales.funnel.title', 'funnel-plot', { group: 'reports', order: 20 }),
    entry('/sales/forecast', 'sales.forecast.title', 'rise', { group: 'reports', order: 30 }),
    entry('/sales/analysis', 'sales.analysis.title', 'bar-chart', { group: 'reports', order: 40 }),
  ],
  // Parts of an opportunity: reached from the opportunity itself, not from the sidebar.
  hiddenObjects: ['opportunityStageChange', 'opportunityLine', 'opportunityTask', 'opportunityCompetitor'],
  recordTabs: [
    {
      object: 'opportunity',
      key: 'stage',
      labelKey: 'sales.stage.tab',
      Component: lazy(() => import('./stage.tab.tsx')),
    },
  ],
  // Loaded beside the record, so that 赢单/输单 appear with it (lazyPart).
  recordActions: [{ object: 'opportunity', key: 'close', Component: lazyPart(() => import('./close-action.tsx')) }],
};
