import { KehuError } from '../errors.ts';
import { indexName } from '../metadata/sql-names.ts';
import type { ObjectDef } from '../metadata/types.ts';

/** Translate constraint violations into field errors; other errors pass through. */
export function mapDbError(err: unknown, obj: ObjectDef): unknown {
  const e = err as { code?: string; constraint?: string };
  if (e?.code === '23505') {
    for (const f of obj.fields.values()) {
      const col = f.impl.columns(f)[0]?.name;
      if (col && e.constraint === indexName('uq', obj.table, col)) {
        return new KehuError('DUPLICATE_VALUE', { field: f.name }, { [f.name]: 'duplicate' });
      }
    }
    return new KehuError('DUPLICATE_VALUE', { field: '' });
  }
  if (e?.code === '23503') return new KehuError('IN_USE');
  return err;
}
