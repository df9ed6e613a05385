import { type RawBuilder, sql } from 'kysely';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';

/** Fields that quick search looks at: those declared with `search`, else the title field. */
export function searchFields(obj: ObjectDef): FieldDef[] {
  const declared = [...obj.fields.values()].filter((f) => f.search && f.column);
  if (declared.length) return declared;
  const title = obj.fields.get(obj.titleField);
  return title?.column ? [title] : [];
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Quick search condition (`q=`): substring on fuzzy fields, equality on exact ones. */
export function quickSearch(
  obj: ObjectDef,
  q: string,
  alias: string,
  visible: (f: FieldDef) => boolean,
): RawBuilder<unknown> {
  const term = q.trim().slice(0, 100);
  const parts = searchFields(obj)
    .filter(visible)
    .map((f) =>
      f.search === 'exact'
        ? sql`${sql.ref(`${alias}.${f.column}`)}::text = ${term}`
        : sql`${sql.ref(`${alias}.${f.column}`)}::text ilike ${`%${likeEscape(term)}%`}`,
    );
  if (parts.length === 0 || term === '') return sql`true`;
  return sql`(${sql.join(parts, sql` or `)})`;
}
