import type { Label } from '@kehu/common';
import { type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, qs } from '../api.ts';
import type { PlanStep } from './flow-types.ts';

/** The approvals API for everyone (WF-4; server: http/approvals.routes.ts), as the screens use it. */

export type InstanceState = 'running' | 'returned' | 'approved' | 'rejected' | 'withdrawn';
export type Box = 'todo' | 'done' | 'mine' | 'cc';
export const boxes: Box[] = ['todo', 'done', 'mine', 'cc'];

export interface Ref {
  id: number;
  label: string;
}

export interface InboxItem {
  instanceId: number;
  taskId: number | null;
  flow: string;
  object: string;
  objectLabel: Label | null;
  recordId: number;
  title: string | null;
  submitter: Ref;
  state: InstanceState;
  taskState: string | null;
  onBehalfOf: Ref | null;
  dueAt: string | null;
  at: string;
  startedAt: string;
  endedAt: string | null;
}

export interface TaskInfo {
  id: number;
  nodeId: string;
  round: number;
  kind: 'approve' | 'cc';
  assignee: Ref;
  onBehalfOf: Ref | null;
  state: string;
  added: boolean;
  comment: string | null;
  dueAt: string | null;
  actedAt: string | null;
}

export interface TimelineEntry {
  id: number;
  action: string;
  nodeId: string | null;
  actor: Ref | null;
  onBehalfOf: Ref | null;
  comment: string | null;
  detail: Record<string, any>;
  at: string;
}

export interface InstanceDetail {
  id: number;
  flow: { id: number; name: string; version: number };
  object: string;
  objectLabel: Label | null;
  recordId: number;
  title: string | null;
  submitter: number;
  state: InstanceState;
  round: number;
  plan: PlanStep[];
  done: string[];
  people: Record<string, string>;
  tasks: TaskInfo[];
  timeline: TimelineEntry[];
  can: {
    taskId: number | null;
    returnTo: Array<{ nodeId: string; name: string }>;
    withdraw: boolean;
    urge: boolean;
    resubmit: boolean;
    comment: boolean;
  };
}

export interface RecordInstance {
  id: number;
  state: InstanceState;
  flow: string;
  submitter: Ref;
  startedAt: string;
  endedAt: string | null;
}

export interface RecordApprovals {
  instances: RecordInstance[];
  flows: Array<{ key: string; name: string }>;
}

export interface SubmitPreview {
  flow: { key: string; name: string };
  flows: Array<{ key: string; name: string }>;
  plan: PlanStep[];
  people: Record<string, string>;
  choose: Array<{ nodeId: string; name: string; multiple: boolean }>;
}

export const isOpen = (s: InstanceState) => s === 'running' || s === 'returned';

/** One box of the inbox, page by page (`before` = the last item's cursor). */
export function useInbox(box: Box, limit = 20) {
  return useInfiniteQuery({
    queryKey: ['approvals', 'inbox', box, limit],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api
        .get<{ data: { items: InboxItem[]; next: number | null } }>(
          `/api/approvals/inbox${qs({ box, limit, before: pageParam })}`,
        )
        .then((r) => r.data),
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function useInstance(id: string | number | undefined) {
  return useQuery({
    queryKey: ['approvals', 'instance', String(id)],
    enabled: id !== undefined,
    queryFn: () => api.get<{ data: InstanceDetail }>(`/api/approvals/instances/${id}`).then((r) => r.data),
  });
}

/** A record's approvals: its instances (newest first) and the published flows it can be submitted to. */
export function useRecordApprovals(object: string, id: number | string | undefined) {
  return useQuery({
    queryKey: ['approvals', 'record', object, String(id)],
    enabled: id !== undefined,
    queryFn: () => api.get<{ data: RecordApprovals }>(`/api/approvals/records/${object}/${id}`).then((r) => r.data),
  });
}

export interface SubmitBody {
  object: string;
  recordId: number;
  flow?: string;
  chosen?: Record<string, number[]>;
  comment?: string;
}

export const previewSubmit = (b: Omit<SubmitBody, 'comment'>) =>
  api.post<{ data: SubmitPreview }>('/api/approvals/preview', b).then((r) => r.data);
export const submitApproval = (b: SubmitBody) =>
  api.post<{ data: { id: number; state: InstanceState } }>('/api/approvals/submit', b).then((r) => r.data);

export type TaskAction = 'approve' | 'reject' | 'return' | 'transfer' | 'addSign';
export type InstanceAction = 'withdraw' | 'urge' | 'comment';

export interface ActionBody {
  comment?: string;
  to?: string;
  user?: number;
  users?: number[];
  position?: 'before' | 'after';
  files?: number[];
}

export const actOnTask = (taskId: number, action: TaskAction, body: ActionBody) =>
  api.post(`/api/approvals/tasks/${taskId}/${action}`, body);
export const actOnInstance = (id: number, action: InstanceAction, body: ActionBody) =>
  api.post(`/api/approvals/instances/${id}/${action}`, body);

/** After any approval command: inboxes, counts, the instance, and the record (its state field and lock). */
export const refreshApprovals = (qc: QueryClient) =>
  Promise.all([qc.invalidateQueries({ queryKey: ['approvals'] }), qc.invalidateQueries({ queryKey: ['records'] })]);

export const fileUrl = (instanceId: number, fileId: number) => `/api/approvals/instances/${instanceId}/files/${fileId}`;
