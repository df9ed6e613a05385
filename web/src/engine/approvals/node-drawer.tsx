import { Alert, Drawer, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../app/use-mobile.ts';
import type { ObjectMeta } from '../metadata.ts';
import type { Selection } from './flow-canvas.tsx';
import type { FlowNode, FlowTree } from './flow-types.ts';
import { ApproverForm, BranchForm, CcForm } from './node-forms.tsx';
import { findBranch, locate, updateBranch, updateNode } from './tree-ops.ts';

/** The side panel of the node or branch chosen on the canvas; every change goes straight into the draft. */
export function NodeDrawer(p: {
  tree: FlowTree;
  meta?: ObjectMeta;
  selected?: Selection;
  problems: Map<string, string[]>;
  onChange(t: FlowTree): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const sel = p.selected;
  const node = sel?.kind === 'node' ? locate(p.tree, sel.id)?.node : undefined;
  const branch = sel?.kind === 'branch' ? findBranch(p.tree, sel.id) : undefined;
  const setNode = (n: FlowNode) => p.onChange(updateNode(p.tree, n.id, () => n));
  const problems = sel ? p.problems.get(sel.id) : undefined;
  const title = node
    ? t(`approvals.designer.add.${node.type}`)
    : branch
      ? t(
          branch.gateway.type === 'condition'
            ? 'approvals.designer.branch.conditionTitle'
            : 'approvals.designer.branch.parallelTitle',
        )
      : '';
  return (
    <Drawer
      open={!!node || !!branch}
      onClose={p.onClose}
      title={title}
      size={mobile ? '100%' : 560}
      destroyOnHidden
      data-testid="node-drawer"
    >
      {problems?.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={problems.join('；')}
          data-testid="drawer-problems"
        />
      ) : null}
      {node?.type === 'approver' && <ApproverForm node={node} meta={p.meta} onChange={setNode} />}
      {node?.type === 'cc' && <CcForm node={node} meta={p.meta} onChange={setNode} />}
      {node && (node.type === 'condition' || node.type === 'parallel') && (
        <Form layout="vertical">
          <Form.Item label={t('approvals.designer.node.name')}>
            <Input value={node.name} maxLength={100} onChange={(e) => setNode({ ...node, name: e.target.value })} />
          </Form.Item>
        </Form>
      )}
      {branch && (
        <BranchForm
          branch={branch.branch}
          object={p.meta?.name ?? ''}
          kind={branch.gateway.type}
          otherwise={branch.gateway.type === 'condition' && !branch.branch.when}
          onChange={(b) => p.onChange(updateBranch(p.tree, b.id, () => b))}
        />
      )}
    </Drawer>
  );
}
