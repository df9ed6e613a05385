import { type AggregateFn, aggregateFns } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import { maskValue } from '../access/mask.ts';
import { KehuError } from '../errors.ts';
import { regionColumn } from '../fields/region.field.ts';
import { regionLabel } from '../fields/region-data.ts';
import type { Registry } from '../metadata/registry.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { joinHop } from './hops.ts';
import { type FieldGate, type Hop, resolvePath } from './paths.ts';
import type { Reach } from './reach.ts';

const granularities = ['day', 'week', 'month', 'quarter', 'year'] as const;
const regionLevels = ['province', 'city'] as const;

/** Left joins along many-to-one paths, shared between keys and measures that walk the same path. */
export class GroupJoins {
  readonly list: RawBuilder<unknown>[] = [];
  private readonly byPath = new Map<string, string>();
  private n = 0;

  constructor(private readonly reach: Reach) {}

  /** Alias of the row at the end of `hops` (a missing link yields nulls: the "empty" group). */
  follow(hops: Hop[], alias = 't'): string {
    let a = alias;
    let key = '';
    for (const hop of hops) {
      key += `.${hop.via.name}`;
      let next = this.byPath.get(key);
      if (!next) {
        next = this.alias();
        this.byPath.set(key, next);
        this.list.push(joinHop(hop, a, next, this.reach));
      }
      a = next;
    }
    return a;
  }

  /**
   * The title of the record a relation field points to, or null when the caller cannot read that record or its
   * title (the key then decodes as `{ id, label: null, restricted: true }`).
   */
  label(via: FieldDef, target: ObjectDef, from: string): { expr: RawBuilder<unknown>; masked: boolean } {
    const j = this.alias();
    this.list.push(joinHop({ via, from: target, to: target }, from, j, this.reach));
    const title = target.fields.get(target.titleField);
    const sight = title ? this.reach.sight(target, title) : 'plain';
    if (sight === 'hidden') return { expr: sql`null::text`, masked: false };
    const text =
      title?.column && title.impl.kind !== 'none'
        ? sql`coalesce(${sql.ref(`${j}.${title.column}`)}::text, '')`
        : sql`${sql.ref(`${j}.id`)}::text`;
    return { expr: sql`case when ${sql.ref(`${j}.id`)} is not null then ${text} end`, masked: sight === 'masked' };
  }

  private alias(): string {
    return `g${++this.n}`;
  }
}

export interface KeyPlan {
  name: string;
  value: RawBuilder<unknown>;
  /** Relation keys also select the related record's title (sorting by key sorts by it). */
  label?: RawBuilder<unknown>;
  decode(value: unknown, label: unknown): unknown;
}

export interface MeasurePlan {
  name: string;
  expr: RawBuilder<unknown>;
  /** What sorting by the measure orders by, when `expr` is its text form (exact decimals sort as numbers). */
  order?: RawBuilder<unknown>;
  /** The same measure over every group of a grouped query (a window over the groups' own aggregates). */
  total: RawBuilder<unknown>;
  decode(value: unknown): unknown;
}

const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));

function badKey(name: string): KehuError {
  return new KehuError('UNKNOWN_FIELD', { field: name.slice(0, 60) });
}

/**
 * One group key: a field path (`status`, `owner.department`, `customer.industry`), a date with a granularity
 * (`createdAt:month`, in the company's time zone; weeks start on Monday) or a region by level (`region` =
 * `region:province`, `region:city`).
 */
export function planKey(
  registry: Registry,
  obj: ObjectDef,
  name: string,
  gate: FieldGate,
  joins: GroupJoins,
  timezone: string,
): KeyPlan {
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) throw badKey(String(name));
  const [path, suffix, ...rest] = name.split(':');
  if (rest.length) throw badKey(name);
  const resolved = resolvePath(registry, obj, path, gate);
  const f = resolved.field;
  const a = joins.follow(resolved.hops);
  if (f.type === 'region') {
    const level = suffix ?? 'province';
    if (!(regionLevels as readonly string[]).includes(level)) throw badKey(name);
    return {
      name,
      value: sql.ref(`${a}.${regionColumn(f.column!, level as 'province' | 'city')}`),
      decode: (v) => {
        if (typeof v !== 'string') return null;
        const province = v.slice(0, 2);
        const city = v.length >= 4 ? v : null;
        return { province, city, district: null, label: regionLabel([province, city]) };
      },
    };
  }
  if (!f.impl.groupable || !f.column || f.impl.kind === 'none' || f.impl.kind === 'array' || f.impl.kind === 'json') {
    throw badKey(name);
  }
  const col = sql.ref(`${a}.${f.column}`);
  if (suffix !== undefined) {
    if (
      !(granularities as readonly string[]).includes(suffix) ||
      (f.impl.kind !== 'date' && f.impl.kind !== 'datetime')
    ) {
      throw badKey(name);
    }
    const at = f.impl.kind === 'datetime' ? sql`(${col} at time zone ${timezone})` : sql`${col}::timestamp`;
    // The first day of the period, 'YYYY-MM-DD'.
    return { name, value: sql`date_trunc(${sql.lit(suffix)}, ${at})::date`, decode: plain };
  }
  if (f.type === 'manyToOne' || f.type === 'owner') {
    const target = registry.get(f.type === 'owner' ? 'user' : f.object!);
    const label = joins.label(f, target, a);
    return {
      name,
      value: col,
      label: label.expr,
      decode: (v, text) => {
        if (v === null || v === undefined) return null;
        if (text === null || text === undefined) return { id: Number(v), label: null, restricted: true };
        return { id: Number(v), label: label.masked ? maskValue(text) : text };
      },
    };
  }
  return {
    name,
    value: col,
    decode: (v) => (v === null || v === undefined ? null : f.impl.format({ [f.column!]: v }, f)),
  };
}

/** One measure: `count`, or `fn:path` where fn is one of the field type's aggregates. */
export function planMeasure(
  registry: Registry,
  obj: ObjectDef,
  name: string,
  gate: FieldGate,
  joins: GroupJoins,
  /** Only rows matching this condition enter the aggregate (`FILTER (WHERE …)`). */
  when?: RawBuilder<unknown>,
): MeasurePlan {
  const only = when ? sql` filter (where ${when})` : sql``;
  const over = (e: RawBuilder<unknown>) => sql`sum(${e}) over ()`;
  if (name === 'count') {
    return { name, expr: sql`count(*)${only}`, total: over(sql`count(*)${only}`), decode: (v) => Number(v) };
  }
  if (typeof name !== 'string' || name.length > 200) throw badKey(String(name));
  const i = name.indexOf(':');
  const fn = name.slice(0, i) as AggregateFn;
  const path = name.slice(i + 1);
  if (i < 1 || !(aggregateFns as readonly string[]).includes(fn)) {
    throw new KehuError('UNKNOWN_OPERATOR', {
      field: path.slice(0, 60),
      op: name.slice(0, Math.max(i, 0)).slice(0, 30),
    });
  }
  const resolved = resolvePath(registry, obj, path, gate);
  const f: FieldDef = resolved.field;
  if (!f.impl.aggregates.includes(fn) || !f.column || f.impl.kind === 'none') {
    throw new KehuError('UNKNOWN_OPERATOR', { field: path, op: fn });
  }
  const col = sql.ref(`${joins.follow(resolved.hops)}.${f.column}`);
  switch (fn) {
    case 'count':
      return {
        name,
        expr: sql`count(${col})${only}`,
        total: over(sql`count(${col})${only}`),
        decode: (v) => Number(v),
      };
    case 'sum': {
      // Exact decimal text (sums of integers may pass 2^53); an empty sum is 0 with the column's scale ("0.00").
      const type = sql.raw(f.impl.columns(f).find((c) => c.name === f.column)?.sql ?? 'numeric');
      const sum = sql`coalesce(sum(${col})${only}::numeric, 0::${type})`;
      const total = sql`coalesce(${over(sql`sum(${col})${only}`)}::numeric, 0::${type})::text`;
      return { name, expr: sql`${sum}::text`, order: sum, total, decode: plain };
    }
    case 'avg': {
      const total = sql`trim_scale(${over(sql`sum(${col})${only}`)}::numeric / nullif(${over(sql`count(${col})${only}`)}, 0))::text`;
      return {
        name,
        expr: sql`trim_scale(avg(${col})${only})::text`,
        order: sql`avg(${col})${only}`,
        total,
        decode: plain,
      };
    }
    default: {
      const agg = sql`${sql.raw(fn)}(${col})${only}`;
      return {
        name,
        expr: agg,
        total: sql`${sql.raw(fn)}(${agg}) over ()`,
        decode: (v) => (v === null || v === undefined ? null : f.impl.format({ [f.column!]: v }, f)),
      };
    }
  }
}
