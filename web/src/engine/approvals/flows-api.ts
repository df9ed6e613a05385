import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../api.ts';
import type { FlowProblem, FlowTree, PlanStep } from './flow-types.ts';

/** The flow designer's API (WF-2, administrators; server: http/flows.routes.ts). */

export interface FlowInfo {
  id: number;
  key: string;
  object: string;
  name: string;
  description: string | null;
  /** The draft as saved (may be incomplete; publishing checks it). */
  draft: Partial<FlowTree>;
  publishedVersion: number | null;
  active: boolean;
  updatedAt: string;
  running: number;
}

export interface FlowVersion {
  version: number;
  tree: FlowTree;
  publishedAt: string;
  publishedBy: string | null;
  instances: number;
}

export const flowsKey = ['approvals', 'flows'];

export function useFlows(object?: string) {
  return useQuery({
    queryKey: [...flowsKey, 'list', object ?? ''],
    queryFn: () => api.get<{ data: FlowInfo[] }>(`/api/flows${qs({ object })}`).then((r) => r.data),
  });
}

export function useFlow(id: string | undefined) {
  return useQuery({
    queryKey: [...flowsKey, 'one', id],
    enabled: !!id,
    queryFn: () => api.get<{ data: FlowInfo }>(`/api/flows/${id}`).then((r) => r.data),
  });
}

export function useFlowVersions(id: number) {
  return useQuery({
    queryKey: [...flowsKey, 'versions', id],
    queryFn: () => api.get<{ data: FlowVersion[] }>(`/api/flows/${id}/versions`).then((r) => r.data),
  });
}

export const createFlow = (b: { key: string; object: string; name: string; description?: string; tree?: FlowTree }) =>
  api.post<{ data: FlowInfo }>('/api/flows', b).then((r) => r.data);

export const saveFlow = (
  id: number,
  b: { name?: string; description?: string | null; tree?: FlowTree; active?: boolean },
) => api.patch<{ data: FlowInfo }>(`/api/flows/${id}`, b).then((r) => r.data);

export const validateFlow = (id: number, tree: FlowTree) =>
  api.post<{ data: { problems: FlowProblem[] } }>(`/api/flows/${id}/validate`, { tree }).then((r) => r.data.problems);

export const publishFlow = (id: number) =>
  api.post<{ data: FlowInfo & { version: number } }>(`/api/flows/${id}/publish`).then((r) => r.data);

export const previewFlow = (id: number, b: { recordId: number; submitter?: number; tree: FlowTree }) =>
  api
    .post<{ data: { plan: PlanStep[]; people: Record<string, string> } }>(`/api/flows/${id}/preview`, b)
    .then((r) => r.data);

export const bpmnUrl = (id: number, version?: number) => `/api/flows/${id}/bpmn${qs({ version })}`;
