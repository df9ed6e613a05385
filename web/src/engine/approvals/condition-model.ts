import type { FilterOp } from '@kehu/common';
import { resolvePath, valueShape } from '../filter/filter-model.ts';
import type { FieldMeta, ObjectMeta } from '../metadata.ts';
import type { FlowClause, FlowCondition } from './flow-types.ts';

/**
 * Conditions of the designer (branches, automatic start, who may submit): any of the groups, each all of its
 * clauses. Clauses are on the record's fields (and paths through its references, as list filters are) or on the
 * submitter: their department (with the departments under it) or role.
 */
export const submitterFields: Record<string, { object: string; labelKey: string }> = {
  '$submitter.department': { object: 'department', labelKey: 'approvals.designer.cond.submitterDepartment' },
  '$submitter.role': { object: 'role', labelKey: 'approvals.designer.cond.submitterRole' },
};

const submitterOps: FilterOp[] = ['in', 'notIn'];

/** The field a clause is on, as the filter inputs know fields; undefined for an unknown one. */
export function clauseField(objects: ObjectMeta[], object: string, field: string): FieldMeta | undefined {
  const s = submitterFields[field];
  if (s)
    return {
      name: field,
      type: 'manyToOne',
      object: s.object,
      label: { 'zh-CN': field },
      required: false,
      readOnly: false,
      ops: submitterOps,
      sortable: false,
      groupable: false,
      aggregates: [],
    };
  return field ? resolvePath(objects, object, field) : undefined;
}

/** A clause the server can run: field, operator, and a value where the operator needs one. */
export function clauseComplete(c: FlowClause): boolean {
  if (!c.field || !c.op) return false;
  const shape = valueShape(c.op);
  if (shape === 'none') return true;
  const v = c.value;
  if (v === undefined || v === null || v === '') return false;
  if (shape === 'list') return Array.isArray(v) && v.length > 0;
  if (shape === 'range') return Array.isArray(v) && v.length === 2 && v[0] != null && v[1] != null;
  return true;
}

export const blankClause = (): FlowClause => ({ field: '' });
export const blankCondition = (): FlowCondition => ({ any: [{ all: [blankClause()] }] });

export const addGroup = (c: FlowCondition): FlowCondition => ({ any: [...c.any, { all: [blankClause()] }] });

export const addClause = (c: FlowCondition, group: number): FlowCondition => ({
  any: c.any.map((g, i) => (i === group ? { all: [...g.all, blankClause()] } : g)),
});

/** Remove a clause; a group left empty goes too. */
export const removeClause = (c: FlowCondition, group: number, clause: number): FlowCondition => ({
  any: c.any
    .map((g, i) => (i === group ? { all: g.all.filter((_, j) => j !== clause) } : g))
    .filter((g) => g.all.length > 0),
});

export const setClause = (c: FlowCondition, group: number, clause: number, next: FlowClause): FlowCondition => ({
  any: c.any.map((g, i) => (i === group ? { all: g.all.map((x, j) => (j === clause ? next : x)) } : g)),
});

export interface Describe {
  field(name: string): string;
  op(op: FilterOp): string;
  value(clause: FlowClause): string;
  and: string;
  or: string;
}

/** A condition as one line of text for the branch's card: 「折扣率 大于 10 且 …；或 …」 (complete clauses only). */
export function describeCondition(c: FlowCondition | undefined, d: Describe): string {
  if (!c) return '';
  return c.any
    .map((g) =>
      g.all
        .filter(clauseComplete)
        .map((x) => {
          const v = valueShape(x.op) === 'none' ? '' : ` ${d.value(x)}`;
          return `${d.field(x.field)} ${d.op(x.op!)}${v}`;
        })
        .join(` ${d.and} `),
    )
    .filter(Boolean)
    .join(` ${d.or} `);
}
