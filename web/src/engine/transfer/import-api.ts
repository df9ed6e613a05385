import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';

export interface Preview {
  format: string;
  headers: string[];
  rows: string[][];
  suggestedMapping: Record<string, string>;
  fields: Array<{ name: string; type: string; label: string; required: boolean }>;
  matchable: string[];
  /** Ways to recognise a record that the object's module declares (e.g. credit code or name). */
  matchers: Array<{ name: string; label: string }>;
}

export interface ImportOptions {
  mapping: Record<string, string | null>;
  dryRun: boolean;
  duplicates?: { matchOn: string; policy: 'skip' | 'update' | 'create' };
  mode: 'all' | 'validRows';
}

export interface ImportJob {
  id: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  dryRun: boolean;
  committed: boolean;
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  errors: Array<{ row: number; column?: string; field?: string; code: string; message: string }>;
  message: string | null;
}

export async function previewImport(object: string, file: File): Promise<Preview> {
  const form = new FormData();
  form.append('file', file);
  return (await api.upload<{ data: Preview }>(`/api/objects/${object}/import/preview`, form)).data;
}

export async function startImport(object: string, file: File, options: ImportOptions): Promise<number> {
  const form = new FormData();
  // Options first: the server reads fields in order and the file is streamed.
  form.append('options', JSON.stringify(options));
  form.append('file', file);
  return (await api.upload<{ data: { id: number } }>(`/api/objects/${object}/import`, form)).data.id;
}

/** Polls a job until it is done or failed. */
export function useImportJob(id: number | undefined) {
  return useQuery({
    queryKey: ['import', id],
    enabled: id !== undefined,
    queryFn: () => api.get<{ data: ImportJob }>(`/api/imports/${id}`).then((r) => r.data),
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 700,
  });
}
