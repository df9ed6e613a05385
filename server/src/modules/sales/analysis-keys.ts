import type { AnalysisKey, Filter } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { regionColumn } from '../../engine/fields/region.field.ts';
import { regionLabel } from '../../engine/fields/region-data.ts';
import { departmentTree } from './filters.ts';
import { meta } from './meta.ts';
import { lastDay } from './period.ts';

export const bucketMonths: Record<string, number> = { year: 12, quarter: 3, month: 1 };

export interface KeyPlan {
  key: RawBuilder<unknown>;
  label: RawBuilder<unknown>;
  joins: RawBuilder<unknown>;
  /** Amount and units of one row of the FROM (a line when grouping by product). */
  amount: RawBuilder<unknown>;
  units: RawBuilder<unknown>;
  /** Opportunities counted once (by product, one per line row). */
  count: RawBuilder<unknown>;
}

/** SQL of one analysis key (SAL-5). Every name comes from metadata. */
export function keyPlan(ctx: Ctx, by: AnalysisKey | 'none'): KeyPlan {
  const o = meta(ctx, 'opportunity');
  const c = meta(ctx, 'customer');
  const u = meta(ctx, 'user');
  const d = meta(ctx, 'department');
  const l = meta(ctx, 'opportunityLine');
  const p = meta(ctx, 'product');
  const customer = sql`left join ${c.table} as c on c.id = ${o.ref('o', 'customer')}`;
  const owner = sql`left join ${u.table} as u on u.id = ${o.ref('o', 'owner')}`;
  const lineUnits = sql`left join lateral (select sum(${l.ref('l', 'quantity')}) as q from ${l.table} as l
    where ${l.ref('l', 'opportunity')} = o.id and l.deleted_at is null) lq on true`;
  const base = { amount: sql`${o.ref('o', 'amount')}`, units: sql`lq.q`, count: sql`count(*)` };
  const on = (key: RawBuilder<unknown>, label: RawBuilder<unknown>, joins: RawBuilder<unknown>): KeyPlan => ({
    key,
    label,
    joins: sql`${joins} ${lineUnits}`,
    ...base,
  });
  switch (by) {
    case 'year':
    case 'quarter':
    case 'month':
      return on(sql`date_trunc(${sql.lit(by)}, ${o.ref('o', 'closedOn')}::timestamp)::date::text`, sql`null`, sql``);
    case 'customer':
      return on(sql`${o.ref('o', 'customer')}::text`, sql`${c.ref('c', 'name')}`, customer);
    case 'owner':
      return on(sql`${o.ref('o', 'owner')}::text`, sql`${u.ref('u', 'name')}`, owner);
    case 'department':
      return on(
        sql`${u.ref('u', 'department')}::text`,
        sql`${d.ref('d', 'name')}`,
        sql`${owner} left join ${d.table} as d on d.id = ${u.ref('u', 'department')}`,
      );
    case 'region': {
      // The sales region (大区) above the owner's department.
      const up = sql`with recursive up(start, id, parent, kind) as (
          select t.id, t.id, ${d.ref('t', 'parent')}, ${d.ref('t', 'kind')} from ${d.table} as t where t.deleted_at is null
          union all select up.start, t.id, ${d.ref('t', 'parent')}, ${d.ref('t', 'kind')} from up
            join ${d.table} as t on t.id = up.parent where up.kind is distinct from 'region'
        ) select start, id from up where kind = 'region'`;
      return on(
        sql`rg.id::text`,
        sql`${d.ref('rd', 'name')}`,
        sql`${owner} left join (${up}) rg on rg.start = ${u.ref('u', 'department')}
          left join ${d.table} as rd on rd.id = rg.id`,
      );
    }
    case 'province':
      return on(sql`${sql.ref(`c.${regionColumn(c.c('region'), 'province')}`)}`, sql`null`, customer);
    case 'dealer':
      return on(
        sql`coalesce(${o.ref('o', 'dealer')}, case when ${c.ref('c', 'type')} = 'dealer' then c.id end)::text`,
        sql`coalesce(${c.ref('dl', 'name')}, case when ${c.ref('c', 'type')} = 'dealer' then ${c.ref('c', 'name')} end)`,
        sql`${customer} left join ${c.table} as dl on dl.id = ${o.ref('o', 'dealer')}`,
      );
    case 'product':
      return {
        key: sql`${l.ref('l', 'product')}::text`,
        label: sql`${p.ref('p', 'name')}`,
        joins: sql`left join ${l.table} as l on ${l.ref('l', 'opportunity')} = o.id and l.deleted_at is null
          left join ${p.table} as p on p.id = ${l.ref('l', 'product')}`,
        amount: sql`coalesce(${l.ref('l', 'amount')}, ${o.ref('o', 'amount')})`,
        units: sql`${l.ref('l', 'quantity')}`,
        count: sql`count(distinct o.id)`,
      };
    default:
      return on(sql`null::text`, sql`null`, sql``);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A readable label for keys whose label is not a record title. */
export function keyLabel(by: AnalysisKey, key: string | null, label: string | null): string | null {
  if (key === null) return label;
  if (by === 'year') return key.slice(0, 4);
  if (by === 'quarter') return `${key.slice(0, 4)}-Q${Math.ceil(Number(key.slice(5, 7)) / 3)}`;
  if (by === 'month') return key.slice(0, 7);
  if (by === 'province') return regionLabel([key]);
  return label;
}

/** The days of a time bucket that starts on `key`. */
export function bucketRange(by: AnalysisKey, key: string): [string, string] {
  const y = Number(key.slice(0, 4));
  const m = Number(key.slice(5, 7));
  const last = m + bucketMonths[by] - 1;
  return [key, `${y}-${pad(last)}-${pad(lastDay(y, last))}`];
}

/** The filter on opportunities that one key value stands for (null: none expressible). */
export async function keyFilter(ctx: Ctx, by: AnalysisKey, key: string | null): Promise<Filter | null> {
  const id = key === null ? null : Number(key);
  switch (by) {
    case 'year':
    case 'quarter':
    case 'month':
      return key === null ? null : { field: 'closedOn', op: 'between', value: bucketRange(by, key) };
    case 'customer':
      return id === null ? null : { field: 'customer', op: 'eq', value: id };
    case 'owner':
      return id === null ? { field: 'owner', op: 'isEmpty' } : { field: 'owner', op: 'eq', value: id };
    case 'department':
      return id === null
        ? { field: 'owner.department', op: 'isEmpty' }
        : { field: 'owner.department', op: 'eq', value: id };
    case 'region':
      return id === null ? null : { field: 'owner.department', op: 'in', value: await departmentTree(ctx, id) };
    case 'province':
      return key === null
        ? { field: 'customer.region', op: 'isEmpty' }
        : { field: 'customer.region', op: 'eq', value: key };
    case 'dealer':
      return id === null
        ? null
        : {
            or: [
              { field: 'dealer', op: 'eq', value: id },
              { field: 'customer', op: 'eq', value: id },
            ],
          };
    case 'product':
      return id === null ? { field: 'products', op: 'isEmpty' } : { field: 'products', op: 'in', value: [id] };
  }
}
