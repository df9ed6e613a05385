import { Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ObjectMeta } from '../metadata.ts';
import { AssigneeEditor } from './assignee-editor.tsx';
import { ConditionEditor } from './condition-editor.tsx';
import type { ApprovalMode, ApproverNode, Branch, CcNode, OnEmpty, TimeoutAction } from './flow-types.ts';

const modes: ApprovalMode[] = ['sequence', 'all', 'any', 'share'];
const empties: OnEmpty[] = ['pass', 'admin', 'reject'];
const timeoutActions: TimeoutAction[] = ['remind', 'pass', 'reject', 'escalate'];

function NameItem({ value, onChange }: { value: string; onChange(v: string): void }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('approvals.designer.node.name')}>
      <Input value={value} maxLength={100} onChange={(e) => onChange(e.target.value)} data-testid="node-name" />
    </Form.Item>
  );
}

/** 审批人 node: who, how they decide together, what happens without anyone, and on timeout. */
export function ApproverForm({
  node,
  meta,
  onChange,
}: {
  node: ApproverNode;
  meta?: ObjectMeta;
  onChange(n: ApproverNode): void;
}) {
  const { t } = useTranslation();
  const superiors = node.assignees.some((a) => a.kind === 'superiors');
  return (
    <Form layout="vertical" data-testid="approver-form">
      <NameItem value={node.name} onChange={(name) => onChange({ ...node, name })} />
      <Form.Item label={t('approvals.designer.node.approvers')}>
        <AssigneeEditor value={node.assignees} meta={meta} onChange={(assignees) => onChange({ ...node, assignees })} />
      </Form.Item>
      <Form.Item
        label={t('approvals.designer.node.mode')}
        extra={
          superiors ? t('approvals.designer.node.superiorsSequence') : t(`approvals.designer.modeHint.${node.mode}`)
        }
      >
        <Radio.Group
          value={node.mode}
          onChange={(e) => {
            const mode = e.target.value as ApprovalMode;
            onChange({
              ...node,
              mode,
              ...(mode === 'share' ? { sharePercent: node.sharePercent ?? 60 } : { sharePercent: undefined }),
            });
          }}
          options={modes.map((m) => ({ value: m, label: t(`approvals.designer.mode.${m}`) }))}
          data-testid="node-mode"
        />
        {node.mode === 'share' && (
          <Space style={{ marginTop: 8 }}>
            <span>{t('approvals.designer.node.sharePercent')}</span>
            <InputNumber
              min={1}
              max={100}
              value={node.sharePercent}
              suffix="%"
              onChange={(n) => onChange({ ...node, sharePercent: n ?? undefined })}
              data-testid="node-share"
            />
          </Space>
        )}
      </Form.Item>
      <Form.Item label={t('approvals.designer.node.onEmpty')}>
        <Radio.Group
          value={node.onEmpty}
          onChange={(e) => onChange({ ...node, onEmpty: e.target.value })}
          options={empties.map((x) => ({ value: x, label: t(`approvals.designer.onEmpty.${x}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('approvals.designer.node.timeout')}>
        <Space wrap>
          <Switch
            checked={!!node.timeout}
            onChange={(on) => onChange({ ...node, timeout: on ? { hours: 24, action: 'remind' } : undefined })}
            data-testid="node-timeout"
          />
          {node.timeout && (
            <>
              <InputNumber
                min={1}
                max={24 * 90}
                value={node.timeout.hours}
                suffix={t('approvals.designer.node.hours')}
                onChange={(hours) => onChange({ ...node, timeout: { ...node.timeout!, hours: hours ?? 1 } })}
              />
              <Select
                style={{ minWidth: 130 }}
                value={node.timeout.action}
                onChange={(action) => onChange({ ...node, timeout: { ...node.timeout!, action } })}
                options={timeoutActions.map((a) => ({ value: a, label: t(`approvals.designer.timeout.${a}`) }))}
              />
            </>
          )}
        </Space>
      </Form.Item>
    </Form>
  );
}

/** 抄送人 node. */
export function CcForm({ node, meta, onChange }: { node: CcNode; meta?: ObjectMeta; onChange(n: CcNode): void }) {
  const { t } = useTranslation();
  return (
    <Form layout="vertical" data-testid="cc-form">
      <NameItem value={node.name} onChange={(name) => onChange({ ...node, name })} />
      <Form.Item label={t('approvals.designer.node.ccUsers')} extra={t('approvals.designer.node.ccHint')}>
        <AssigneeEditor
          cc
          value={node.assignees}
          meta={meta}
          onChange={(assignees) => onChange({ ...node, assignees })}
        />
      </Form.Item>
    </Form>
  );
}

/** A branch: its name, and for a condition branch when it is taken (其他情况 has no condition). */
export function BranchForm(p: {
  branch: Branch;
  object: string;
  kind: 'condition' | 'parallel';
  otherwise: boolean;
  onChange(b: Branch): void;
}) {
  const { t } = useTranslation();
  const { branch } = p;
  return (
    <Form layout="vertical" data-testid="branch-form">
      <NameItem value={branch.name} onChange={(name) => p.onChange({ ...branch, name })} />
      {p.kind === 'condition' &&
        (p.otherwise ? (
          <Typography.Paragraph type="secondary">{t('approvals.designer.branch.otherwiseHint')}</Typography.Paragraph>
        ) : (
          <Form.Item label={t('approvals.designer.branch.when')} extra={t('approvals.designer.branch.whenHint')}>
            <ConditionEditor
              object={p.object}
              value={branch.when}
              onChange={(when) => p.onChange({ ...branch, when })}
            />
          </Form.Item>
        ))}
    </Form>
  );
}
