import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import { idOf } from './meta.ts';

export interface Dept {
  id: number;
  name: string;
  parent: number | null;
  kind: string | null;
  live: boolean;
}

export interface OrgUser {
  id: number;
  name: string;
  department: number | null;
  live: boolean;
}

export interface Org {
  depts: Dept[];
  users: OrgUser[];
}

/**
 * The organisation — departments and users by name — as the frame of the sales figures: targets roll up along it
 * and figures are labelled by salesperson, department and region, for sellers who may not read user or department
 * records. So it is reference data read as the engine; the figures themselves always come through the caller's
 * scope. `deleted` also returns departed users and removed departments (figures of the past still name them).
 */
export async function readOrg(ctx: Ctx, opts: { deleted?: boolean } = {}): Promise<Org> {
  const [depts, users] = await Promise.all([read(ctx, 'department', opts.deleted), read(ctx, 'user', opts.deleted)]);
  return {
    depts: depts.map(({ r, live }) => ({
      id: Number(r.id),
      name: String(r.name ?? ''),
      parent: idOf(r.parent),
      kind: (r.kind as string | null) ?? null,
      live,
    })),
    users: users.map(({ r, live }) => ({
      id: Number(r.id),
      name: String(r.name ?? ''),
      department: idOf(r.department),
      live,
    })),
  };
}

async function read(ctx: Ctx, object: 'department' | 'user', deleted = false) {
  const list = records(ctx, object, { internal: true });
  const sort = [{ field: 'id', dir: 'asc' as const }];
  const live = (await list.all({ sort })).map((r) => ({ r, live: true }));
  const gone = deleted ? (await list.all({ sort, deleted: true })).map((r) => ({ r, live: false })) : [];
  return [...live, ...gone].sort((a, b) => Number(a.r.id) - Number(b.r.id));
}

/** A department and every live department below it (offices of a region, teams of an office). */
export async function departmentTree(ctx: Ctx, root: number): Promise<number[]> {
  const depts = (await read(ctx, 'department')).map(({ r }) => ({ id: Number(r.id), parent: idOf(r.parent) }));
  const out = [root];
  for (let i = 0; i < out.length; i++)
    for (const d of depts) if (d.parent === out[i] && !out.includes(d.id)) out.push(d.id);
  return out;
}

/** Look-ups along the organisation: a user's name and department, a department's name and sales region. */
export function orgIndex(org: Org) {
  const users = new Map(org.users.map((u) => [u.id, u]));
  const depts = new Map(org.depts.map((d) => [d.id, d]));
  return {
    userName: (id: number | null) => (id === null ? null : (users.get(id)?.name ?? null)),
    departmentOf: (user: number | null) => (user === null ? null : (users.get(user)?.department ?? null)),
    departmentName: (id: number | null) => (id === null ? null : (depts.get(id)?.name ?? null)),
    /** The sales region (大区) at or above a live department: the first of kind region going up. */
    regionOf(dept: number | null): number | null {
      let d = dept === null ? undefined : depts.get(dept);
      if (!d?.live) return null;
      const seen = new Set<number>();
      while (d && !seen.has(d.id)) {
        if (d.kind === 'region') return d.id;
        seen.add(d.id);
        d = d.parent === null ? undefined : depts.get(d.parent);
      }
      return null;
    },
  };
}

export type OrgIndex = ReturnType<typeof orgIndex>;
