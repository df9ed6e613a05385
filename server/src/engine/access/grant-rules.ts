import { type Grants, type Scope, scopes } from '@kehu/common';
import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { Registry } from '../metadata/registry.ts';
import type { WriteEvent } from '../records/hooks.ts';

const rank = (s: Scope | undefined) => scopes.indexOf(s ?? 'none');

/** Is every right in `wanted` at most what `grantable` allows? ("*" in grantable covers any object) */
export function withinGrantable(wanted: Grants, grantable: Grants): boolean {
  for (const [object, ops] of Object.entries(wanted ?? {})) {
    for (const [op, scope] of Object.entries(ops ?? {})) {
      const limit = grantable[object]?.[op as keyof typeof ops] ?? grantable['*']?.[op as keyof typeof ops];
      if (rank(scope as Scope) > rank(limit)) return false;
    }
  }
  return true;
}

async function departmentTree(ctx: Ctx): Promise<number[]> {
  if (ctx.actor.departmentId === null) return [];
  const r = await sql<{ id: number }>`with recursive tree(id) as (
      select ${ctx.actor.departmentId}::bigint
      union select d.id from obj_department d join tree on d.parent_id = tree.id where d.deleted_at is null
    ) select id from tree`.execute(ctx.db);
  return r.rows.map((x) => Number(x.id));
}

function parsedJson(v: unknown): Grants {
  return typeof v === 'string' ? (JSON.parse(v) as Grants) : ((v ?? {}) as Grants);
}

/**
 * Graded administration (SEC-5): a non-administrator who may write roles or users can only hand out rights
 * they hold as grantable, never administrator roles, and only to users inside their department subtree.
 */
async function checkRole(ctx: Ctx, e: WriteEvent) {
  if (ctx.actor.isAdmin) return;
  const grantable = ctx.actor.grantable ?? {};
  if (e.values.is_admin === true) throw new KehuError('FORBIDDEN');
  for (const col of ['grants', 'grantable']) {
    if (
      e.values[col] !== undefined &&
      e.values[col] !== null &&
      !withinGrantable(parsedJson(e.values[col]), grantable)
    ) {
      throw new KehuError('FORBIDDEN');
    }
  }
}

async function checkUser(ctx: Ctx, e: WriteEvent) {
  if (ctx.actor.isAdmin) return;
  const dept = e.values.department_id;
  if (dept !== undefined && (dept === null || !(await departmentTree(ctx)).includes(Number(dept)))) {
    throw new KehuError('FORBIDDEN');
  }
  if (e.action === 'create' && dept === undefined) throw new KehuError('FORBIDDEN');
}

async function checkUserRoles(ctx: Ctx, roleIds: number[]) {
  if (ctx.actor.isAdmin || roleIds.length === 0) return;
  const r = await sql<{ is_admin: boolean | null; grants: Grants | null }>`select is_admin, grants from obj_role
    where id = any(${roleIds}::bigint[])`.execute(ctx.db);
  for (const role of r.rows) {
    if (role.is_admin || !withinGrantable(role.grants ?? {}, ctx.actor.grantable ?? {}))
      throw new KehuError('FORBIDDEN');
  }
}

export function registerGrantRules(registry: Registry): void {
  registry.hooks.on('role', { before: checkRole });
  registry.hooks.on('user', {
    before: checkUser,
    async after(ctx, e) {
      const roles = e.after?.roles as Array<{ id: number }> | undefined;
      const before = new Set(((e.before?.roles as Array<{ id: number }> | undefined) ?? []).map((x) => x.id));
      await checkUserRoles(
        ctx,
        (roles ?? []).map((x) => x.id).filter((id) => !before.has(id)),
      );
    },
  });
}
