import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Dropdown, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type ObjectMeta, useLabel } from '../metadata.ts';
import type { Assignee, AssigneeKind } from './flow-types.ts';
import { PeoplePicker } from './people-picker.tsx';

export const assigneeKinds: AssigneeKind[] = ['users', 'role', 'deptHead', 'superiors', 'chosen', 'field'];

/** The record's person fields: its owner and its references to users. */
export const personFields = (meta: ObjectMeta | undefined) =>
  (meta?.fields ?? []).filter((f) => f.type === 'owner' || (f.type === 'manyToOne' && f.object === 'user'));

const blank = (kind: AssigneeKind, meta: ObjectMeta | undefined): Assignee => {
  if (kind === 'users') return { kind, users: [] };
  if (kind === 'role') return { kind, role: 0 };
  if (kind === 'deptHead') return { kind, level: 1 };
  if (kind === 'superiors') return { kind, levels: 1 };
  if (kind === 'chosen') return { kind, multiple: false };
  return { kind, field: personFields(meta)[0]?.name ?? 'owner' };
};

function AssigneeInput({ a, meta, onChange }: { a: Assignee; meta?: ObjectMeta; onChange(a: Assignee): void }) {
  const { t } = useTranslation();
  const label = useLabel();
  switch (a.kind) {
    case 'users':
      return <PeoplePicker value={a.users} onChange={(users) => onChange({ ...a, users })} />;
    case 'role':
      return (
        <PeoplePicker
          object="role"
          multiple={false}
          value={a.role ? [a.role] : []}
          onChange={(ids) => onChange({ ...a, role: ids[0] ?? 0 })}
        />
      );
    case 'deptHead':
      return (
        <Space wrap>
          <InputNumber min={1} max={10} value={a.level} onChange={(n) => onChange({ ...a, level: n ?? 1 })} />
          <Typography.Text type="secondary">{t('approvals.designer.assignee.deptHeadHint')}</Typography.Text>
        </Space>
      );
    case 'superiors':
      return (
        <Space wrap>
          <InputNumber min={1} max={10} value={a.levels} onChange={(n) => onChange({ ...a, levels: n ?? 1 })} />
          <Typography.Text type="secondary">{t('approvals.designer.assignee.superiorsHint')}</Typography.Text>
        </Space>
      );
    case 'chosen':
      return (
        <Space>
          <Switch checked={!!a.multiple} onChange={(multiple) => onChange({ ...a, multiple })} size="small" />
          <span>{t('approvals.designer.assignee.multiple')}</span>
        </Space>
      );
    case 'field':
      return (
        <Select
          style={{ minWidth: 160 }}
          value={a.field}
          onChange={(field) => onChange({ ...a, field })}
          options={personFields(meta).map((f) => ({ value: f.name, label: label(f.label, f.name) }))}
        />
      );
  }
}

/**
 * Who approves (or is copied): one or more rules — 指定成员, 角色, 部门负责人 (level N), 逐级主管 (up to N levels), 发起人自选,
 * 表单中的人员字段 — applied in order, people named twice count once.
 */
export function AssigneeEditor(p: {
  value: Assignee[];
  onChange(v: Assignee[]): void;
  meta?: ObjectMeta;
  /** CC nodes: the submitter cannot choose whom to copy. */
  cc?: boolean;
}) {
  const { t } = useTranslation();
  const kinds = assigneeKinds.filter((k) => !(p.cc && k === 'chosen'));
  const set = (i: number, a: Assignee) => p.onChange(p.value.map((x, j) => (j === i ? a : x)));
  return (
    <div data-testid="assignee-editor">
      {p.value.map((a, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity of their own but their place
        <div key={i} className="filter-row" data-testid={`assignee-${a.kind}`}>
          <Select
            style={{ width: 150 }}
            value={a.kind}
            onChange={(k: AssigneeKind) => set(i, blank(k, p.meta))}
            options={kinds.map((k) => ({ value: k, label: t(`approvals.designer.assignee.${k}`) }))}
            data-testid="assignee-kind"
          />
          <div style={{ flex: 1, minWidth: 160 }}>
            <AssigneeInput a={a} meta={p.meta} onChange={(x) => set(i, x)} />
          </div>
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={() => p.onChange(p.value.filter((_, j) => j !== i))}
            aria-label={t('approvals.designer.assignee.remove')}
          />
        </div>
      ))}
      <Dropdown
        trigger={['click']}
        menu={{
          items: kinds.map((k) => ({ key: k, label: t(`approvals.designer.assignee.${k}`) })),
          onClick: ({ key }) => p.onChange([...p.value, blank(key as AssigneeKind, p.meta)]),
        }}
      >
        <Button size="small" icon={<PlusOutlined />} data-testid="assignee-add">
          {p.cc ? t('approvals.designer.assignee.addCc') : t('approvals.designer.assignee.add')}
        </Button>
      </Dropdown>
    </div>
  );
}
