import type { Filter } from '@kehu/common';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../engine/api.ts';
import type { RecordData } from '../../engine/records.ts';

/** The team and notify APIs' shapes (server/src/modules/team/team.routes.ts, notify/*.routes.ts). */

export interface Ref {
  id: number;
  label?: string | null;
}

/** One calendar entry: an event, or one occurrence of a recurring event. */
export interface Occurrence extends Record<string, unknown> {
  key: string;
  eventId: number;
  title: string;
  start: string;
  end: string;
  allDay?: boolean;
  recurring: boolean;
  originalStart: string | null;
  editable: boolean;
  version?: number;
  location?: string | null;
  customer?: Ref | null;
  contact?: Ref | null;
  opportunity?: Ref | null;
  owner?: Ref | null;
}

/** Whose calendar: `me`, `department`, `all`, or user ids joined by commas. */
export type Who = string;

export function useCalendar(from: string | undefined, to: string | undefined, users: Who) {
  return useQuery({
    queryKey: ['records', 'event', 'calendar', from, to, users],
    enabled: !!from && !!to,
    queryFn: ({ signal }) =>
      api.get<{ data: Occurrence[] }>(`/api/calendar${qs({ from, to, users })}`, signal).then((r) => r.data),
    placeholderData: (prev) => prev,
  });
}

/** Records through the generic query route (the caller's scope applies). */
export async function queryRecords(
  object: string,
  body: { filter?: Filter; sort?: string; limit?: number; q?: string },
): Promise<RecordData[]> {
  return (await api.post<{ data: RecordData[] }>(`/api/objects/${object}/query`, { limit: 200, ...body })).data;
}

export interface ActivityPage {
  data: RecordData[];
  nextCursor: string | null;
}

/** A record's activities, newest first (a customer's include those of its contacts and opportunities). */
export function activitiesPath(object: string, id: number, cursor?: string): string {
  const base = object === 'customer' ? `/api/customers/${id}/timeline` : `/api/objects/${object}/${id}/activities`;
  return `${base}${qs({ cursor, limit: 20 })}`;
}

export interface ReportDraft {
  kind: 'daily' | 'weekly';
  period: string;
  first: string;
  last: string;
  done: string;
  plan: string;
  problems: string;
  activities: RecordData[];
  existing: RecordData | null;
}

export function useReportDraft(kind: string, date: string) {
  return useQuery({
    queryKey: ['records', 'workReport', 'draft', kind, date],
    queryFn: () => api.get<{ data: ReportDraft }>(`/api/work-reports/draft${qs({ kind, date })}`).then((r) => r.data),
  });
}

export interface MissingReports {
  period: string;
  expected: number;
  submitted: number;
  missing: Array<{ id: number; name: string; department: Ref | null }>;
}

export function useMissingReports(kind: string, date: string, enabled: boolean) {
  return useQuery({
    queryKey: ['records', 'workReport', 'missing', kind, date],
    enabled,
    queryFn: () =>
      api.get<{ data: MissingReports }>(`/api/work-reports/missing${qs({ kind, date })}`).then((r) => r.data),
  });
}

export interface DepartmentNode {
  id: number;
  name: string;
  children: DepartmentNode[];
}

export interface Colleague {
  id: number;
  name?: string;
  title?: string | null;
  department?: Ref | null;
  mobile?: string | null;
  email?: string | null;
  username?: string;
}

export function useAddressBook(department: number | undefined, q: string) {
  return useQuery({
    queryKey: ['records', 'user', 'address-book', department, q],
    queryFn: () =>
      api
        .get<{ data: { departments: DepartmentNode[]; people: Colleague[] }; nextCursor: string | null }>(
          `/api/address-book${qs({ department, q, limit: 500 })}`,
        )
        .then((r) => r.data),
    placeholderData: (prev) => prev,
  });
}

export interface WorkbenchSection {
  name: string;
  title: string;
  available: boolean;
  items: Record<string, any>[];
  total?: number;
  list?: { object: string; filter: Filter };
}

/** Some sections of the workbench (TEAM-5), read as the signed-in user. */
export function useWorkbench(sections: string[], noContactMonths?: number) {
  return useQuery({
    queryKey: ['records', 'workbench', sections, noContactMonths],
    queryFn: () =>
      api
        .get<{ data: { sections: WorkbenchSection[] } }>(
          `/api/workbench${qs({ sections: sections.join(','), noContactMonths, limit: 8 })}`,
        )
        .then((r) => r.data.sections),
    staleTime: 30_000,
  });
}

export interface Preference {
  kind: string;
  label: string;
  inApp: boolean;
  email: boolean;
}

export const preferencesKey = ['notifications', 'preferences'];

export function usePreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: () => api.get<{ data: Preference[] }>('/api/notifications/preferences').then((r) => r.data),
  });
}

/** A relation value as the API accepts it. */
export const refId = (v: unknown): number | null =>
  v === null || v === undefined ? null : typeof v === 'object' ? Number((v as Ref).id) : Number(v);
