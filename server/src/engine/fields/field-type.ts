import type { AggregateFn, FieldTypeName, FilterOp } from '@kehu/common';
import type { RawBuilder } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import type { Reach } from '../query/reach.ts';

export type Row = Record<string, any>;

export interface ColumnSpec {
  name: string;
  /** SQL type, e.g. `text`, `numeric(18,2)`, `bigint`. */
  sql: string;
  /** `GENERATED ALWAYS AS (...) STORED` expression (computed fields). */
  generated?: string;
  /** Foreign key target table. */
  references?: string;
  /** `trgm`: a GIN trigram index (`gin_trgm_ops`) for fuzzy search. */
  index?: 'btree' | 'gin' | 'trgm';
  /** A search shadow (pinyin, bigrams): stored and indexed, never part of the field's API value. */
  shadow?: boolean;
  /** Planner statistics target (`ALTER COLUMN … SET STATISTICS`), for columns whose rare values matter. */
  statistics?: number;
}

/** What a value parser may look at. `db` is the open transaction. */
export interface ParseContext {
  db: Db;
  object: ObjectDef;
  field: FieldDef;
  userId: number;
  timezone: string;
  /** Resolve another object (relations). */
  objectDef(name: string): ObjectDef;
  /**
   * The writer's read predicate on a referenced object (absent for the engine's internal writes): a reference
   * may only point at a record the writer can read.
   */
  readable?(target: ObjectDef, alias: string): Promise<RawBuilder<unknown>>;
  /**
   * References already checked in this transaction (an import checks thousands of rows naming the same few
   * records): `known.get(key)` by `refKey`, true when the record exists (and is readable, when `readable` is set).
   */
  known?: Map<string, boolean>;
  /** The whole client input and, on update, the record's id (checks across fields, e.g. password ≠ user name). */
  input?: Readonly<Record<string, unknown>>;
  recordId?: number;
  /**
   * Options an administrator deactivated (WF-7) pass: the engine's own writes, lookups rather than writes, and values
   * the record held before (a restored version, an undone merge).
   */
  acceptInactive?: boolean;
}

/**
 * How the generic filter compiler treats the main column:
 * text/number/boolean/date/datetime/id compare scalars; array is a text[] column; none has no column.
 */
export type ValueKind = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'id' | 'array' | 'json' | 'none';

export interface ConditionArgs {
  field: FieldDef;
  alias: string;
  op: FilterOp;
  value: unknown;
  objectDef(name: string): ObjectDef;
  /** Compile the generic condition on an expression with the given kind (for types that only adjust the operand). */
  generic(expr: RawBuilder<unknown>, kind: ValueKind, value: unknown): RawBuilder<unknown>;
}

/** One field type: storage, input parsing, output, filtering, sorting, grouping and schema. */
export interface FieldType {
  name: FieldTypeName;
  kind: ValueKind;
  columns(f: FieldDef): ColumnSpec[];
  /** False for values the system sets (auto numbers, computed fields). */
  writable: boolean;
  /** Never leaves the server (password hashes). */
  secret?: boolean;
  /** Client value (never null/empty: the pipeline handles those) → column values. Throw FieldProblem. */
  parse(value: unknown, ctx: ParseContext): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Values the system sets on create (auto numbers). */
  fillOnCreate?(ctx: ParseContext): Promise<Record<string, unknown>>;
  /** Is this client value "empty" (→ null columns, or `required`)? Defaults to null/undefined/''. */
  isEmpty?(value: unknown): boolean;
  /** Selected row → client value. */
  format(row: Row, f: FieldDef): unknown;
  ops: readonly FilterOp[];
  /** Coerce one filter operand for the generic compiler; throw FieldProblem. */
  filterValue?(value: unknown, f: FieldDef): unknown;
  /** Replace the generic condition compiler. */
  condition?(args: ConditionArgs): RawBuilder<unknown>;
  sortable: boolean;
  groupable: boolean;
  aggregates: readonly AggregateFn[];
  /** JSON schema of the client value (OpenAPI). */
  jsonSchema(f: FieldDef): Record<string, unknown>;
  /** Fill values stored outside the row (many-to-many) for a page of rows, as `reach` may see them. */
  loadMany?(
    db: Db,
    f: FieldDef,
    object: ObjectDef,
    rows: Row[],
    objectDef: (name: string) => ObjectDef,
    reach: Reach,
  ): Promise<void>;
  /** Write values stored outside the row, after the row exists. `value` is the parsed result's `$links`. */
  writeLinks?(db: Db, f: FieldDef, object: ObjectDef, recordId: number, links: unknown): Promise<void>;
  /** DDL beyond columns (join tables). */
  extraDdl?(f: FieldDef, object: ObjectDef, objectDef: (name: string) => ObjectDef): string[];
}

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}
