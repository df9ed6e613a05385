import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError, validationFailed } from '../errors.ts';
import type { Registry } from '../metadata/registry.ts';
import { records } from '../query/builder.ts';
import { parseRule, type RuleDefinition } from './rule.ts';

export interface StoredRule {
  id: number;
  object: string;
  name: string;
  definition: RuleDefinition;
  active: boolean;
  lastRunAt: Date | null;
}

const adminOnly = (ctx: Ctx) => {
  if (!ctx.actor.isAdmin) throw new KehuError('FORBIDDEN');
};

const out = (r: Record<string, any>): StoredRule => ({
  id: Number(r.id),
  object: r.object,
  name: r.name,
  definition: r.definition,
  active: r.active,
  lastRunAt: r.last_run_at,
});

/** Active rules per object, per engine, for a few seconds (every saved record asks; edits here clear it at once). */
const cache = new WeakMap<Registry, Map<string, { at: number; rules: StoredRule[] }>>();

export function forgetRules(registry: Registry): void {
  cache.get(registry)?.clear();
}

export async function activeRules(ctx: Ctx, object: string): Promise<StoredRule[]> {
  const m = cache.get(ctx.registry) ?? new Map<string, { at: number; rules: StoredRule[] }>();
  cache.set(ctx.registry, m);
  const hit = m.get(object);
  if (hit && Date.now() - hit.at < 5000) return hit.rules;
  const r = await sql<Record<string, any>>`select * from sys_automation_rule where object = ${object} and active
    order by id`.execute(ctx.db);
  const rules = r.rows.map(out);
  m.set(object, { at: Date.now(), rules });
  return rules;
}

export async function listRules(ctx: Ctx, object?: string) {
  adminOnly(ctx);
  const r = await sql<Record<string, any>>`select * from sys_automation_rule
    ${object ? sql`where object = ${object}` : sql``} order by object, id`.execute(ctx.db);
  return r.rows.map(out);
}

const labels = {
  name: { 'zh-CN': '规则名称', 'en-US': 'Rule name' },
  object: { 'zh-CN': '业务对象', 'en-US': 'Object' },
  active: { 'zh-CN': '启用', 'en-US': 'Active' },
};

/** Create a rule or change it. The definition is checked, and its condition compiled against the object. */
export async function saveRule(ctx: Ctx, id: number | undefined, input: Record<string, unknown>) {
  adminOnly(ctx);
  const current = id === undefined ? undefined : (await listRules(ctx)).find((r) => r.id === id);
  if (id !== undefined && !current) throw new KehuError('NOT_FOUND');
  const object = current?.object ?? input.object;
  if (typeof object !== 'string' || !ctx.registry.has(object)) throw validationFailed({ object: 'required' }, labels);
  const name = input.name === undefined ? current?.name : typeof input.name === 'string' ? input.name.trim() : '';
  if (!name || name.length > 60) throw validationFailed({ name: 'required' }, labels);
  if (input.active !== undefined && typeof input.active !== 'boolean')
    throw validationFailed({ active: 'format' }, labels);
  const definition = input.definition === undefined && current ? current.definition : parseRule(input.definition);
  if (definition.condition) await records(ctx, object, { internal: true }).count(definition.condition);
  const active = typeof input.active === 'boolean' ? input.active : (current?.active ?? true);
  const r =
    id === undefined
      ? await sql<Record<string, any>>`insert into sys_automation_rule (object, name, definition, active, created_by)
          values (${object}, ${name}, ${JSON.stringify(definition)}, ${active}, ${ctx.actor.userId}) returning *`.execute(
          ctx.db,
        )
      : await sql<Record<string, any>>`update sys_automation_rule set name = ${name},
          definition = ${JSON.stringify(definition)}, active = ${active}, updated_at = now()
          where id = ${id} returning *`.execute(ctx.db);
  if (ctx.afterCommit) ctx.afterCommit.push(() => forgetRules(ctx.registry));
  else forgetRules(ctx.registry);
  return out(r.rows[0]);
}

/** The run log of a rule, newest first. */
export async function ruleRuns(ctx: Ctx, id: number) {
  adminOnly(ctx);
  const r = await sql<Record<string, any>>`select * from sys_automation_run where rule_id = ${id}
    order by id desc limit 200`.execute(ctx.db);
  return r.rows.map((x) => ({
    id: Number(x.id),
    eventId: x.event_id === null ? null : Number(x.event_id),
    recordId: x.record_id === null ? null : Number(x.record_id),
    outcome: x.outcome,
    detail: x.detail,
    at: x.at,
  }));
}

/** A dry run (WF-6): which records the condition matches now, read as the administrator sees them. */
export async function dryRun(ctx: Ctx, object: string, definition: unknown) {
  adminOnly(ctx);
  if (!ctx.registry.has(object)) throw validationFailed({ object: 'required' }, labels);
  const d = parseRule(definition);
  const list = records(ctx, object);
  const page = await list.list({ filter: d.condition, limit: 20, sort: [{ field: 'id', dir: 'desc' }] });
  return { matching: await list.count(d.condition), sample: page.data };
}
