import { lazy } from 'react';
import { lazyPart, type RecordExtensionProps, type WebModule } from '../../engine/extensions.ts';

// Each part loads on first use: the form panel with the form, the dialog with the list.
const DuplicatesPanel = lazy(() => import('./duplicates-panel.tsx').then((m) => ({ default: m.DuplicatesPanel })));
const MergeAction = lazy(() => import('./merge-action.tsx').then((m) => ({ default: m.MergeAction })));
const MergeHistoryAction = lazyPart<RecordExtensionProps>(() =>
  import('./merge-history.tsx').then((m) => ({ default: m.MergeHistoryAction })),
);

const objects = ['customer', 'contact'];

/** Duplicate warnings while typing (CUS-5) and merging with undo (CUS-6) for customers and contacts. */
export const mergeWeb: Omit<WebModule, 'name'> = {
  formPanels: objects.map((object) => ({ object, key: 'duplicates', Component: DuplicatesPanel })),
  listActions: objects.map((object) => ({ object, key: 'merge', Component: MergeAction })),
  recordActions: objects.map((object) => ({ object, key: 'merges', Component: MergeHistoryAction })),
};
