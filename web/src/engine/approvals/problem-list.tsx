import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Selection } from './flow-canvas.tsx';
import type { FlowProblem, FlowTree } from './flow-types.ts';
import { findBranch } from './tree-ops.ts';

const flowParts = new Set(['trigger', 'appliesWhen', 'binding']);

/** What stops the draft from being published, each naming its node (a click shows the node). */
export function ProblemList(p: {
  problems: FlowProblem[];
  checking: boolean;
  tree: FlowTree;
  onSelect(s: Selection): void;
}) {
  const { t } = useTranslation();
  if (p.problems.length === 0)
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 12 }}
        title={p.checking ? t('approvals.designer.checking') : t('approvals.designer.noProblems')}
        data-testid="flow-problems-none"
      />
    );
  const where = (x: FlowProblem) =>
    x.node && flowParts.has(x.node)
      ? t(`approvals.designer.part.${x.node}`)
      : x.node
        ? `「${x.node}」`
        : t('approvals.designer.part.flow');
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('approvals.designer.problems', { n: p.problems.length })}
      data-testid="flow-problems"
      description={
        <Space orientation="vertical" size={0}>
          {p.problems.map((x, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same problem may be reported twice on a node
            <span key={i} data-testid="flow-problem">
              {x.nodeId ? (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => p.onSelect({ kind: findBranch(p.tree, x.nodeId!) ? 'branch' : 'node', id: x.nodeId! })}
                >
                  {where(x)}
                </Button>
              ) : (
                where(x)
              )}
              ：
              {x.code === 'badCondition' && x.nodeId && !findBranch(p.tree, x.nodeId)?.branch.when?.any.length
                ? t('approvals.designer.branch.setCondition')
                : x.message}
            </span>
          ))}
        </Space>
      }
    />
  );
}
