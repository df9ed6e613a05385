import { sql } from 'kysely';
import { type Ctx, transaction } from '../context.ts';
import { KehuError, validationFailed } from '../errors.ts';
import { forgetAutoFlows } from './auto-cache.ts';
import { checkFlow } from './check.ts';
import { type FlowProblem, flowInvalid, parseTree } from './parse.ts';
import type { FlowTree } from './tree.ts';

export interface FlowInput {
  key?: unknown;
  object?: unknown;
  name?: unknown;
  description?: unknown;
  tree?: unknown;
  active?: unknown;
}

const adminOnly = (ctx: Ctx) => {
  if (!ctx.actor.isAdmin) throw new KehuError('FORBIDDEN');
};

function flowOut(r: Record<string, any>) {
  return {
    id: Number(r.id),
    key: r.key,
    object: r.object,
    name: r.name,
    description: r.description,
    draft: r.draft,
    publishedVersion: r.published_version,
    active: r.active,
    updatedAt: r.updated_at,
    running: Number(r.running ?? 0),
  };
}

export async function listFlows(ctx: Ctx, object?: string) {
  adminOnly(ctx);
  const r = await sql<Record<string, any>>`select f.*, (select count(*) from sys_flow_instance i
      join sys_flow_version v on v.id = i.flow_version_id where v.flow_id = f.id and i.state = 'running') as running
    from sys_flow f ${object ? sql`where f.object = ${object}` : sql``} order by f.object, f.id`.execute(ctx.db);
  return r.rows.map(flowOut);
}

export async function getFlow(ctx: Ctx, id: number) {
  adminOnly(ctx);
  const r = await sql<Record<string, any>>`select * from sys_flow where id = ${id}`.execute(ctx.db);
  if (!r.rows[0]) throw new KehuError('NOT_FOUND');
  return flowOut(r.rows[0]);
}

/** Create a flow or save its draft. Drafts may be incomplete; publishing checks them. */
export async function saveFlow(ctx: Ctx, id: number | undefined, input: FlowInput) {
  adminOnly(ctx);
  const problems: Record<string, 'required' | 'format' | 'tooLong' | 'duplicate'> = {};
  const name = typeof input.name === 'string' ? input.name.trim() : undefined;
  if (id === undefined || input.name !== undefined) {
    if (!name) problems.name = 'required';
    else if (name.length > 60) problems.name = 'tooLong';
  }
  const draft = input.tree ?? (id === undefined ? { nodes: [], settings: {} } : undefined);
  if (draft !== undefined && (typeof draft !== 'object' || draft === null || JSON.stringify(draft).length > 200_000))
    problems.tree = 'format';
  if (input.active !== undefined && typeof input.active !== 'boolean') problems.active = 'format';
  if (id === undefined) {
    if (typeof input.object !== 'string' || !ctx.registry.has(input.object)) problems.object = 'required';
    if (typeof input.key !== 'string' || !/^[a-z][a-zA-Z0-9_]{1,59}$/.test(input.key)) problems.key = 'format';
  }
  if (Object.keys(problems).length) throw validationFailed(problems, flowLabels);
  const description = typeof input.description === 'string' ? input.description.slice(0, 500) : null;
  if (id === undefined) {
    const r = await sql<{ id: string }>`insert into sys_flow (key, object, name, description, draft, created_by)
      values (${input.key as string}, ${input.object as string}, ${name!}, ${description}, ${JSON.stringify(draft)},
        ${ctx.actor.userId}) on conflict (key) do nothing returning id`.execute(ctx.db);
    if (!r.rows[0]) throw validationFailed({ key: 'duplicate' }, flowLabels);
    return getFlow(ctx, Number(r.rows[0].id));
  }
  const r = await sql`update sys_flow set name = coalesce(${name ?? null}, name),
      description = ${input.description !== undefined ? description : sql`description`},
      draft = coalesce(${draft === undefined ? null : JSON.stringify(draft)}::jsonb, draft),
      active = coalesce(${typeof input.active === 'boolean' ? input.active : null}::boolean, active),
      updated_at = now() where id = ${id}`.execute(ctx.db);
  if (!r.numAffectedRows) throw new KehuError('NOT_FOUND');
  return getFlow(ctx, id);
}

const flowLabels = {
  name: { 'zh-CN': '流程名称', 'en-US': 'Flow name' },
  key: { 'zh-CN': '流程标识', 'en-US': 'Flow key' },
  object: { 'zh-CN': '业务对象', 'en-US': 'Object' },
  tree: { 'zh-CN': '流程图', 'en-US': 'Flow chart' },
  active: { 'zh-CN': '启用', 'en-US': 'Active' },
};

/** The problems a draft has (the designer shows them as one edits); empty = it can be published. */
export async function validateDraft(ctx: Ctx, object: string, draft: unknown): Promise<FlowProblem[]> {
  try {
    return await checkFlow(ctx, object, parseTree(draft));
  } catch (err) {
    if (err instanceof KehuError && err.code === 'FLOW_INVALID') return err.params.problems as FlowProblem[];
    throw err;
  }
}

/** Publish the draft as the next version. Running instances keep the version they started with. */
export async function publishFlow(ctx: Ctx, id: number) {
  adminOnly(ctx);
  return transaction(ctx, async (tx) => {
    const r = await sql<Record<string, any>>`select * from sys_flow where id = ${id} for update`.execute(tx.db);
    const flow = r.rows[0];
    if (!flow) throw new KehuError('NOT_FOUND');
    const tree = parseTree(flow.draft);
    const problems = await checkFlow(tx, flow.object, tree);
    if (problems.length) throw flowInvalid(problems);
    const version = (flow.published_version ?? 0) + 1;
    await sql`insert into sys_flow_version (flow_id, version, tree, published_by)
      values (${id}, ${version}, ${JSON.stringify(tree)}, ${tx.actor.userId})`.execute(tx.db);
    await sql`update sys_flow set published_version = ${version}, updated_at = now() where id = ${id}`.execute(tx.db);
    tx.afterCommit?.push(() => forgetAutoFlows(tx.registry));
    return { ...(await getFlow(tx, id)), version };
  });
}

export async function flowVersions(ctx: Ctx, id: number) {
  adminOnly(ctx);
  const r = await sql<Record<string, any>>`select v.version, v.tree, v.published_at, u.name as by,
      (select count(*) from sys_flow_instance i where i.flow_version_id = v.id) as instances
    from sys_flow_version v left join obj_user u on u.id = v.published_by
    where v.flow_id = ${id} order by v.version desc`.execute(ctx.db);
  return r.rows.map((v) => ({
    version: v.version,
    tree: v.tree as FlowTree,
    publishedAt: v.published_at,
    publishedBy: v.by,
    instances: Number(v.instances),
  }));
}

export interface PublishedFlow {
  id: number;
  key: string;
  name: string;
  versionId: number;
  tree: FlowTree;
}

/** The published, active flows of an object (what a submission or a saved record can start). */
export async function publishedFlows(ctx: Ctx, object: string): Promise<PublishedFlow[]> {
  const r = await sql<Record<string, any>>`select f.id, f.key, f.name, v.id as version_id, v.tree
    from sys_flow f join sys_flow_version v on v.flow_id = f.id and v.version = f.published_version
    where f.object = ${object} and f.active order by f.id`.execute(ctx.db);
  return r.rows.map((x) => ({
    id: Number(x.id),
    key: x.key,
    name: x.name,
    versionId: Number(x.version_id),
    tree: x.tree,
  }));
}
