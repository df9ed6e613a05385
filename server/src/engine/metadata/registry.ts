import type { FieldDecl, ObjectDecl } from '@kehu/common';
import { effectiveOptions } from '../dictionary/merge.ts';
import { KehuError } from '../errors.ts';
import { formulaSqlOrThrow } from '../fields/computed.field.ts';
import { fieldType } from '../fields/index.ts';
import { linkTableName } from '../fields/many-to-many.field.ts';
import { HookRegistry } from '../records/hooks.ts';
import { ImportMatcherRegistry } from '../transfer/import-matchers.ts';
import { assertName, snake, tableName } from './names.ts';
import type { FieldDef, ObjectDef } from './types.ts';

/** Fields every object has; read-only, filterable and sortable like any other. */
const builtins: Record<string, FieldDecl & { column: string }> = {
  id: { type: 'integer', column: 'id', label: { 'zh-CN': '编号', 'en-US': 'ID' }, readOnly: true },
  version: { type: 'integer', column: 'version', label: { 'zh-CN': '版本', 'en-US': 'Version' }, readOnly: true },
  createdAt: {
    type: 'datetime',
    column: 'created_at',
    label: { 'zh-CN': '创建时间', 'en-US': 'Created' },
    readOnly: true,
  },
  createdBy: {
    type: 'manyToOne',
    object: 'user',
    column: 'created_by',
    label: { 'zh-CN': '创建人', 'en-US': 'Created by' },
    readOnly: true,
  },
  updatedAt: {
    type: 'datetime',
    column: 'updated_at',
    label: { 'zh-CN': '修改时间', 'en-US': 'Updated' },
    readOnly: true,
  },
  updatedBy: {
    type: 'manyToOne',
    object: 'user',
    column: 'updated_by',
    label: { 'zh-CN': '修改人', 'en-US': 'Updated by' },
    readOnly: true,
  },
};
export const builtinFieldNames = new Set(Object.keys(builtins));

export interface BuiltinFieldDef extends FieldDef {
  builtin: true;
}

function columnFor(name: string, decl: FieldDecl, prefix: string): string | undefined {
  if (decl.type === 'oneToMany' || decl.type === 'manyToMany') return undefined;
  const base = `${prefix}${snake(name)}`;
  return decl.type === 'manyToOne' || decl.type === 'owner' ? `${base}_id` : base;
}

/** The metadata registry of one application instance: code-declared objects plus administrators' ones. */
export class Registry {
  private readonly objects = new Map<string, ObjectDef>();
  readonly hooks = new HookRegistry();
  /** Ways to recognise existing records on import that modules declare (CUS-11). */
  readonly importMatchers = new ImportMatcherRegistry();

  register(decl: ObjectDecl, custom = false): ObjectDef {
    assertName(decl.name, 'object');
    if (this.objects.has(decl.name)) throw new KehuError('OBJECT_EXISTS', { object: decl.name });
    const def: ObjectDef = {
      name: decl.name,
      label: decl.label,
      pluralLabel: decl.pluralLabel,
      table: tableName(decl.name),
      titleField: decl.titleField ?? '',
      fields: new Map(),
      ownerColumn: decl.scopeColumn ?? 'created_by',
      custom,
      noHistory: decl.noHistory ?? false,
      apiReadOnly: decl.apiReadOnly ?? false,
      decl,
    };
    for (const [name, b] of Object.entries(builtins)) {
      const { column, ...rest } = b;
      def.fields.set(name, {
        ...rest,
        name,
        column,
        custom: false,
        impl: fieldType(b.type)!,
        builtin: true,
      } as BuiltinFieldDef);
    }
    for (const [name, f] of Object.entries(decl.fields)) this.attachField(def, name, f, custom, false);
    // Formulas are compiled once every field is known, so they may name fields declared after them; computed
    // fields move to the end so that their generated columns are created after the columns they read.
    for (const f of [...def.fields.values()].filter((x) => x.type === 'computed')) {
      f.formulaSql = formulaSqlOrThrow(f.formula, def);
      def.fields.delete(f.name);
      def.fields.set(f.name, f);
    }
    assertFieldRefs(def);
    this.objects.set(decl.name, def);
    return def;
  }

  /** Resolve one field declaration onto an object (validation of the declaration happens here). */
  attachField(def: ObjectDef, name: string, decl: FieldDecl, custom: boolean, compileFormula = true): FieldDef {
    assertName(name, 'field');
    if (def.fields.has(name)) throw new KehuError('FIELD_EXISTS', { field: name });
    const impl = fieldType(decl.type);
    if (!impl) throw new KehuError('VALIDATION_FAILED', { fields: 'type' }, { type: 'invalidOption' });
    const prefix = custom && !def.custom ? 'cf_' : '';
    const field: FieldDef = {
      ...decl,
      name,
      label: decl.label ?? { 'zh-CN': name, 'en-US': name },
      column: columnFor(name, decl, prefix),
      custom,
      impl,
    };
    if (decl.type === 'computed' && compileFormula) field.formulaSql = formulaSqlOrThrow(decl.formula, def);
    if (decl.type === 'manyToMany') field.linkTable = linkTableName(def.table, name);
    if (decl.type === 'picklist' || decl.type === 'multiPicklist') {
      field.declaredOptions = decl.options ?? [];
      field.options = effectiveOptions(field, undefined);
    }
    def.fields.set(name, field);
    if (decl.type === 'owner' && !def.ownerField) {
      def.ownerField = field;
      def.ownerColumn = field.column!;
    }
    if (!def.titleField || !def.fields.has(def.titleField)) {
      def.titleField = def.decl.titleField ?? (def.fields.has('name') ? 'name' : this.firstText(def));
    }
    return field;
  }

  private firstText(def: ObjectDef): string {
    for (const f of def.fields.values()) if (f.type === 'text' || f.type === 'autoNumber') return f.name;
    return 'id';
  }

  get(name: string): ObjectDef {
    const def = typeof name === 'string' ? this.objects.get(name) : undefined;
    if (!def) throw new KehuError('UNKNOWN_OBJECT', { object: String(name).slice(0, 60) });
    return def;
  }

  has(name: string): boolean {
    return this.objects.has(name);
  }

  all(): ObjectDef[] {
    return [...this.objects.values()];
  }

  /** Remove an object whose creation failed half-way (before it was committed). */
  forget(name: string): void {
    this.objects.delete(name);
  }
}

/** `dependsOn` and `visibleWhen` name fields of the same object (a declaration error, found at start-up). */
function assertFieldRefs(def: ObjectDef): void {
  for (const f of def.fields.values()) {
    const dep = f.dependsOn && def.fields.get(f.dependsOn.field);
    if (f.dependsOn && (f.type !== 'manyToOne' || !(dep?.type === 'manyToOne' || dep?.type === 'owner')))
      throw new Error(`${def.name}.${f.name}: dependsOn needs two references, not ${f.dependsOn.field}`);
    if (f.visibleWhen && !def.fields.has(f.visibleWhen.field))
      throw new Error(`${def.name}.${f.name}: visibleWhen names no field ${f.visibleWhen.field}`);
  }
}

export function isBuiltin(f: FieldDef): f is BuiltinFieldDef {
  return (f as BuiltinFieldDef).builtin === true;
}
