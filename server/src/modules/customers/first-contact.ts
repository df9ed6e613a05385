import type { FieldErrorCode, Label } from '@kehu/common';
import type { FastifyInstance } from 'fastify';
import { type Ctx, transaction } from '../../engine/context.ts';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import { createRecord } from '../../engine/records/save.ts';
import { allowParams, bodyOf, ctxOf } from '../../http/context.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A contact's field problems as problems of the request's `contact.<field>`, named 「联系人·手机」 so that the message
 * says which record the field belongs to.
 */
function asContactProblem(ctx: Ctx, e: KehuError): KehuError {
  const contact = ctx.registry.get('contact');
  const fields: Record<string, FieldErrorCode> = {};
  const labels: Record<string, Label> = {};
  for (const [name, code] of Object.entries(e.fields ?? {})) {
    fields[`contact.${name}`] = code;
    const l = e.fieldLabels?.[name];
    if (l)
      labels[`contact.${name}`] = {
        'zh-CN': `${contact.label['zh-CN']}·${l['zh-CN']}`,
        'en-US': `${contact.label['en-US'] ?? contact.label['zh-CN']} · ${l['en-US'] ?? l['zh-CN']}`,
      };
  }
  const out = validationFailed(fields, labels);
  if (e.fieldParams)
    out.fieldParams = Object.fromEntries(Object.entries(e.fieldParams).map(([k, v]) => [`contact.${k}`, v]));
  return out;
}

/**
 * A new customer with its first contact (CUS-1, CUS-2, CUS-10): both through the engine's write pipeline (rights,
 * validation, hooks, history) in ONE transaction, so a bad contact leaves no customer behind.
 */
export async function createWithContact(ctx: Ctx, customer: unknown, contact: unknown) {
  if (!isObject(customer)) throw new KehuError('BAD_REQUEST', { detail: 'customer must be a JSON object' });
  if (contact !== undefined && contact !== null && !isObject(contact))
    throw new KehuError('BAD_REQUEST', { detail: 'contact must be a JSON object' });
  return transaction(ctx, async (tx) => {
    const created = await createRecord(tx, 'customer', customer);
    if (!contact) return { customer: created, contact: null };
    try {
      return { customer: created, contact: await createRecord(tx, 'contact', { ...contact, customer: created.id }) };
    } catch (e) {
      throw e instanceof KehuError && e.code === 'VALIDATION_FAILED' ? asContactProblem(tx, e) : e;
    }
  });
}

/** `POST /api/customers/with-contact { customer: {…}, contact: {…} }` → 201 `{ data: customer, contact }`. */
export function registerFirstContactRoute(app: FastifyInstance): void {
  app.post('/api/customers/with-contact', async (req, reply) => {
    allowParams(req, []);
    const body = bodyOf(req, ['customer', 'contact']);
    const r = await createWithContact(ctxOf(req), body.customer, body.contact);
    return reply.status(201).send({ data: r.customer, contact: r.contact });
  });
}
