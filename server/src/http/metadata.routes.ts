import { defaultNav, labelText } from '@kehu/common';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../engine/context.ts';
import { transaction } from '../engine/context.ts';
import { KehuError } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';
import { addCustomField, createCustomObject } from '../engine/metadata/custom.ts';
import { isBuiltin } from '../engine/metadata/registry.ts';
import { announceMetadataChange } from '../engine/metadata/sync.ts';
import type { FieldDef, ObjectDef } from '../engine/metadata/types.ts';
import { searchFields } from '../engine/search/quick.ts';
import { allowParams, ctxOf } from './context.ts';

function describeField(f: FieldDef, ctx: Ctx, obj: ObjectDef) {
  const queryable = f.impl.secret || ctx.access.canQueryField(obj, f);
  return {
    name: f.name,
    type: f.type,
    label: f.label,
    required: f.required ?? false,
    readOnly: isBuiltin(f) || !f.impl.writable || f.readOnly === true || !ctx.access.canWriteField(obj, f),
    custom: f.custom,
    ...(f.options ? { options: f.options } : {}),
    ...(f.object ? { object: f.object } : {}),
    ...(f.field ? { field: f.field } : {}),
    ...(f.maxLength ? { maxLength: f.maxLength } : {}),
    ...(f.min !== undefined ? { min: f.min } : {}),
    ...(f.max !== undefined ? { max: f.max } : {}),
    ...(f.pattern ? { pattern: f.pattern } : {}),
    ...(f.level ? { level: f.level } : {}),
    ...(f.search ? { search: f.search } : {}),
    ...(f.default !== undefined ? { default: f.default } : {}),
    ...(f.resultType ? { resultType: f.resultType } : {}),
    ...(f.dependsOn ? { dependsOn: f.dependsOn } : {}),
    ...(f.internal ? { internal: true } : {}),
    ...(f.visibleWhen ? { visibleWhen: f.visibleWhen } : {}),
    // A field the caller sees masked is shown, never queried (SEC-14): the client offers no filter, sort or group.
    ...(queryable ? {} : { masked: true }),
    ops: queryable ? f.impl.ops : [],
    sortable: queryable && f.impl.sortable,
    groupable: queryable && f.impl.groupable,
    aggregates: queryable ? f.impl.aggregates : [],
  };
}

export function describeObject(obj: ObjectDef, ctx: Ctx) {
  const ops = ['create', 'read', 'update', 'delete', 'export', 'import', 'assign', 'share'] as const;
  return {
    name: obj.name,
    label: obj.label,
    ...(obj.pluralLabel ? { pluralLabel: obj.pluralLabel } : {}),
    title: labelText(obj.label, ctx.locale),
    titleField: obj.titleField,
    custom: obj.custom,
    readOnly: obj.apiReadOnly,
    ...(obj.decl.defaultSort ? { defaultSort: obj.decl.defaultSort } : {}),
    // Where the menu lists it (the web client groups entries by the user's work), and whether global search looks at it.
    nav: obj.decl.nav ?? defaultNav,
    ...(obj.decl.icon ? { icon: obj.decl.icon } : {}),
    searchable: !obj.noHistory && searchFields(obj, true).length > 0,
    rights: Object.fromEntries(ops.map((op) => [op, ctx.access.scope(obj.name, op)])),
    fields: [...obj.fields.values()]
      .filter((f) => (f.impl.secret ? ctx.access.canWriteField(obj, f) : ctx.access.canReadField(obj, f)))
      .map((f) => describeField(f, ctx, obj)),
  };
}

function requireAdmin(ctx: Ctx) {
  if (!ctx.actor.isAdmin) throw new KehuError('FORBIDDEN');
}

/** Metadata API: what the caller may see, and run-time objects and fields for administrators (WF-1). */
export function registerMetadataRoutes(app: FastifyInstance, engine: Engine): void {
  app.get('/api/metadata/objects', async (req) => {
    allowParams(req, []);
    const ctx = ctxOf(req);
    const visible = engine.registry.all().filter((o) => ctx.access.scope(o.name, 'read') !== 'none');
    return { data: visible.map((o) => describeObject(o, ctx)) };
  });

  app.get<{ Params: { object: string } }>('/api/metadata/objects/:object', async (req) => {
    allowParams(req, []);
    const ctx = ctxOf(req);
    const obj = engine.registry.get(req.params.object);
    if (ctx.access.scope(obj.name, 'read') === 'none') throw new KehuError('UNKNOWN_OBJECT', { object: obj.name });
    return { data: describeObject(obj, ctx) };
  });

  app.post('/api/metadata/objects', async (req, reply) => {
    allowParams(req, []);
    const ctx = ctxOf(req);
    requireAdmin(ctx);
    const obj = await transaction(ctx, async (tx) => {
      const created = await createCustomObject(tx.db, engine.registry, req.body, ctx.actor.userId);
      await announceMetadataChange(tx.db);
      return created;
    });
    return reply.status(201).send({ data: describeObject(obj, ctx) });
  });

  app.post<{ Params: { object: string } }>('/api/metadata/objects/:object/fields', async (req, reply) => {
    allowParams(req, []);
    const ctx = ctxOf(req);
    requireAdmin(ctx);
    const obj = engine.registry.get(req.params.object);
    const f = await transaction(ctx, (tx) =>
      addCustomField(tx.db, engine.registry, obj.name, req.body, ctx.actor.userId),
    );
    return reply.status(201).send({ data: describeField(f, ctx, obj) });
  });
}
