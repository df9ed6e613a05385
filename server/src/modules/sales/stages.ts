import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { meta } from './meta.ts';

export interface StageDef {
  id: number;
  name: string;
  process: number;
  sortOrder: number;
  probability: number;
  requiredFields: string[];
  requiredTasks: string[];
}

const fields = ['name', 'process', 'sortOrder', 'probability', 'requiredFields', 'requiredTasks'];

function decode(r: Record<string, unknown>): StageDef {
  return {
    id: Number(r.id),
    name: String(r.name),
    process: Number(r.process),
    sortOrder: Number(r.sortOrder),
    probability: Number(r.probability ?? 0),
    requiredFields: (r.requiredFields as string[] | null) ?? [],
    requiredTasks: (r.requiredTasks as string[] | null) ?? [],
  };
}

// Stage definitions are configuration the rules need whoever acts, so they are read without a scope.

/** The live stages of a process, in order. */
export async function stagesOf(ctx: Ctx, processId: number): Promise<StageDef[]> {
  const m = meta(ctx, 'salesStage');
  const r = await sql<Record<string, unknown>>`select t.id, ${m.pick('t', fields)} from ${m.table} as t
    where t.deleted_at is null and ${m.ref('t', 'process')} = ${processId}
    order by ${m.ref('t', 'sortOrder')}, t.id`.execute(ctx.db);
  return r.rows.map(decode);
}

export async function stageById(ctx: Ctx, id: number): Promise<StageDef | undefined> {
  const m = meta(ctx, 'salesStage');
  const r = await sql<Record<string, unknown>>`select t.id, ${m.pick('t', fields)} from ${m.table} as t
    where t.id = ${id} and t.deleted_at is null`.execute(ctx.db);
  return r.rows[0] ? decode(r.rows[0]) : undefined;
}

/** The process a new opportunity gets when it names none: the default one, else the first active one. */
export async function defaultProcess(ctx: Ctx): Promise<number | undefined> {
  const m = meta(ctx, 'salesProcess');
  const r = await sql<{ id: string }>`select t.id from ${m.table} as t
    where t.deleted_at is null and ${m.ref('t', 'active')} is not false
    order by ${m.ref('t', 'isDefault')} desc nulls last, ${m.ref('t', 'sortOrder')} nulls last, t.id limit 1`.execute(
    ctx.db,
  );
  return r.rows[0] ? Number(r.rows[0].id) : undefined;
}

export async function processName(ctx: Ctx, id: number): Promise<string | null> {
  const m = meta(ctx, 'salesProcess');
  const r = await sql<{ name: string }>`select ${m.ref('t', 'name')} as name from ${m.table} as t
    where t.id = ${id}`.execute(ctx.db);
  return r.rows[0]?.name ?? null;
}
