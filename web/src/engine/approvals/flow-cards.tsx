import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowRightOutlined,
  ArrowUpOutlined,
  CloseOutlined,
} from '@ant-design/icons';
import { Button, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CanvasCtx as Ctx } from './flow-canvas.tsx';
import type { Branch, FlowNode } from './flow-types.ts';
import { AssigneeSummary, ConditionSummary } from './node-summary.tsx';
import { useModeText } from './state-tag.tsx';
import { removeBranch, removeNode, shiftBranch, shiftNode } from './tree-ops.ts';

/** The cards of the designer's canvas: a step (审批人, 抄送人) and a branch, with their tools and problems. */

export const nodeColors: Record<string, string> = {
  approver: '#ff943e',
  cc: '#3296fa',
  condition: '#15bc83',
  parallel: '#718dff',
};
const colors = nodeColors;

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

export function NodeCard({ node, c }: { node: FlowNode; c: Ctx }) {
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
            <Tag variant="filled" color="orange">
              {mode(node.mode, node.sharePercent)}
            </Tag>
          </div>
        )}
      </div>
      <Problems list={problems} />
    </Card>
  );
}

export function BranchCard({
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
            <Tag variant="filled" style={{ marginInlineStart: 4 }}>
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
