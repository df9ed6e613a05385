import type { FieldErrorCode } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { validationFailed } from '../../engine/errors.ts';
import { regionColumn } from '../../engine/fields/region.field.ts';
import type { Engine } from '../../engine/kernel.ts';
import type { ObjectDef } from '../../engine/metadata/types.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { isValidCreditCode, normalizeCreditCode } from './credit-code.ts';
import { reportsToCycle } from './org-chart-cycle.ts';
import { systemTx } from './ownership-input.ts';

/** Fields a customer of each type must have besides its name (CUS-2): dealers sign contracts for a territory. */
export const requiredByType: Record<string, string[]> = {
  dealer: ['creditCode', 'region'],
};

const col = (obj: ObjectDef, field: string) => obj.fields.get(field)!.column!;

/** The value a field will have after this write: the new column value if written, else the stored one. */
function present(e: WriteEvent, field: string): boolean {
  const obj = e.object;
  const f = obj.fields.get(field)!;
  const column = f.type === 'region' ? regionColumn(f.column!, 'province') : f.column!;
  if (column in e.values) return e.values[column] !== null && e.values[column] !== '';
  const before = e.before?.[field];
  return before !== null && before !== undefined && before !== '';
}

function checkCustomer(e: WriteEvent): void {
  const obj = e.object;
  const problems: Record<string, FieldErrorCode> = {};
  const code = col(obj, 'creditCode');
  if (typeof e.values[code] === 'string') {
    const normal = normalizeCreditCode(e.values[code] as string);
    if (isValidCreditCode(normal)) e.values[code] = normal;
    else problems.creditCode = 'invalidCreditCode';
  }
  const postcode = col(obj, 'postcode');
  if (typeof e.values[postcode] === 'string' && !/^\d{6}$/.test(e.values[postcode] as string)) {
    problems.postcode = 'format';
  }
  const parent = col(obj, 'parent');
  if (e.id !== undefined && e.values[parent] === e.id) problems.parent = 'format';
  const type = (col(obj, 'type') in e.values ? e.values[col(obj, 'type')] : e.before?.type) as string | undefined;
  for (const field of requiredByType[type ?? ''] ?? []) {
    if (!problems[field] && !present(e, field)) problems[field] = 'required';
  }
  if (Object.keys(problems).length) throw validationFailed(problems);
}

/** System-kept facts: since when the owner owns the customer (CUS-8 "since when"), and pool membership. */
function keepOwnership(e: WriteEvent): void {
  const obj = e.object;
  const owner = col(obj, 'owner');
  const since = col(obj, 'ownerSince');
  if (e.action === 'create') {
    e.values[since] ??= new Date().toISOString();
    e.values[col(obj, 'inPool')] ??= false;
    return;
  }
  const was = (e.before?.owner as { id?: number } | null)?.id ?? null;
  if (owner in e.values && e.values[owner] !== was) e.values[since] = new Date().toISOString();
}

const lunarDay =
  /^闰?(正|一|二|三|四|五|六|七|八|九|十|十一|十二|冬|腊)月(初[一二三四五六七八九十]|十[一二三四五六七八九]|二十|廿[一二三四五六七八九]|三十)$/;

async function checkContact(engine: Engine, ctx: Ctx, e: WriteEvent): Promise<void> {
  const obj = e.object;
  const problems: Record<string, FieldErrorCode> = {};
  const lunar = col(obj, 'lunarBirthday');
  if (typeof e.values[lunar] === 'string' && !lunarDay.test(e.values[lunar] as string))
    problems.lunarBirthday = 'format';
  const reportsTo = col(obj, 'reportsTo');
  const manager = e.values[reportsTo] == null ? null : Number(e.values[reportsTo]);
  if (e.id !== undefined && manager === e.id) problems.reportsTo = 'format';
  else if (e.id !== undefined && manager !== null && (await reportsToCycle(systemTx(engine, ctx), e.id, manager)))
    problems.reportsTo = 'cycle';
  if (Object.keys(problems).length) throw validationFailed(problems);
}

export function registerCustomerHooks(engine: Engine): void {
  engine.registry.hooks.on('customer', {
    before(_ctx, e) {
      if (e.action === 'delete' || e.action === 'undelete') return;
      checkCustomer(e);
      keepOwnership(e);
    },
    // Checks and fills values only: staged creates (a large import) run it as any create.
    staged: {},
  });
  engine.registry.hooks.on('contact', {
    async before(ctx, e) {
      if (e.action !== 'delete' && e.action !== 'undelete') await checkContact(engine, ctx, e);
    },
    // A create reads nothing (the reporting-line check needs the record's id): staged creates run it as any create.
    staged: {},
  });
}
