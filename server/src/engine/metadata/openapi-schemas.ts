import { filterOps, type Locale, labelText, type Operation, type Scope } from '@kehu/common';
import { ref, type Schema } from './openapi-shared.ts';
import { apiText } from './openapi-text.ts';
import { isBuiltin } from './registry.ts';
import type { FieldDef, ObjectDef } from './types.ts';

/** What the document may show. `Access` satisfies it; `null` stands for an anonymous caller. */
export interface ApiViewer {
  scope(object: string, op: Operation): Scope;
  canReadField(obj: ObjectDef, f: FieldDef): boolean;
  canWriteField(obj: ObjectDef, f: FieldDef): boolean;
}

/** Component names of one object's schemas (object names never contain a dot, so these cannot collide). */
export const schemaName = (
  obj: ObjectDef | null,
  part: 'Record' | 'Input' | 'Patch' | 'Values' | 'Filter' | 'Condition' | 'Page',
) => (obj ? `${obj.name}.${part}` : `Any.${part}`);

function nullable(s: Schema): Schema {
  if (typeof s.type === 'string' || Array.isArray(s.type)) {
    const types = [s.type].flat() as string[];
    const out: Schema = { ...s, type: types.includes('null') ? types : [...types, 'null'] };
    if (Array.isArray(s.enum)) out.enum = [...s.enum, null];
    return out;
  }
  return { anyOf: [s, { type: 'null' }] };
}

/** Fields a caller sees in records: never secrets, never virtual lists (they have their own routes). */
export function readableFields(obj: ObjectDef, viewer: ApiViewer): FieldDef[] {
  return [...obj.fields.values()].filter(
    (f) => !f.impl.secret && f.type !== 'oneToMany' && viewer.canReadField(obj, f),
  );
}

/** Fields a caller may send: writable, and readable unless secret (a password is written, never read). */
export function writableFields(obj: ObjectDef, viewer: ApiViewer): FieldDef[] {
  return [...obj.fields.values()].filter(
    (f) =>
      !isBuiltin(f) &&
      f.impl.writable &&
      f.readOnly !== true &&
      viewer.canWriteField(obj, f) &&
      (f.impl.secret || viewer.canReadField(obj, f)),
  );
}

function fieldDescription(f: FieldDef, locale: Locale): string {
  const parts = [labelText(f.label, locale, f.name)];
  if (f.help) parts.push(labelText(f.help, locale));
  const own = f.impl.jsonSchema(f).description;
  if (typeof own === 'string') parts.push(own);
  return parts.join(' — ');
}

/** A field as it comes back in a record. */
function outputSchema(f: FieldDef): Schema {
  if (f.type === 'manyToOne' || f.type === 'owner') return nullable(ref('Ref'));
  if (f.type === 'manyToMany') return { type: 'array', items: ref('Ref') };
  if (f.type === 'attachments') return { type: 'array', items: ref('Attachment') };
  const s = f.impl.jsonSchema(f);
  return s.type === 'array' ? s : nullable(s);
}

function recordSchema(obj: ObjectDef, viewer: ApiViewer, locale: Locale): Schema {
  const properties: Record<string, Schema> = {};
  for (const f of readableFields(obj, viewer)) {
    const readOnly = isBuiltin(f) || !f.impl.writable || f.readOnly === true || !viewer.canWriteField(obj, f);
    properties[f.name] = {
      ...outputSchema(f),
      title: labelText(f.label, locale, f.name),
      description: `${fieldDescription(f, locale)}. ${apiText(locale, 'ops')}: ${f.impl.ops.join(', ')}`,
      ...(readOnly ? { readOnly: true } : {}),
      'x-kehu-type': f.type,
      'x-kehu-operators': [...f.impl.ops],
      'x-kehu-sortable': f.impl.sortable,
      'x-kehu-groupable': f.impl.groupable,
      ...(f.impl.aggregates.length ? { 'x-kehu-aggregates': [...f.impl.aggregates] } : {}),
    };
  }
  properties.deletedAt = {
    type: 'string',
    format: 'date-time',
    readOnly: true,
    description: 'set on records in the recycle bin',
  };
  return {
    type: 'object',
    title: labelText(obj.label, locale, obj.name),
    required: ['id', 'version'],
    properties,
  };
}

/** Create input (`required` applies), a patch (with `version`) or bulk-update values (neither). */
function inputSchema(obj: ObjectDef, viewer: ApiViewer, locale: Locale, mode: 'create' | 'patch' | 'values'): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const f of writableFields(obj, viewer)) {
    const s = f.impl.jsonSchema(f);
    properties[f.name] = {
      ...(f.required ? s : nullable(s)),
      title: labelText(f.label, locale, f.name),
      description: fieldDescription(f, locale),
      ...(f.impl.secret ? { writeOnly: true } : {}),
      ...(f.default !== undefined ? { default: f.default } : {}),
    };
    if (mode === 'create' && f.required && f.default === undefined) required.push(f.name);
  }
  if (mode === 'patch') {
    properties.version = {
      type: 'integer',
      description: 'The version you read; a stale one gets 409 VERSION_CONFLICT (or send an If-Match header)',
    };
  }
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}

function conditionSchema(obj: ObjectDef, viewer: ApiViewer): Schema {
  const value = ref('FilterValue');
  const oneOf: Schema[] = readableFields(obj, viewer).map((f) => ({
    type: 'object',
    required: ['field', 'op'],
    additionalProperties: false,
    properties: { field: { const: f.name }, op: { enum: [...f.impl.ops] }, value },
  }));
  // Paths through many-to-one fields (`owner.department`) are checked against the target object's fields.
  oneOf.push({
    type: 'object',
    required: ['field', 'op'],
    additionalProperties: false,
    properties: {
      field: { type: 'string', pattern: '^[a-zA-Z0-9_]+(\\.[a-zA-Z0-9_]+)+$' },
      op: { enum: [...filterOps] },
      value,
    },
  });
  return { oneOf };
}

/** The filter tree: nested and / or / not around conditions. */
function filterSchema(self: string, condition: string): Schema {
  const list = { type: 'array', maxItems: 300, items: ref(self) };
  return {
    description:
      'A filter tree: { "and": [...] }, { "or": [...] }, { "not": {...} } or a condition { field, op, value }',
    oneOf: [
      { type: 'object', required: ['and'], additionalProperties: false, properties: { and: list } },
      { type: 'object', required: ['or'], additionalProperties: false, properties: { or: list } },
      { type: 'object', required: ['not'], additionalProperties: false, properties: { not: ref(self) } },
      ref(condition),
    ],
  };
}

function pageSchema(record: string): Schema {
  return {
    type: 'object',
    required: ['data', 'nextCursor'],
    properties: {
      data: { type: 'array', items: ref(record) },
      nextCursor: {
        type: ['string', 'null'],
        description: 'pass as `cursor` for the next page; null on the last page',
      },
      total: { type: 'integer', description: 'only with count=true or countUpTo' },
      totalCapped: { type: 'boolean', description: 'more records match than countUpTo' },
    },
  };
}

/** The component schemas of one object as the caller sees it (null: the generic shape for any object). */
export function objectSchemas(obj: ObjectDef | null, viewer: ApiViewer | null, locale: Locale): Record<string, Schema> {
  const n = (p: Parameters<typeof schemaName>[1]) => schemaName(obj, p);
  if (!obj || !viewer) {
    const any = { type: 'object', additionalProperties: true };
    const condition = {
      type: 'object',
      required: ['field', 'op'],
      properties: { field: { type: 'string' }, op: { enum: [...filterOps] }, value: ref('FilterValue') },
    };
    return {
      [n('Record')]: { ...any, description: 'A record; its fields are described once you sign in' },
      [n('Input')]: any,
      [n('Patch')]: { ...any, properties: { version: { type: 'integer' } } },
      [n('Values')]: any,
      [n('Filter')]: filterSchema(n('Filter'), n('Condition')),
      [n('Condition')]: condition,
      [n('Page')]: pageSchema(n('Record')),
    };
  }
  return {
    [n('Record')]: recordSchema(obj, viewer, locale),
    [n('Input')]: inputSchema(obj, viewer, locale, 'create'),
    [n('Patch')]: inputSchema(obj, viewer, locale, 'patch'),
    [n('Values')]: inputSchema(obj, viewer, locale, 'values'),
    [n('Filter')]: filterSchema(n('Filter'), n('Condition')),
    [n('Condition')]: conditionSchema(obj, viewer),
    [n('Page')]: pageSchema(n('Record')),
  };
}
