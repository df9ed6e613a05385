import { namePattern } from '@kehu/common';
import { KehuError } from '../errors.ts';

/** camelCase → snake_case; names are already restricted to [a-zA-Z0-9_]. */
export function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function tableName(object: string): string {
  return `obj_${snake(object)}`;
}

/** Words PostgreSQL or the engine keep for themselves; never usable as field names. */
const reserved = new Set([
  'id',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'deleted_at',
  'deleted_by',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'deletedAt',
  'deletedBy',
]);

export function assertName(name: unknown, what: 'object' | 'field'): asserts name is string {
  if (typeof name !== 'string' || !namePattern.test(name) || reserved.has(name)) {
    throw new KehuError('VALIDATION_FAILED', { fields: 'name' }, { name: 'invalidName' });
  }
  if (what === 'object' && name.length > 30) {
    throw new KehuError('VALIDATION_FAILED', { fields: 'name' }, { name: 'invalidName' });
  }
}
