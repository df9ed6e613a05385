import type { FieldDecl } from '@kehu/common';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import type { ParseContext } from './field-type.ts';
import { fieldType } from './index.ts';

/** A field resolved just enough for pure parsing in unit tests (no database). */
export function testField(name: string, decl: FieldDecl, column = name): FieldDef {
  return { ...decl, name, label: { 'zh-CN': name }, column, custom: false, impl: fieldType(decl.type)! };
}

export function testObject(fields: FieldDef[]): ObjectDef {
  return {
    name: 'thing',
    label: { 'zh-CN': 'thing' },
    table: 'obj_thing',
    titleField: 'name',
    fields: new Map(fields.map((f) => [f.name, f])),
    ownerColumn: 'created_by',
    custom: false,
    noHistory: false,
    apiReadOnly: false,
    decl: { name: 'thing', label: { 'zh-CN': 'thing' }, fields: {} },
  };
}

/** Parse context whose database must not be touched. */
export function testContext(field: FieldDef, object = testObject([field])): ParseContext {
  return {
    db: undefined as never,
    object,
    field,
    userId: 1,
    timezone: 'Asia/Shanghai',
    objectDef: () => {
      throw new Error('no objects in unit tests');
    },
  };
}

/** The FieldProblem code thrown by `fn`, or undefined. */
export async function problemOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
    return undefined;
  } catch (err) {
    return (err as { problem?: string }).problem ?? `threw ${String(err)}`;
  }
}
