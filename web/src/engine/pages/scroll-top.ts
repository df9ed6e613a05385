import { useLayoutEffect } from 'react';

/**
 * A record page opens at its top: the window keeps the scroll position of the page before (a long form saved at its
 * bottom), which would leave the new page scrolled into empty space. `key` names the page shown (object and id).
 */
export function useScrollTop(key: string): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: on every new page
  useLayoutEffect(() => {
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
  }, [key]);
}
