import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FilterOp } from '@kehu/common';
import { Button, Cascader, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ObjectMeta } from '../metadata.ts';
import { useLabel } from '../metadata.ts';
import { ConditionValue } from './condition-value.tsx';
import {
  type CondNode,
  emptyCondition,
  emptyGroup,
  type FilterNode,
  type GroupNode,
  resolvePath,
  updateNode,
  valueShape,
} from './filter-model.ts';

interface Props {
  object: string;
  objects: ObjectMeta[];
  value: GroupNode;
  onChange: (v: GroupNode) => void;
}

export type Option = { value: string; label: string; children?: Option[]; isLeaf?: boolean };

/** Fields to filter on, with many-to-one fields opening onto the related record's fields (two levels). */
export function useFieldOptions(objects: ObjectMeta[], object: string): Option[] {
  const label = useLabel();
  const build = (name: string, depth: number): Option[] => {
    const meta = objects.find((o) => o.name === name);
    return (meta?.fields ?? [])
      .filter((f) => f.ops.length > 0)
      .map((f) => {
        const rel = (f.type === 'manyToOne' || f.type === 'owner') && depth < 2;
        const children = rel ? build(f.object ?? 'user', depth + 1) : undefined;
        return { value: f.name, label: label(f.label, f.name), ...(children?.length ? { children } : {}) };
      });
  };
  return build(object, 1);
}

/** Nested and/or conditions on any field, related records' fields and relative dates. */
export function FilterBuilder({ object, objects, value, onChange }: Props) {
  const options = useFieldOptions(objects, object);
  const edit = (id: string, fn: (n: FilterNode) => FilterNode | null) => onChange(updateNode(value, id, fn));
  return <GroupEditor group={value} root object={object} objects={objects} options={options} edit={edit} />;
}

interface EditorProps {
  object: string;
  objects: ObjectMeta[];
  options: Option[];
  edit: (id: string, fn: (n: FilterNode) => FilterNode | null) => void;
}

function GroupEditor({ group, root, ...p }: EditorProps & { group: GroupNode; root?: boolean }) {
  const { t } = useTranslation();
  const add = (n: FilterNode) =>
    p.edit(group.id, (g) => ({ ...(g as GroupNode), children: [...(g as GroupNode).children, n] }));
  return (
    <div className={root ? undefined : 'filter-group'} data-testid="filter-group">
      <Space wrap size={6}>
        <Select
          size="small"
          value={group.op}
          onChange={(op) => p.edit(group.id, (g) => ({ ...(g as GroupNode), op }))}
          options={[
            { value: 'and', label: t('filter.all') },
            { value: 'or', label: t('filter.any') },
          ]}
          aria-label={t('filter.combine')}
        />
        {!root && (
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={() => p.edit(group.id, () => null)}
            aria-label={t('filter.removeGroup')}
          />
        )}
      </Space>
      {group.children.map((c) =>
        c.kind === 'group' ? <GroupEditor key={c.id} group={c} {...p} /> : <ConditionRow key={c.id} cond={c} {...p} />,
      )}
      <Space size={6} style={{ marginTop: 4 }}>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => add(emptyCondition())}
          data-testid="filter-add-condition"
        >
          {t('filter.addCondition')}
        </Button>
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          onClick={() => add({ ...emptyGroup('or'), children: [emptyCondition()] })}
        >
          {t('filter.addGroup')}
        </Button>
      </Space>
    </div>
  );
}

function ConditionRow({ cond, ...p }: EditorProps & { cond: CondNode }) {
  const { t } = useTranslation();
  const field = cond.field ? resolvePath(p.objects, p.object, cond.field) : undefined;
  const set = (patch: Partial<CondNode>) => p.edit(cond.id, (n) => ({ ...(n as CondNode), ...patch }));
  return (
    <div className="filter-row" data-testid="filter-condition">
      <Cascader
        size="small"
        style={{ minWidth: 160 }}
        options={p.options}
        changeOnSelect
        showSearch
        allowClear={false}
        placeholder={t('filter.field')}
        value={cond.field ? cond.field.split('.') : []}
        onChange={(path) => {
          const next = (path as string[]).join('.');
          const f = resolvePath(p.objects, p.object, next);
          set({ field: next, op: f?.ops[0], value: undefined });
        }}
        data-testid="filter-field"
      />
      <Select<FilterOp>
        size="small"
        style={{ minWidth: 110 }}
        value={cond.op}
        disabled={!field}
        placeholder={t('filter.operator')}
        onChange={(op) => set({ op, value: valueShape(op) === valueShape(cond.op) ? cond.value : undefined })}
        options={(field?.ops ?? []).map((op) => ({ value: op, label: t(`op.${op}`) }))}
        data-testid="filter-op"
      />
      {field && <ConditionValue field={field} cond={cond} onChange={(value) => set({ value })} />}
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        onClick={() => p.edit(cond.id, () => null)}
        aria-label={t('filter.removeCondition')}
      />
    </div>
  );
}
