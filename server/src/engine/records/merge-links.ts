import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { fetchFull } from './fetch.ts';
import { completing, type LinkMove, type ShareMove, type ShareRow, setInBin, touch } from './merge-log.ts';

type Pair = { a: number; b: number };
const other = (side: 'a' | 'b', p: Pair) => (side === 'a' ? p.b : p.a);

/** The link table of a many-to-many field, named by the registry from metadata. */
const table = (f: FieldDef) => sql.table(f.linkTable!);

async function exists(ctx: Ctx, f: FieldDef, p: Pair): Promise<boolean> {
  const r = await sql`select 1 from ${table(f)} where a_id = ${p.a} and b_id = ${p.b}`.execute(ctx.db);
  return r.rows.length > 0;
}

/** Records whose links change get a version of their own: snapshots first, then the change, then history. */
async function withVersions(ctx: Ctx, targets: Array<[ObjectDef, number]>, change: () => Promise<void>) {
  const seen = new Map<string, { obj: ObjectDef; id: number; before: Record<string, unknown>; deleted: boolean }>();
  for (const [obj, id] of targets) {
    const key = `${obj.name}:${id}`;
    if (seen.has(key)) continue;
    // A link may outlive its record only if the row was removed by hand; there is nothing to version then.
    const { row, record } = await fetchFull(ctx, obj, id, true).catch((err) => {
      if (err instanceof KehuError && err.code === 'NOT_FOUND') return { row: undefined, record: {} };
      throw err;
    });
    if (row) seen.set(key, { obj, id, before: record, deleted: !!row.deleted_at });
  }
  await change();
  for (const t of seen.values()) {
    if (t.deleted) await setInBin(ctx, t.obj, t.id, undefined, null);
    else await touch(ctx, t.obj, t.id, t.before);
  }
}

/** One side of one link field: rows pointing at a merged record move to the survivor, without duplicate pairs. */
async function moveSide(ctx: Ctx, owner: ObjectDef, f: FieldDef, side: 'a' | 'b', survivor: number, merged: number[]) {
  const col = side === 'a' ? 'a_id' : 'b_id';
  const r = await sql<{ a_id: string; b_id: string }>`select a_id, b_id from ${table(f)}
    where ${sql.ref(col)} = any(${merged}::bigint[]) order by a_id, b_id`.execute(ctx.db);
  const pairs = r.rows.map((x) => ({ a: Number(x.a_id), b: Number(x.b_id) }));
  const moves: LinkMove[] = [];
  const selfLink = (p: Pair) => owner.name === f.object && other(side, p) === survivor;
  const targets: Array<[ObjectDef, number]> = pairs.map((p) => [owner, side === 'a' ? survivor : p.a]);
  await withVersions(ctx, targets, async () => {
    for (const p of pairs) {
      const from = side === 'a' ? p.a : p.b;
      const next = side === 'a' ? { a: survivor, b: p.b } : { a: p.a, b: survivor };
      const base = { object: owner.name, field: f.name, side, other: other(side, p), from, to: survivor };
      if (selfLink(p) || (await exists(ctx, f, next))) {
        await sql`delete from ${table(f)} where a_id = ${p.a} and b_id = ${p.b}`.execute(ctx.db);
        moves.push({ ...base, op: 'dropped' });
      } else {
        await sql`update ${table(f)} set ${sql.ref(col)} = ${survivor} where a_id = ${p.a} and b_id = ${p.b}`.execute(
          ctx.db,
        );
        moves.push({ ...base, op: 'moved' });
      }
    }
  });
  return moves;
}

/**
 * Many-to-many links: first the merged records' own links (they join the survivor's), then links from any
 * object's records to the merged records. A pair that already exists for the survivor is dropped, not doubled.
 */
export async function moveLinks(ctx: Ctx, obj: ObjectDef, survivor: number, merged: number[]): Promise<LinkMove[]> {
  const tx = completing(ctx);
  const moves: LinkMove[] = [];
  for (const f of obj.fields.values()) {
    if (f.type === 'manyToMany' && f.linkTable) moves.push(...(await moveSide(tx, obj, f, 'a', survivor, merged)));
  }
  for (const o of tx.registry.all()) {
    for (const f of o.fields.values()) {
      if (f.type === 'manyToMany' && f.object === obj.name && f.linkTable)
        moves.push(...(await moveSide(tx, o, f, 'b', survivor, merged)));
    }
  }
  return moves;
}

/** Undo link moves in reverse order: moved pairs go back (when still there), dropped pairs are re-created. */
export async function restoreLinks(ctx: Ctx, moves: LinkMove[]): Promise<void> {
  const tx = completing(ctx);
  const known = moves.filter(
    (m) => tx.registry.has(m.object) && tx.registry.get(m.object).fields.get(m.field)?.linkTable,
  );
  const targets = known.flatMap((m): Array<[ObjectDef, number]> => {
    const o = tx.registry.get(m.object);
    return m.side === 'a'
      ? [
          [o, m.to],
          [o, m.from],
        ]
      : [[o, m.other]];
  });
  await withVersions(tx, targets, async () => {
    for (const m of [...known].reverse()) {
      const f = tx.registry.get(m.object).fields.get(m.field)!;
      const pair = (id: number) => (m.side === 'a' ? { a: id, b: m.other } : { a: m.other, b: id });
      const back = pair(m.from);
      if (await exists(tx, f, back)) continue;
      const now = pair(m.to);
      if (m.op === 'moved' && (await exists(tx, f, now))) {
        await sql`update ${table(f)} set a_id = ${back.a}, b_id = ${back.b}
          where a_id = ${now.a} and b_id = ${now.b}`.execute(tx.db);
      } else {
        await sql`insert into ${table(f)} (a_id, b_id) values (${back.a}, ${back.b}) on conflict do nothing`.execute(
          tx.db,
        );
      }
    }
  });
}

/** Record shares (and collaborators) of the merged records join the survivor's; the wider level wins. */
export async function moveShares(ctx: Ctx, obj: ObjectDef, survivor: number, merged: number[]): Promise<ShareMove[]> {
  const r = await sql<ShareRow>`select id, record_id, user_id, department_id, level, created_by, created_at
    from sys_share where object = ${obj.name} and record_id = any(${merged}::bigint[]) order by id`.execute(ctx.db);
  const moves: ShareMove[] = [];
  for (const row of r.rows) {
    const same = await sql<{ id: string; level: string }>`select id, level from sys_share
      where object = ${obj.name} and record_id = ${survivor} and coalesce(user_id, 0) = ${row.user_id ?? 0}
        and coalesce(department_id, 0) = ${row.department_id ?? 0}`.execute(ctx.db);
    const kept = same.rows[0];
    if (!kept) {
      await sql`update sys_share set record_id = ${survivor} where id = ${row.id}`.execute(ctx.db);
      moves.push({ op: 'moved', id: Number(row.id), from: Number(row.record_id) });
      continue;
    }
    if (row.level === 'edit' && kept.level === 'read') {
      await sql`update sys_share set level = 'edit' where id = ${kept.id}`.execute(ctx.db);
      moves.push({ op: 'raised', id: Number(kept.id), level: kept.level });
    }
    await sql`delete from sys_share where id = ${row.id}`.execute(ctx.db);
    const created = row.created_at as unknown;
    moves.push({
      op: 'dropped',
      row: { ...row, created_at: created instanceof Date ? created.toISOString() : row.created_at },
    });
  }
  return moves;
}

/** Undo share moves in reverse order. */
export async function restoreShares(ctx: Ctx, obj: ObjectDef, moves: ShareMove[]): Promise<void> {
  for (const m of [...moves].reverse()) {
    if (m.op === 'moved') {
      await sql`update sys_share s set record_id = ${m.from} where s.id = ${m.id} and not exists (
          select 1 from sys_share x where x.object = s.object and x.record_id = ${m.from}
            and coalesce(x.user_id, 0) = coalesce(s.user_id, 0) and coalesce(x.department_id, 0) = coalesce(s.department_id, 0))`.execute(
        ctx.db,
      );
    } else if (m.op === 'raised') {
      await sql`update sys_share set level = ${m.level} where id = ${m.id}`.execute(ctx.db);
    } else {
      const s = m.row;
      await sql`insert into sys_share (id, object, record_id, user_id, department_id, level, created_by, created_at)
        overriding system value values (${s.id}, ${obj.name}, ${s.record_id}, ${s.user_id}, ${s.department_id},
          ${s.level}, ${s.created_by}, ${s.created_at}) on conflict do nothing`.execute(ctx.db);
    }
  }
}
