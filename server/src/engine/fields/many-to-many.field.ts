import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { FieldProblem } from '../errors.ts';
import { snake } from '../metadata/names.ts';
import { indexName, q } from '../metadata/sql-names.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { lookupTitles } from '../query/labels.ts';
import type { FieldType } from './field-type.ts';
import { assertExists, parseId } from './relation.field.ts';

const maxLinks = 1000;

/** `rel_<object table>_<field>`; hashed when it would pass PostgreSQL's 63-byte identifier limit. */
export function linkTableName(objectTable: string, fieldName: string): string {
  const name = `rel_${objectTable}_${snake(fieldName)}`;
  return name.length <= 63 ? name : `rel_${createHash('sha1').update(name).digest('hex').slice(0, 24)}`;
}

// The registry records the table on the field because filter conditions do not see the owning object.
function linkTable(f: FieldDef, object?: ObjectDef): string {
  if (f.linkTable) return f.linkTable;
  if (!object) throw new Error(`many-to-many field ${f.name} has no link table`);
  return linkTableName(object.table, f.name);
}

/** Ids as numbers or `{ id }`, duplicates removed. Null or [] clears the links. */
export function parseIds(v: unknown): number[] {
  if (v === null || v === undefined || v === '') return [];
  if (!Array.isArray(v)) throw new FieldProblem('type');
  if (v.length > maxLinks) throw new FieldProblem('tooLarge');
  return [...new Set(v.map(parseId))];
}

/** Links to any number of records of another object, kept in a join table. */
export const manyToManyField: FieldType = {
  name: 'manyToMany',
  kind: 'none',
  columns: () => [],
  writable: true,
  // Empty values never get here: the pipeline turns them into `$links: []`.
  async parse(v, ctx) {
    const ids = parseIds(v);
    await assertExists(ctx, ctx.objectDef(ctx.field.object!), ids);
    return { $links: ids };
  },
  async writeLinks(db, f, object, recordId, links) {
    const ids = parseIds(links);
    const table = sql.table(linkTable(f, object));
    await sql`delete from ${table} where a_id = ${recordId} and b_id <> all(${ids}::bigint[])`.execute(db);
    if (ids.length === 0) return;
    await sql`insert into ${table} (a_id, b_id) select ${recordId}, unnest(${ids}::bigint[])
      on conflict do nothing`.execute(db);
  },
  async loadMany(db, f, object, rows, objectDef, reach) {
    const ids = rows.map((r) => r.id).filter((id) => id !== undefined && id !== null);
    for (const r of rows) r[f.name] = [];
    if (ids.length === 0) return;
    const target = objectDef(f.object!);
    // One query for the whole page; records in the recycle bin are not shown as links, unreadable ones are
    // shown without their title.
    const res = await sql<{
      a_id: number;
      id: number;
    }>`select l.a_id, x.id from ${sql.table(linkTable(f, object))} as l
      join ${sql.table(target.table)} as x on x.id = l.b_id and x.deleted_at is null
      where l.a_id = any(${ids}::bigint[]) order by l.a_id, x.id`.execute(db);
    const titles = await lookupTitles(
      db,
      target,
      res.rows.map((l) => Number(l.id)),
      reach,
    );
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    for (const link of res.rows) {
      const label = titles.get(Number(link.id));
      const item = titles.has(Number(link.id))
        ? { id: link.id, label }
        : { id: link.id, label: null, restricted: true };
      byId.get(String(link.a_id))?.[f.name].push(item);
    }
  },
  format: (row, f) => row[f.name] ?? [],
  ops: ['in', 'notIn', 'isEmpty', 'isNotEmpty'],
  filterValue: parseId,
  condition(a) {
    const table = sql.table(linkTable(a.field));
    const owner = sql.ref(`${a.alias}.id`);
    if (a.op === 'in' || a.op === 'notIn') {
      if (!Array.isArray(a.value) || a.value.length === 0 || a.value.length > maxLinks)
        throw new FieldProblem('format');
      const ids = a.value.map(parseId);
      const linked = sql`exists (select 1 from ${table} as lk where lk.a_id = ${owner} and lk.b_id = any(${ids}::bigint[]))`;
      return a.op === 'in' ? linked : sql`not ${linked}`;
    }
    const target = a.objectDef(a.field.object!);
    const any = sql`exists (select 1 from ${table} as lk join ${sql.table(target.table)} as lx
      on lx.id = lk.b_id and lx.deleted_at is null where lk.a_id = ${owner})`;
    if (a.op === 'isNotEmpty') return any;
    if (a.op === 'isEmpty') return sql`not ${any}`;
    throw new FieldProblem('format');
  },
  sortable: false,
  groupable: false,
  aggregates: [],
  jsonSchema: (f) => ({
    type: 'array',
    maxItems: maxLinks,
    items: { type: 'integer', description: `id of a ${f.object} record` },
  }),
  extraDdl(f, object, objectDef) {
    const table = linkTable(f, object);
    const target = objectDef(f.object!);
    return [
      `create table if not exists ${q(table)} (
        a_id bigint not null references ${q(object.table)} (id) on delete cascade,
        b_id bigint not null references ${q(target.table)} (id) on delete cascade,
        primary key (a_id, b_id)
      )`,
      `create index if not exists ${q(indexName('ix', table, 'b_id'))} on ${q(table)} (b_id)`,
    ];
  },
};
