import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';

export interface Counts {
  todo: number;
  cc: number;
  mine: number;
}

const counts = ['approvals', 'counts'];

/** Tasks waiting for me, copies unread, my open requests: the menu badge, the tabs, the home card. */
export function useApprovalCounts() {
  return useQuery({
    queryKey: counts,
    queryFn: () => api.get<{ data: Counts }>('/api/approvals/counts').then((r) => r.data),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

/** The menu's badge on 「审批」: tasks waiting for me. */
export const useTodoCount = (): number | undefined => useApprovalCounts().data?.todo;
