import type { Filter, FilterOp } from '@kehu/common';
import type { FieldMeta, ObjectMeta } from '../metadata.ts';

/** The filter builder's editable tree; `toFilter` turns it into the API's filter (only complete conditions). */
export type FilterNode = GroupNode | CondNode;
export interface GroupNode {
  kind: 'group';
  id: string;
  op: 'and' | 'or';
  children: FilterNode[];
}
export interface CondNode {
  kind: 'cond';
  id: string;
  /** A field name or a path through many-to-one fields (`owner.department`). */
  field: string;
  op?: FilterOp;
  value?: unknown;
}

let seq = 0;
export const newId = () => `n${++seq}`;
export const emptyGroup = (op: 'and' | 'or' = 'and'): GroupNode => ({ kind: 'group', id: newId(), op, children: [] });
export const emptyCondition = (field = ''): CondNode => ({ kind: 'cond', id: newId(), field });

export type ValueShape = 'none' | 'single' | 'list' | 'range' | 'period';

export function valueShape(op: FilterOp | undefined): ValueShape {
  if (!op || op === 'isEmpty' || op === 'isNotEmpty') return 'none';
  if (op === 'in' || op === 'notIn') return 'list';
  if (op === 'between') return 'range';
  if (op === 'within') return 'period';
  return 'single';
}

/** Resolve a path (`owner.department.name`) to the field at its end, following many-to-one fields. */
export function resolvePath(objects: ObjectMeta[], object: string, path: string): FieldMeta | undefined {
  const parts = path.split('.');
  let meta = objects.find((o) => o.name === object);
  let field: FieldMeta | undefined;
  for (const [i, name] of parts.entries()) {
    field = meta?.fields.find((f) => f.name === name);
    if (!field) return undefined;
    if (i < parts.length - 1) {
      if (field.type !== 'manyToOne' && field.type !== 'owner') return undefined;
      meta = objects.find((o) => o.name === (field!.object ?? 'user'));
    }
  }
  return field;
}

/** API operand from what an input holds: records → ids, regions → the deepest code. */
export function operand(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(operand);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('id' in o) return o.id;
    if ('province' in o) return o.district ?? o.city ?? o.province;
  }
  return v;
}

function complete(c: CondNode): boolean {
  if (!c.field || !c.op) return false;
  const shape = valueShape(c.op);
  if (shape === 'none') return true;
  const v = c.value;
  if (v === undefined || v === null || v === '') return false;
  if (shape === 'list') return Array.isArray(v) && v.length > 0;
  if (shape === 'range') return Array.isArray(v) && v.length === 2 && v[0] != null && v[1] != null;
  return true;
}

export function toFilter(node: FilterNode): Filter | undefined {
  if (node.kind === 'cond') {
    if (!complete(node)) return undefined;
    const shape = valueShape(node.op);
    return shape === 'none'
      ? { field: node.field, op: node.op! }
      : { field: node.field, op: node.op!, value: operand(node.value) };
  }
  const parts = node.children.map(toFilter).filter((f): f is Filter => f !== undefined);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return node.op === 'and' ? { and: parts } : { or: parts };
}

/** Back from an API filter (saved views) to an editable tree; the root is always a group. */
export function fromFilter(f: Filter | undefined | null): GroupNode {
  const walk = (x: Filter): FilterNode => {
    if ('and' in x) return { kind: 'group', id: newId(), op: 'and', children: x.and.map(walk) };
    if ('or' in x) return { kind: 'group', id: newId(), op: 'or', children: x.or.map(walk) };
    if ('not' in x) return walk(x.not);
    return { kind: 'cond', id: newId(), field: x.field, op: x.op, value: x.value };
  };
  if (!f) return emptyGroup();
  const n = walk(f);
  return n.kind === 'group' ? n : { ...emptyGroup(), children: [n] };
}

/** Immutable edits by node id. */
export function updateNode(root: GroupNode, id: string, fn: (n: FilterNode) => FilterNode | null): GroupNode {
  const visit = (n: FilterNode): FilterNode | null => {
    if (n.id === id) return fn(n);
    if (n.kind === 'cond') return n;
    return { ...n, children: n.children.map(visit).filter((c): c is FilterNode => c !== null) };
  };
  return (visit(root) as GroupNode | null) ?? emptyGroup();
}

export function countConditions(f: Filter | undefined): number {
  if (!f) return 0;
  if ('and' in f) return f.and.reduce((n, x) => n + countConditions(x), 0);
  if ('or' in f) return f.or.reduce((n, x) => n + countConditions(x), 0);
  if ('not' in f) return countConditions(f.not);
  return 1;
}
