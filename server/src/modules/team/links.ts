import type { FieldErrorCode } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { validationFailed } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { manyToOne } from '../../engine/metadata/define.ts';
import { getRecord } from '../../engine/query/list.ts';
import { inScope } from '../../engine/records/fetch.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { l } from './options.ts';

/**
 * Links to objects of modules that may not be installed (opportunities come with sales, orders with the orders
 * module). They are attached at setup, after every module has registered its objects, so the order of modules does
 * not matter; without the target object the field simply does not exist.
 */
const optional: Array<{ object: string; field: string; target: string[]; label: ReturnType<typeof l> }> = [
  { object: 'activity', field: 'opportunity', target: ['opportunity'], label: l('商机', 'Opportunity') },
  { object: 'event', field: 'opportunity', target: ['opportunity'], label: l('商机', 'Opportunity') },
  { object: 'task', field: 'opportunity', target: ['opportunity'], label: l('商机', 'Opportunity') },
  { object: 'expense', field: 'opportunity', target: ['opportunity'], label: l('商机', 'Opportunity') },
  { object: 'expense', field: 'order', target: ['order', 'salesOrder'], label: l('订单', 'Order') },
];

export function attachOptionalLinks(engine: Engine): void {
  const reg = engine.registry;
  for (const o of optional) {
    const target = o.target.find((t) => reg.has(t));
    const def = reg.get(o.object);
    if (!target || def.fields.has(o.field)) continue;
    reg.attachField(def, o.field, manyToOne({ label: o.label, object: target }), false);
  }
}

/** Relation fields through which team records point at business records. */
export const linkFields = ['customer', 'contact', 'opportunity', 'order', 'activity'] as const;

/**
 * A team record may only point at records its author can read: otherwise a salesperson could attach activities or
 * expenses to a colleague's customer and learn that it exists. Unreadable links are "not found". An empty customer
 * is filled from the contact or opportunity first.
 */
export async function checkLinks(ctx: Ctx, e: WriteEvent): Promise<void> {
  await fillCustomer(ctx, e);
  const problems: Record<string, FieldErrorCode> = {};
  for (const name of linkFields) {
    const f = e.object.fields.get(name);
    const id = f?.column ? e.values[f.column] : undefined;
    if (id === undefined || id === null) continue;
    const target = ctx.registry.get(f!.object!);
    if (!(await inScope(ctx, target, Number(id), 'read'))) problems[name] = 'notFound';
  }
  if (Object.keys(problems).length) throw validationFailed(problems);
}

/**
 * A contact or opportunity fills an empty customer with its own; one of another customer is refused ("mismatch").
 * They are read through the engine, so a contact the author cannot see is "not found".
 */
async function fillCustomer(ctx: Ctx, e: WriteEvent): Promise<void> {
  const customerField = e.object.fields.get('customer');
  if (!customerField?.column) return;
  for (const via of ['contact', 'opportunity']) {
    const f = e.object.fields.get(via);
    const id = refOf(e, via);
    if (!f || id === null || !(writes(e, via) || writes(e, 'customer'))) continue;
    const target = ctx.registry.get(f.object!);
    if (!target.fields.has('customer')) continue;
    const rec = await getRecord(ctx, target, id).catch(() => null);
    if (!rec) throw validationFailed({ [via]: 'notFound' });
    const of = (rec.customer as { id: number } | null | undefined)?.id ?? null;
    const customer = refOf(e, 'customer');
    if (customer === null && of !== null) e.values[customerField.column] = of;
    else if (customer !== null && of !== null && customer !== of) throw validationFailed({ [via]: 'mismatch' });
  }
}

/** The column of a field of an object, from metadata. */
export function col(ctx: Ctx | Engine, object: string, field: string): string {
  const column = ctx.registry.get(object).fields.get(field)?.column;
  if (!column) throw new Error(`${object}.${field} has no column`);
  return column;
}

/** A relation value in a write event: the new column value if written, else the stored one (API form `{ id }`). */
export function refOf(e: WriteEvent, field: string): number | null {
  const f = e.object.fields.get(field);
  if (!f?.column) return null;
  if (f.column in e.values) return e.values[f.column] === null ? null : Number(e.values[f.column]);
  const before = e.before?.[field] as { id?: number } | null | undefined;
  return before?.id ?? null;
}

/** A scalar value in a write event: the new column value if written, else the stored (API form) one. */
export function valueIn(e: WriteEvent, field: string): unknown {
  const f = e.object.fields.get(field);
  if (f?.column && f.column in e.values) return e.values[f.column];
  return e.before?.[field] ?? null;
}

/** Is the field written by this event? */
export const writes = (e: WriteEvent, field: string) => {
  const c = e.object.fields.get(field)?.column;
  return c !== undefined && c in e.values;
};
