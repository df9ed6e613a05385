import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type ObjectMeta, useLabel, useObjects } from '../metadata.ts';
import { clauseField, describeCondition } from './condition-model.ts';
import type { Assignee, FlowCondition, FlowNode } from './flow-types.ts';
import { useRecordNames } from './record-names.ts';

const ids = (v: unknown): number[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(Number).filter(Number.isSafeInteger);

/** 指定成员：张三、李四 · 角色：销售总监 · 第 2 级部门负责人 · 逐级主管（2 级） · 发起人自选 · 负责人. */
export function AssigneeSummary({ node, meta }: { node: FlowNode; meta?: ObjectMeta }) {
  const { t } = useTranslation();
  const label = useLabel();
  const list: Assignee[] = node.type === 'approver' || node.type === 'cc' ? node.assignees : [];
  const users = useRecordNames(
    'user',
    list.flatMap((a) => (a.kind === 'users' ? a.users : [])),
  );
  const roles = useRecordNames(
    'role',
    list.flatMap((a) => (a.kind === 'role' ? [a.role] : [])),
  );
  if (list.length === 0)
    return (
      <span className="flow-node-empty">
        {t(node.type === 'cc' ? 'approvals.designer.node.noCc' : 'approvals.designer.node.noApprover')}
      </span>
    );
  const text = (a: Assignee) => {
    switch (a.kind) {
      case 'users':
        return a.users.length
          ? a.users.map((u) => users[u] ?? `#${u}`).join('、')
          : t('approvals.designer.assignee.users');
      case 'role':
        return t('approvals.designer.summary.role', { name: roles[a.role] ?? (a.role ? `#${a.role}` : '—') });
      case 'deptHead':
        return t('approvals.designer.summary.deptHead', { n: a.level });
      case 'superiors':
        return t('approvals.designer.summary.superiors', { n: a.levels });
      case 'chosen':
        return t(a.multiple ? 'approvals.designer.summary.chosenMany' : 'approvals.designer.summary.chosen');
      case 'field': {
        const f = meta?.fields.find((x) => x.name === a.field);
        return t('approvals.designer.summary.field', { name: f ? label(f.label, f.name) : a.field });
      }
    }
  };
  return <span>{list.map(text).join('；')}</span>;
}

function valueText(
  objects: ObjectMeta[],
  object: string,
  names: Record<string, Record<number, string>>,
  t: TFunction,
  label: ReturnType<typeof useLabel>,
) {
  return (field: string, value: unknown): string => {
    const f = clauseField(objects, object, field);
    const list = Array.isArray(value) ? value : [value];
    if (f?.options) return list.map((v) => label(f.options!.find((o) => o.value === v)?.label, String(v))).join('、');
    if (f && (f.type === 'manyToOne' || f.type === 'owner' || f.type === 'manyToMany')) {
      const known = names[f.object ?? 'user'] ?? {};
      return ids(value)
        .map((i) => known[i] ?? `#${i}`)
        .join('、');
    }
    if (f?.type === 'boolean') return value ? t('common.yes') : t('common.no');
    return list.map(String).join(' – ');
  };
}

/** A condition as text for the branch card, e.g. 「折扣率 大于 10 且 发起人部门 属于 济南办」. */
export function ConditionSummary({ object, when }: { object: string; when?: FlowCondition }) {
  const { t } = useTranslation();
  const label = useLabel();
  const objects = useObjects().data ?? [];
  const clauses = (when?.any ?? []).flatMap((g) => g.all);
  const refsOf = (target: string) =>
    clauses.flatMap((c) => (clauseField(objects, object, c.field)?.object === target ? ids(c.value) : []));
  const names = {
    user: useRecordNames('user', refsOf('user')),
    department: useRecordNames('department', refsOf('department')),
    role: useRecordNames('role', refsOf('role')),
  };
  const value = valueText(objects, object, names, t, label);
  const fieldLabel = (name: string) => {
    if (name.startsWith('$submitter.'))
      return t(`approvals.designer.cond.${name === '$submitter.role' ? 'submitterRole' : 'submitterDepartment'}`);
    const parts = name.split('.');
    return parts
      .map((_, i) => {
        const f = clauseField(objects, object, parts.slice(0, i + 1).join('.'));
        return f ? label(f.label, f.name) : parts[i];
      })
      .join(' › ');
  };
  const text = describeCondition(when, {
    field: fieldLabel,
    op: (op) => t(`op.${op}`),
    value: (c) => value(c.field, c.value),
    and: t('approvals.designer.cond.and'),
    or: t('approvals.designer.cond.or'),
  });
  return text ? (
    <span>{text}</span>
  ) : (
    <span className="flow-node-empty">{t('approvals.designer.branch.noCondition')}</span>
  );
}
