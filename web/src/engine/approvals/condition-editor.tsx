import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FilterOp } from '@kehu/common';
import { Button, Cascader, Divider, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RelationValue } from '../fields/relation-value.ts';
import { ConditionValue } from '../filter/condition-value.tsx';
import { useFieldOptions } from '../filter/filter-builder.tsx';
import { operand, valueShape } from '../filter/filter-model.ts';
import type { FieldMeta } from '../metadata.ts';
import { useObjects } from '../metadata.ts';
import { addClause, addGroup, blankCondition, clauseField, removeClause, setClause } from './condition-model.ts';
import type { FlowClause, FlowCondition } from './flow-types.ts';
import { useRecordNames } from './record-names.ts';

const relational = (f: FieldMeta) => f.type === 'manyToOne' || f.type === 'owner' || f.type === 'manyToMany';

/** The operand input of the list filters; references are kept as ids in the flow and shown by name. */
function ClauseValue({
  field,
  clause,
  onChange,
}: {
  field: FieldMeta;
  clause: FlowClause;
  onChange(v: unknown): void;
}) {
  const rel = relational(field);
  const raw = clause.value;
  const ids = rel ? (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map(Number) : [];
  const names = useRecordNames(field.object ?? 'user', ids);
  const toRef = (id: number): RelationValue => ({ id, label: names[id] ?? null });
  const shown = !rel ? raw : Array.isArray(raw) ? ids.map(toRef) : ids.length ? toRef(ids[0]) : raw;
  return (
    <ConditionValue
      field={field}
      cond={{ kind: 'cond', id: 'c', field: clause.field, op: clause.op, value: shown }}
      onChange={(v) => onChange(operand(v))}
    />
  );
}

function ClauseRow(p: { object: string; clause: FlowClause; onChange(c: FlowClause): void; onRemove(): void }) {
  const { t } = useTranslation();
  const objects = useObjects().data ?? [];
  const options = [
    ...useFieldOptions(objects, p.object),
    {
      value: '$submitter',
      label: t('approvals.designer.cond.submitter'),
      children: [
        { value: 'department', label: t('approvals.designer.cond.submitterDepartment') },
        { value: 'role', label: t('approvals.designer.cond.submitterRole') },
      ],
    },
  ];
  const field = clauseField(objects, p.object, p.clause.field);
  return (
    <div className="filter-row" data-testid="cond-clause">
      <Cascader
        size="small"
        style={{ minWidth: 160 }}
        options={options}
        changeOnSelect
        showSearch
        allowClear={false}
        placeholder={t('filter.field')}
        value={p.clause.field ? p.clause.field.split('.') : []}
        onChange={(path) => {
          const next = (path as string[]).join('.');
          const f = clauseField(objects, p.object, next);
          p.onChange({ field: next, op: f?.ops[0], value: undefined });
        }}
        data-testid="cond-field"
      />
      <Select<FilterOp>
        size="small"
        style={{ minWidth: 110 }}
        value={p.clause.op}
        disabled={!field}
        placeholder={t('filter.operator')}
        onChange={(op) =>
          p.onChange({
            ...p.clause,
            op,
            value: valueShape(op) === valueShape(p.clause.op) ? p.clause.value : undefined,
          })
        }
        options={(field?.ops ?? []).map((op) => ({ value: op, label: t(`op.${op}`) }))}
        data-testid="cond-op"
      />
      {field && (
        <ClauseValue field={field} clause={p.clause} onChange={(value) => p.onChange({ ...p.clause, value })} />
      )}
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        onClick={p.onRemove}
        aria-label={t('filter.removeCondition')}
      />
    </div>
  );
}

/**
 * A flow condition: groups joined by 或 (any of them), clauses in a group joined by 且 (all of them), on the record's
 * fields or the submitter's department and role. Built from the list filters' inputs.
 */
export function ConditionEditor(p: { object: string; value?: FlowCondition; onChange(v: FlowCondition): void }) {
  const { t } = useTranslation();
  const cond = p.value?.any.length ? p.value : blankCondition();
  return (
    <div data-testid="condition-editor">
      {cond.any.map((g, gi) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: groups have no identity of their own but their place
        <div key={gi}>
          {gi > 0 && (
            <Divider plain size="small">
              {t('approvals.designer.cond.or')}
            </Divider>
          )}
          <div className="filter-group">
            {g.all.map((c, ci) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: clauses have no identity of their own but their place
              <div key={ci}>
                {ci > 0 && <Typography.Text type="secondary">{t('approvals.designer.cond.and')}</Typography.Text>}
                <ClauseRow
                  object={p.object}
                  clause={c}
                  onChange={(next) => p.onChange(setClause(cond, gi, ci, next))}
                  onRemove={() => p.onChange(removeClause(cond, gi, ci))}
                />
              </div>
            ))}
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => p.onChange(addClause(cond, gi))}
              data-testid="cond-add-clause"
            >
              {t('approvals.designer.cond.addAnd')}
            </Button>
          </div>
        </div>
      ))}
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() => p.onChange(addGroup(cond))}
        data-testid="cond-add-group"
      >
        {t('approvals.designer.cond.addOr')}
      </Button>
    </div>
  );
}
