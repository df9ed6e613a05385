import type { LoaderFunctionArgs, ShouldRevalidateFunctionArgs } from 'react-router';
import { prefetchList } from '../engine/list/prefetch.ts';
import { metadataQuery } from '../engine/metadata.ts';
import { meQuery } from './auth.tsx';
import { queryClient } from './query-client.ts';

/*
 * Route loaders that only start requests and return at once, so they never hold a screen up: a screen's data is
 * asked for while its code loads, instead of after that code has loaded and rendered.
 */

/** The signed-in frame: who is signed in and what they may read, side by side (signed out: two 401s, sign-in). */
export function shellLoader() {
  void queryClient.prefetchQuery(meQuery);
  void queryClient.prefetchQuery(metadataQuery);
  return null;
}

/** A list: its first page and count as soon as the metadata and the session (its CSRF token) are there. */
export function listLoader({ params, request }: LoaderFunctionArgs) {
  const object = params.object;
  const search = new URL(request.url).searchParams;
  if (object)
    void queryClient
      .ensureQueryData(meQuery)
      .then((me) => me && prefetchList(queryClient, object, search))
      .catch(() => undefined);
  return null;
}

/** The frame's requests are started once; a list's again only for another object. */
export const shellRevalidates = () => false;
export const listRevalidates = ({ currentParams, nextParams }: ShouldRevalidateFunctionArgs) =>
  currentParams.object !== nextParams.object;
