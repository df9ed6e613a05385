import type { Filter } from '@kehu/common';
import { qs } from '../api.ts';

/** A download link for the server's export (CSV or Excel) of the records matching a filter. */
export function exportUrl(object: string, format: 'csv' | 'xlsx', filter?: Filter, q?: string): string {
  return `/api/objects/${object}/export${qs({ format, filter, q })}`;
}
