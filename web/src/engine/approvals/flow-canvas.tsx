import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ObjectMeta } from '../metadata.ts';
import { AddNode } from './add-node.tsx';
import { BranchCard, nodeColors as colors, NodeCard } from './flow-cards.tsx';
import type { Branch, FlowNode, FlowTree, NodeType } from './flow-types.ts';
import {
  addBranch,
  collectIds,
  insertNode,
  isGateway,
  type ListRef,
  makeNode,
  removeNode,
  shortId,
} from './tree-ops.ts';
import { useNodeNames } from './use-node-names.ts';

export type Selection = { kind: 'node' | 'branch'; id: string };

export interface CanvasCtx {
  tree: FlowTree;
  meta?: ObjectMeta;
  problems: Map<string, string[]>;
  selected?: Selection;
  onChange(t: FlowTree): void;
  onSelect(s: Selection): void;
}

type Ctx = CanvasCtx;

function Gateway({ node, c }: { node: FlowNode & { branches: Branch[] }; c: Ctx }) {
  const { t } = useTranslation();
  const names = useNodeNames();
  const add = () => {
    const n = node.branches.length + (node.type === 'condition' ? 0 : 1);
    const name = node.type === 'condition' ? names.conditionBranch(n) : names.parallelBranch(n);
    c.onChange(addBranch(c.tree, node.id, { id: shortId(collectIds(c.tree)), name, nodes: [] }));
  };
  return (
    <div className="flow-gateway" data-testid="flow-gateway" data-node={node.id}>
      <div className="flow-gateway-bar" style={{ borderColor: colors[node.type] }}>
        <Button
          size="small"
          type="text"
          onClick={() => c.onSelect({ kind: 'node', id: node.id })}
          data-testid="gateway-name"
        >
          {node.name}
        </Button>
        <Button size="small" type="link" icon={<PlusOutlined />} onClick={add} data-testid="branch-add">
          {node.type === 'condition' ? t('approvals.designer.addCondition') : t('approvals.designer.addBranch')}
        </Button>
        <Popconfirm
          title={t('approvals.designer.removeGatewayConfirm')}
          onConfirm={() => c.onChange(removeNode(c.tree, node.id))}
        >
          <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('approvals.designer.removeNode')} />
        </Popconfirm>
      </div>
      <div className="flow-edge" style={{ flex: '0 0 12px' }} />
      <div className="flow-branches">
        {node.branches.map((b, i) => (
          <div key={b.id} className="flow-branch">
            <div className="flow-edge" style={{ flex: '0 0 12px' }} />
            <BranchCard branch={b} gateway={node} index={i} c={c} />
            <NodeList list={b.id} nodes={b.nodes} c={c} />
            <div className="flow-edge" />
          </div>
        ))}
      </div>
    </div>
  );
}

function NodeList({ list, nodes, c }: { list: ListRef; nodes: FlowNode[]; c: Ctx }) {
  const names = useNodeNames();
  const insert = (index: number, type: NodeType) => {
    const node = makeNode(type, collectIds(c.tree), names);
    c.onChange(insertNode(c.tree, list, index, node));
    c.onSelect(isGateway(node) ? { kind: 'branch', id: node.branches[0].id } : { kind: 'node', id: node.id });
  };
  return (
    <>
      <AddNode onPick={(type) => insert(0, type)} />
      {nodes.map((n, i) => (
        <div key={n.id} className="flow-list">
          {isGateway(n) ? <Gateway node={n} c={c} /> : <NodeCard node={n} c={c} />}
          <AddNode onPick={(type) => insert(i + 1, type)} />
        </div>
      ))}
    </>
  );
}

/** The flow as DingTalk draws it: 发起人 at the top, the steps and branches below, 结束 at the bottom. */
export function FlowCanvas(c: Ctx) {
  const { t } = useTranslation();
  return (
    <div className="flow-canvas" data-testid="flow-canvas">
      <div className="flow-list" style={{ minWidth: 'max-content' }}>
        <div className="flow-terminal">{t('approvals.path.submitter')}</div>
        <NodeList list={null} nodes={c.tree.nodes} c={c} />
        <div className="flow-terminal">{t('approvals.path.end')}</div>
      </div>
    </div>
  );
}
