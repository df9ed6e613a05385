import type { Filter } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import { idOf } from './meta.ts';

export interface StageDef {
  id: number;
  name: string;
  process: number;
  sortOrder: number;
  probability: number;
  requiredFields: string[];
  requiredTasks: string[];
}

function decode(r: Record<string, unknown>): StageDef {
  return {
    id: Number(r.id),
    name: String(r.name),
    process: idOf(r.process) as number,
    sortOrder: Number(r.sortOrder),
    probability: Number(r.probability ?? 0),
    requiredFields: (r.requiredFields as string[] | null) ?? [],
    requiredTasks: (r.requiredTasks as string[] | null) ?? [],
  };
}

// Stage definitions are configuration the rules need whoever acts, so they are read as the engine (no scope).
const config = (ctx: Ctx, object: 'salesStage' | 'salesProcess') => records(ctx, object, { internal: true });
const idIs = (id: number): Filter => ({ field: 'id', op: 'eq', value: id });

/** The live stages of a process, in order. */
export async function stagesOf(ctx: Ctx, processId: number): Promise<StageDef[]> {
  const rows = await config(ctx, 'salesStage').all({
    filter: { field: 'process', op: 'eq', value: processId },
    sort: [{ field: 'sortOrder', dir: 'asc' }],
  });
  return rows.map(decode);
}

export async function stageById(ctx: Ctx, id: number): Promise<StageDef | undefined> {
  const r = await config(ctx, 'salesStage').list({ filter: idIs(id), limit: 1 });
  return r.data[0] ? decode(r.data[0]) : undefined;
}

/** The process a new opportunity gets when it names none: the default one, else the first active one. */
export async function defaultProcess(ctx: Ctx): Promise<number | undefined> {
  const r = await config(ctx, 'salesProcess').list({
    filter: { field: 'active', op: 'ne', value: false },
    sort: [
      { field: 'isDefault', dir: 'desc' },
      { field: 'sortOrder', dir: 'asc' },
    ],
    limit: 1,
  });
  return r.data[0] ? Number(r.data[0].id) : undefined;
}

/** The name of a process, deleted ones included (a funnel may be asked for one). */
export async function processName(ctx: Ctx, id: number): Promise<string | null> {
  const processes = config(ctx, 'salesProcess');
  const live = await processes.list({ filter: idIs(id), limit: 1 });
  const r = live.data[0] ? live : await processes.list({ filter: idIs(id), limit: 1, deleted: true });
  return (r.data[0]?.name as string | undefined) ?? null;
}
