import type { Filter } from '@kehu/common';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../engine/api.ts';
import type { RecordData } from '../../engine/records.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import type { Funnel, FunnelStage } from './sales-api.ts';

/** Cards shown per column; the column header counts them all and links to the full list. */
export const columnLimit = 50;

const columnKey = (f: Filter) => ['sales', 'board', f];

/** A refused move: which opportunity, and the server's message (it names what is missing). */
export interface MoveError {
  id: number;
  name: string;
  message: string;
}

interface Pending {
  card: RecordData;
  from: number;
  to: number;
}

/**
 * The board's columns (SAL-2): open opportunities of each stage, biggest first, read with the funnel's filter of
 * that stage (the same records the counts are made of). A move shows the card in its new column at once; if the
 * stage gate refuses, the card goes back and the error says why.
 */
export function useBoard(funnel: Funnel | undefined) {
  const qc = useQueryClient();
  const apiError = useApiError();
  const stages = funnel?.stages ?? [];
  const columns = useQueries({
    queries: stages.map((s) => ({
      queryKey: columnKey(s.filter),
      queryFn: () =>
        api
          .post<{ data: RecordData[] }>('/api/objects/opportunity/query', {
            filter: s.filter,
            sort: '-amount',
            limit: columnLimit,
          })
          .then((r) => r.data),
    })),
  });
  const [pending, setPending] = useState<Pending>();
  const [error, setError] = useState<MoveError>();

  const cardsOf = (s: FunnelStage, i: number): RecordData[] => {
    const list = (columns[i]?.data ?? []).filter((c) => c.id !== pending?.card.id);
    return pending?.to === s.stage.id ? [pending.card, ...list] : list;
  };

  const move = async (card: RecordData, to: number): Promise<boolean> => {
    const from = Number(card.stage?.id ?? card.stage);
    if (from === to || pending) return false;
    const fromCol = stages.find((s) => s.stage.id === from);
    const toCol = stages.find((s) => s.stage.id === to);
    setError(undefined);
    setPending({ card, from, to });
    try {
      const r = await api.patch<{ data: RecordData }>(`/api/objects/opportunity/${card.id}`, {
        stage: to,
        version: card.version,
      });
      if (fromCol) qc.setQueryData<RecordData[]>(columnKey(fromCol.filter), (l) => l?.filter((c) => c.id !== card.id));
      if (toCol) qc.setQueryData<RecordData[]>(columnKey(toCol.filter), (l) => [r.data, ...(l ?? [])]);
      return true;
    } catch (e) {
      apiError(e, { show: (message) => setError({ id: card.id, name: String(card.name ?? `#${card.id}`), message }) });
      return false;
    } finally {
      setPending(undefined);
      void qc.invalidateQueries({ queryKey: ['sales'] });
      void qc.invalidateQueries({ queryKey: ['records', 'opportunity'] });
    }
  };

  return {
    cardsOf,
    loading: columns.some((c) => c.isLoading),
    moving: pending?.card.id,
    move,
    error,
    clearError: () => setError(undefined),
  };
}
