import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../api.ts';

export type DuplicatePolicy = 'skip' | 'update' | 'create';
export type ValueMapping = Record<string, Record<string, string | null>>;

export interface Preview {
  format: string;
  headers: string[];
  rows: string[][];
  suggestedMapping: Record<string, string>;
  fields: Array<{ name: string; type: string; label: string; required: boolean }>;
  matchable: string[];
  /** Ways to recognise a record that the object's module declares (e.g. credit code or name). */
  matchers: Array<{ name: string; label: string }>;
  /** The caller's choices of the last import with these columns. */
  saved: {
    mapping: Record<string, string | null>;
    values: ValueMapping;
    duplicates: { matchOn: string; policy: DuplicatePolicy } | null;
  } | null;
}

export interface ImportOptions {
  mapping: Record<string, string | null>;
  values?: ValueMapping;
  dryRun: boolean;
  duplicates: { matchOn: string; policy: DuplicatePolicy } | null;
  mode: 'all' | 'validRows';
}

/** A mapped column with values that match no option (or name no record), as the server lists them. */
export interface ValueColumn {
  header: string;
  field: string;
  fieldLabel: string;
  type: string;
  options?: Array<{ value: string; label: string }>;
  values: Array<{
    text: string;
    count: number;
    suggestion: string | null;
    candidates?: Array<{ value: string; label: string }>;
    ambiguous?: boolean;
  }>;
  truncated: boolean;
}

export interface ImportError {
  row: number;
  column?: string;
  field?: string;
  fieldLabel: string | null;
  code: string;
  problem: string;
  message: string;
}

export interface ImportJob {
  id: number;
  object: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  dryRun: boolean;
  committed: boolean;
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  errors: ImportError[];
  message: string | null;
}

export interface ImportMatch {
  row: number;
  outcome: 'skipped' | 'updated';
  recordId: number;
  recordLabel: string | null;
  matchedBy: string;
  matchedByLabel: string | null;
  sameAsRow: number | null;
}

export async function previewImport(object: string, file: File): Promise<Preview> {
  const form = new FormData();
  form.append('file', file);
  return (await api.upload<{ data: Preview }>(`/api/objects/${object}/import/preview`, form)).data;
}

function optionsForm(options: Partial<ImportOptions>, file: File): FormData {
  const form = new FormData();
  // Options first: the server reads fields in order and the file is streamed.
  form.append('options', JSON.stringify(options));
  form.append('file', file);
  return form;
}

/** The values of the mapped columns that need mapping by hand, over the whole file. */
export async function unmatchedValues(
  object: string,
  file: File,
  options: Pick<ImportOptions, 'mapping' | 'duplicates'>,
): Promise<ValueColumn[]> {
  const form = optionsForm(options, file);
  return (await api.upload<{ data: ValueColumn[] }>(`/api/objects/${object}/import/values`, form)).data;
}

export async function startImport(object: string, file: File, options: ImportOptions): Promise<number> {
  const form = optionsForm(options, file);
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

/** A page of the rows that matched existing records (once the job has finished). */
export function useImportMatches(id: number, enabled: boolean, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['import', id, 'matches', page, pageSize],
    enabled,
    queryFn: () =>
      api.get<{ data: ImportMatch[]; total: number }>(
        `/api/imports/${id}/matches${qs({ offset: (page - 1) * pageSize, limit: pageSize })}`,
      ),
  });
}

/** The xlsx of every failed row: original columns and values plus the errors. */
export const errorsUrl = (id: number) => `/api/imports/${id}/errors`;
