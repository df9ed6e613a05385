import type { QueryClient } from '@tanstack/react-query';
import { type LayoutRecord, layoutQuery, readsLayouts } from '../layouts.ts';
import { metadataQuery } from '../metadata.ts';
import { recordCountQuery, recordListQuery } from '../records.ts';
import { filterFromUrl, listFields, openingView, shownColumns } from './view-state.ts';

/**
 * Asks for what a list first shows (the first page and the capped count) as soon as the metadata is there, while the
 * page's code is still loading: the list route's loader calls it. These are the queries the page makes (same keys,
 * same view: the tab's, a linked filter, the administrator's layout), so the page finds them in flight or done.
 */
export async function prefetchList(qc: QueryClient, object: string, search: URLSearchParams): Promise<void> {
  const objects = await qc.ensureQueryData(metadataQuery);
  const meta = objects.find((o) => o.name === object);
  if (!meta) return;
  const view = openingView(meta, filterFromUrl(search.get('filter')));
  if (view.groupBy) return;
  // The search box starts empty.
  const q = '';
  const page = (layout: LayoutRecord | null | undefined) =>
    qc.ensureInfiniteQueryData(
      recordListQuery(object, {
        filter: view.filter,
        sort: view.sort,
        q,
        fields: listFields(meta, shownColumns(meta, view, layout?.fields)),
      }),
    );
  const count = qc.ensureQueryData(recordCountQuery(object, { filter: view.filter, q }, true));
  const layouts = readsLayouts(objects) ? layoutQuery(object, 'list') : undefined;
  const known = layouts && qc.getQueryData(layouts.queryKey);
  if (!layouts || known !== undefined) {
    await Promise.all([page(known), count]);
    return;
  }
  // Layouts are rare: the page is asked for as without one, beside the layout; a layout's own columns follow it.
  await Promise.all([page(undefined), count, qc.ensureQueryData(layouts).then(page)]);
}
