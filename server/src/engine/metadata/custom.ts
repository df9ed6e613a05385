import type { FieldDecl, ObjectDecl } from '@kehu/common';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import { loadDictionary } from '../dictionary/merge.ts';
import { validationFailed } from '../errors.ts';
import { createTableSql, fieldDdl, syncSchema } from './ddl.ts';
import type { Registry } from './registry.ts';
import type { ObjectDef } from './types.ts';
import { assertObjectDecl, fieldDeclProblems } from './validate-decl.ts';

/** Register administrators' objects and fields from the metadata tables, then put the data dictionary in force. */
export async function loadCustomMetadata(db: Db, registry: Registry): Promise<void> {
  const objects = await sql<{
    name: string;
    decl: ObjectDecl;
  }>`select name, decl from sys_object order by created_at`.execute(db);
  const fresh: ObjectDef[] = [];
  for (const o of objects.rows) if (!registry.has(o.name)) fresh.push(registry.register(o.decl, true));
  const fields = await sql<{ object: string; name: string; decl: FieldDecl }>`select object, name, decl from sys_field
    order by created_at`.execute(db);
  for (const f of fields.rows) {
    if (!registry.has(f.object)) continue;
    const obj = registry.get(f.object);
    if (!obj.fields.has(f.name)) registry.attachField(obj, f.name, f.decl, true);
  }
  if (fresh.length) await syncSchema(db, registry, fresh);
  await loadDictionary(db, registry);
}

async function run(db: Db, statements: string[]) {
  for (const s of statements) await sql.raw(s).execute(db);
}

/**
 * Create an object at run time (WF-1): a metadata row plus a real table, columns and indexes, in the
 * caller's transaction. PostgreSQL DDL is transactional, so a failure leaves nothing behind.
 */
export async function createCustomObject(
  db: Db,
  registry: Registry,
  decl: unknown,
  userId: number,
): Promise<ObjectDef> {
  assertObjectDecl(decl, registry);
  const clean: ObjectDecl = {
    name: decl.name,
    label: decl.label,
    pluralLabel: decl.pluralLabel,
    titleField: decl.titleField,
    fields: decl.fields,
    // Where the menu lists it; without a choice, with the business data (`defaultNav`).
    ...(decl.nav ? { nav: decl.nav } : {}),
  };
  const def = registry.register(clean, true);
  try {
    await sql`insert into sys_object (name, decl, created_by) values (${def.name}, ${JSON.stringify(clean)}, ${userId})`.execute(
      db,
    );
    await run(db, createTableSql(def));
    for (const f of def.fields.values()) await run(db, fieldDdl(def, f, registry));
  } catch (err) {
    registry.forget(def.name);
    throw err;
  }
  return def;
}

/** Add a field to any object at run time (WF-1). */
export async function addCustomField(db: Db, registry: Registry, objectName: string, body: unknown, userId: number) {
  const obj = registry.get(objectName);
  const { name, ...decl } = (typeof body === 'object' && body !== null ? body : {}) as FieldDecl & { name: string };
  const problems = fieldDeclProblems(decl, registry);
  if (Object.keys(problems).length) throw validationFailed(problems);
  const field = registry.attachField(obj, name, decl, true);
  try {
    await sql`insert into sys_field (object, name, decl, created_by) values (${obj.name}, ${name}, ${JSON.stringify(decl)}, ${userId})`.execute(
      db,
    );
    await run(db, fieldDdl(obj, field, registry));
    // A new owner field takes over the "own" scopes: existing records start owned by their creators.
    if (field.type === 'owner' && obj.ownerField === field) {
      await sql`update ${sql.table(obj.table)} set ${sql.ref(field.column!)} = created_by`.execute(db);
    }
  } catch (err) {
    obj.fields.delete(name);
    if (obj.ownerField === field) {
      obj.ownerField = undefined;
      obj.ownerColumn = obj.decl.scopeColumn ?? 'created_by';
    }
    throw err;
  }
  return field;
}
