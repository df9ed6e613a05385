import { sql } from 'kysely';
import { FieldProblem } from '../errors.ts';
import type { FieldType } from './field-type.ts';

/**
 * The other side of a many-to-one (`{ type: 'oneToMany', object: 'contact', field: 'customer' }`). Virtual: no
 * column, not writable, not in record output (related lists have their own route); filterable as "has any".
 */
export const oneToManyField: FieldType = {
  name: 'oneToMany',
  kind: 'none',
  columns: () => [],
  writable: false,
  parse: () => ({}),
  format: () => undefined,
  ops: ['isEmpty', 'isNotEmpty'],
  condition(a) {
    const target = a.objectDef(a.field.object!);
    const back = target.fields.get(a.field.field!);
    if (!back?.column) throw new FieldProblem('format');
    // Records in the recycle bin do not count as related.
    const any = sql`exists (select 1 from ${sql.table(target.table)} as om
      where ${sql.ref(`om.${back.column}`)} = ${sql.ref(`${a.alias}.id`)} and om.deleted_at is null)`;
    if (a.op === 'isNotEmpty') return any;
    if (a.op === 'isEmpty') return sql`not ${any}`;
    throw new FieldProblem('format');
  },
  sortable: false,
  groupable: false,
  aggregates: [],
  jsonSchema: (f) => ({ type: 'array', readOnly: true, description: `related ${f.object} records (separate route)` }),
};
