import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Empty, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/loading.tsx';
import { api } from '../../engine/api.ts';
import { relationText } from '../../engine/fields/relation-value.ts';
import { formatDatetime } from '../../engine/format.ts';
import type { RecordData } from '../../engine/records.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { type Ref, useRequirements } from './sales-api.ts';

/** The checklist items of an opportunity (created from the stages' required tasks), current stage first. */
export function useChecklist(id: number) {
  return useQuery({
    queryKey: ['records', 'opportunityTask', 'checklist', id],
    queryFn: () =>
      api
        .post<{ data: RecordData[] }>('/api/objects/opportunityTask/query', {
          filter: { field: 'opportunity', op: 'eq', value: id },
          sort: 'id',
          limit: 200,
        })
        .then((r) => r.data),
  });
}

/** Tick to complete (SAL-3): what the stage gate asks for before the opportunity may move on. */
export function StageChecklist({ id, stage, editable }: { id: number; stage: number | null; editable: boolean }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const qc = useQueryClient();
  const tasks = useChecklist(id);
  // The box shows the new state at once; it turns back if the server refuses.
  const [busy, setBusy] = useState<{ id: number; done: boolean }>();
  const list = [...(tasks.data ?? [])].sort(
    (a, b) => Number(a.stage?.id !== stage) - Number(b.stage?.id !== stage) || a.id - b.id,
  );
  const tick = async (task: RecordData, done: boolean) => {
    setBusy({ id: task.id, done });
    try {
      await api.patch(`/api/objects/opportunityTask/${task.id}`, { done, version: task.version });
      await qc.invalidateQueries({ queryKey: ['records', 'opportunityTask'] });
      void qc.invalidateQueries({ queryKey: ['sales'] });
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(undefined);
    }
  };
  if (!tasks.isLoading && list.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sales.stage.noTasks')} />;
  if (tasks.isLoading) return <Loading />;
  return (
    <ul data-testid="checklist" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {list.map((task) => (
        <li
          key={task.id}
          data-testid="checklist-item"
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
        >
          <Checkbox
            checked={busy?.id === task.id ? busy.done : task.done === true}
            disabled={!editable || busy !== undefined}
            onChange={(e) => void tick(task, e.target.checked)}
            style={{ flex: 1 }}
          >
            <span style={task.done ? { textDecoration: 'line-through', color: '#8c8c8c' } : undefined}>
              {String(task.title)}
            </span>
          </Checkbox>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {task.done && task.doneAt
              ? t('sales.stage.doneBy', {
                  at: formatDatetime(task.doneAt),
                  by: task.doneBy ? relationText(task.doneBy, t, '') : '',
                })
              : task.stage?.label}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}

/** What still keeps the opportunity from the next stage (or from being won, in the last one). */
export function NextRequirements({ id, next }: { id: number; next: Ref | 'won' | undefined }) {
  const { t } = useTranslation();
  const req = useRequirements(
    id,
    next === undefined ? undefined : next === 'won' ? { status: 'won' } : { stage: next.id },
  );
  if (next === undefined || !req.data) return null;
  const target = next === 'won' ? t('sales.status.won') : (next.label ?? '');
  if (req.data.allowed)
    return <Alert type="success" showIcon title={t('sales.stage.ready', { stage: target })} data-testid="next-ready" />;
  const items = req.data.missing.flatMap((m) => [
    ...m.fields.map((f) => t('sales.stage.missingField', { field: f.label })),
    ...m.tasks.map((task) => t('sales.stage.missingTask', { task })),
  ]);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="next-missing"
      title={t('sales.stage.needs', { stage: target })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {items.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      }
    />
  );
}
