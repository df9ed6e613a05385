import type { Filter } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { parseFilterParam } from '../../engine/query/filter.ts';
import { departmentTree } from './org.ts';

/** Filters shared by funnel, forecast and analysis (SAL-2, SAL-4, SAL-5). */
export interface SalesParams {
  owner?: number;
  department?: number;
  dealer?: number;
  product?: number;
  customer?: number;
  /** Any further filter tree on opportunities, as in the records API. */
  filter?: Filter;
}

export const salesParamNames = ['owner', 'department', 'dealer', 'product', 'customer', 'filter'] as const;

function id(v: string | undefined, name: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  if (!/^\d{1,15}$/.test(v) || Number(v) <= 0) throw new KehuError('BAD_REQUEST', { detail: name });
  return Number(v);
}

export function salesParams(q: Record<string, string | undefined>): SalesParams {
  return {
    owner: id(q.owner, 'owner'),
    department: id(q.department, 'department'),
    dealer: id(q.dealer, 'dealer'),
    product: id(q.product, 'product'),
    customer: id(q.customer, 'customer'),
    filter: parseFilterParam(q.filter),
  };
}

/** `and` of the parts; undefined when there are none. */
export function all(...parts: Array<Filter | undefined>): Filter | undefined {
  const list = parts.filter((p): p is Filter => p !== undefined);
  return list.length === 0 ? undefined : list.length === 1 ? list[0] : { and: list };
}

/**
 * The filter tree of the parameters, on opportunities. It is what every figure's drill-down carries, so the
 * web can open /o/opportunity with it and see the same records (scope applies there as here).
 */
export async function salesFilter(ctx: Ctx, p: SalesParams): Promise<Filter | undefined> {
  const parts: Filter[] = [];
  if (p.owner) parts.push({ field: 'owner', op: 'eq', value: p.owner });
  if (p.department) parts.push({ field: 'owner.department', op: 'in', value: await departmentTree(ctx, p.department) });
  if (p.dealer)
    parts.push({
      or: [
        { field: 'dealer', op: 'eq', value: p.dealer },
        { field: 'customer', op: 'eq', value: p.dealer },
      ],
    });
  if (p.product) parts.push({ field: 'products', op: 'in', value: [p.product] });
  if (p.customer) parts.push({ field: 'customer', op: 'eq', value: p.customer });
  if (p.filter) parts.push(p.filter);
  return all(...parts);
}
