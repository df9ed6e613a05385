import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowRightOutlined,
  ArrowUpOutlined,
  CloseOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Button, Popconfirm, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObjectMeta } from '../metadata.ts';
import { AddNode } from './add-node.tsx';
import type { Branch, FlowNode, FlowTree, NodeType } from './flow-types.ts';
import { AssigneeSummary, ConditionSummary } from './node-summary.tsx';
import { useModeText } from './state-tag.tsx';
import {
  addBranch,
  collectIds,
  insertNode,
  isGateway,
  type ListRef,
  makeNode,
  removeBranch,
  removeNode,
  shiftBranch,
  shiftNode,
  shortId,
} from './tree-ops.ts';
import { useNodeNames } from './use-node-names.ts';

export type Selection = { kind: 'node' | 'branch'; id: string };

interface Ctx {
  tree: FlowTree;
  meta?: ObjectMeta;
  problems: Map<string, string[]>;
  selected?: Selection;
  onChange(t: FlowTree): void;
  onSelect(s: Selection): void;
}

const colors: Record<string, string> = {
  approver: '#ff943e',
  cc: '#3296fa',
  condition: '#15bc83',
  parallel: '#718dff',
};

function Tools({ children }: { children: ReactNode }) {
  // The tools act on the node; a click on them does not open the node's panel.
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: only stops the click from reaching the card
    <span className="flow-node-tools" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      {children}
    </span>
  );
}

/** A node's card: opens its panel on click or Enter (a card holding buttons cannot itself be a <button>). */
function Card(p: {
  className: string;
  selected: boolean;
  onOpen(): void;
  children: ReactNode;
  testId: string;
  id: string;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: the card holds buttons of its own
    <div
      role="button"
      tabIndex={0}
      className={p.className}
      style={p.selected ? { borderColor: '#1677ff' } : undefined}
      onClick={p.onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          p.onOpen();
        }
      }}
      data-testid={p.testId}
      data-id={p.id}
    >
      {p.children}
    </div>
  );
}

function Problems({ list }: { list?: string[] }) {
  if (!list?.length) return null;
  return (
    <div className="flow-node-problems" data-testid="node-problems">
      {list.map((m) => (
        <div key={m}>{m}</div>
      ))}
    </div>
  );
}

function NodeCard({ node, c }: { node: FlowNode; c: Ctx }) {
  const { t } = useTranslation();
  const mode = useModeText();
  const problems = c.problems.get(node.id);
  const selected = c.selected?.kind === 'node' && c.selected.id === node.id;
  return (
    <Card
      className={`flow-node${problems?.length ? ' flow-node-problem' : ''}`}
      selected={selected}
      onOpen={() => c.onSelect({ kind: 'node', id: node.id })}
      testId="flow-node"
      id={node.id}
    >
      <div className="flow-node-head" style={{ background: colors[node.type] }}>
        <span>{node.name}</span>
        <Tools>
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            aria-label={t('approvals.designer.moveUp')}
            onClick={() => c.onChange(shiftNode(c.tree, node.id, -1))}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            aria-label={t('approvals.designer.moveDown')}
            onClick={() => c.onChange(shiftNode(c.tree, node.id, 1))}
          />
          <Button
            size="small"
            type="text"
            icon={<CloseOutlined />}
            aria-label={t('approvals.designer.removeNode')}
            onClick={() => c.onChange(removeNode(c.tree, node.id))}
            data-testid="node-remove"
          />
        </Tools>
      </div>
      <div className="flow-node-body">
        <AssigneeSummary node={node} meta={c.meta} />
        {node.type === 'approver' && node.mode !== 'sequence' && (
          <div>
            <Tag bordered={false} color="orange">
              {mode(node.mode, node.sharePercent)}
            </Tag>
          </div>
        )}
      </div>
      <Problems list={problems} />
    </Card>
  );
}

function BranchCard({
  branch,
  gateway,
  index,
  c,
}: {
  branch: Branch;
  gateway: FlowNode & { branches: Branch[] };
  index: number;
  c: Ctx;
}) {
  const { t } = useTranslation();
  const problems = c.problems.get(branch.id);
  const otherwise = gateway.type === 'condition' && !branch.when;
  const selected = c.selected?.kind === 'branch' && c.selected.id === branch.id;
  return (
    <Card
      className={`flow-node flow-branch-card${problems?.length ? ' flow-node-problem' : ''}`}
      selected={selected}
      onOpen={() => c.onSelect({ kind: 'branch', id: branch.id })}
      testId="flow-branch"
      id={branch.id}
    >
      <div className="flow-node-head">
        <span>
          {branch.name}
          {gateway.type === 'condition' && !otherwise && (
            <Tag bordered={false} style={{ marginInlineStart: 4 }}>
              {t('approvals.designer.branch.priority', { n: index + 1 })}
            </Tag>
          )}
        </span>
        <Tools>
          {!otherwise && (
            <Button
              size="small"
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={t('approvals.designer.moveLeft')}
              onClick={() => c.onChange(shiftBranch(c.tree, branch.id, -1))}
            />
          )}
          {!otherwise && (
            <Button
              size="small"
              type="text"
              icon={<ArrowRightOutlined />}
              aria-label={t('approvals.designer.moveRight')}
              onClick={() => c.onChange(shiftBranch(c.tree, branch.id, 1))}
            />
          )}
          <Button
            size="small"
            type="text"
            icon={<CloseOutlined />}
            aria-label={t('approvals.designer.removeBranch')}
            onClick={() => c.onChange(removeBranch(c.tree, branch.id))}
            data-testid="branch-remove"
          />
        </Tools>
      </div>
      <div className="flow-node-body">
        {gateway.type === 'parallel' ? (
          <span className="flow-node-empty">{t('approvals.designer.branch.parallelHint')}</span>
        ) : otherwise ? (
          <span className="flow-node-empty">{t('approvals.designer.branch.otherwiseHint')}</span>
        ) : (
          <ConditionSummary object={c.meta?.name ?? ''} when={branch.when} />
        )}
      </div>
      <Problems list={problems} />
    </Card>
  );
}

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
