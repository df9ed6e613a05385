import { formatPhone, labelText } from '@kehu/common';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../engine/context.ts';
import { KehuError } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';
import type { FieldDef, ObjectDef } from '../engine/metadata/types.ts';
import { listRecords } from '../engine/query/list.ts';
import { searchFields } from '../engine/search/quick.ts';
import { allowParams, ctxOf } from './context.ts';

/** A formatted value as one line of text (references by their label, phones as people write them). */
function text(v: unknown, f?: FieldDef): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (f?.type === 'phone' && typeof v === 'string') return formatPhone(v);
  if (typeof v === 'object' && !Array.isArray(v) && 'label' in v) return text((v as { label: unknown }).label);
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return null;
}

/** Business objects the caller may read that declare search fields; logs (no history) are not searched. */
function searchable(ctx: Ctx, engine: Engine): ObjectDef[] {
  return engine.registry
    .all()
    .filter((o) => !o.noHistory && ctx.access.scope(o.name, 'read') !== 'none' && searchFields(o, true).length > 0);
}

async function searchObject(ctx: Ctx, obj: ObjectDef, q: string, limit: number) {
  const { data } = await listRecords(ctx, obj, { q, limit });
  const others = searchFields(obj, true).filter((f: FieldDef) => f.column && f.name !== obj.titleField);
  return data.map((r) => ({
    id: r.id as number,
    title: text(r[obj.titleField]) ?? `#${r.id}`,
    subtitle:
      others
        .map((f) => text(r[f.name], f))
        .filter(Boolean)
        .join(' · ') || null,
  }));
}

/** Global search (CUS-3): every readable object with search fields, grouped, through listRecords (scopes apply). */
export function registerSearchRoutes(app: FastifyInstance, engine: Engine): void {
  app.get('/api/search', async (req) => {
    const params = allowParams(req, ['q', 'limit']);
    const ctx = ctxOf(req);
    const q = (params.q ?? '').trim();
    const limit = params.limit === undefined ? 5 : Number(params.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 20) throw new KehuError('BAD_REQUEST', { detail: 'limit' });
    if (q === '') return { data: [] };
    const objects = searchable(ctx, engine);
    const found = await Promise.all(objects.map((o) => searchObject(ctx, o, q, limit)));
    return {
      data: objects
        .map((o, i) => ({
          object: o.name,
          label: labelText(o.pluralLabel ?? o.label, ctx.locale, o.name),
          records: found[i],
        }))
        .filter((g) => g.records.length > 0),
    };
  });
}
