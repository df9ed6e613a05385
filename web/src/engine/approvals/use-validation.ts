import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowProblem, FlowTree } from './flow-types.ts';
import { validateFlow } from './flows-api.ts';
import { findBranch } from './tree-ops.ts';

/**
 * The draft checked by the server as it is edited (debounced): every problem, each naming its node, so that the
 * canvas marks the nodes and publishing holds no surprise.
 */
export function useValidation(flowId: number, tree: FlowTree, delay = 500) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<FlowProblem[]>([]);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    let live = true;
    const h = setTimeout(async () => {
      setChecking(true);
      try {
        const found = await validateFlow(flowId, tree);
        if (live) setProblems(found);
      } catch {
        // A failed check (the network) leaves the last answer; publishing checks again anyway.
      } finally {
        if (live) setChecking(false);
      }
    }, delay);
    return () => {
      live = false;
      clearTimeout(h);
    };
  }, [flowId, tree, delay]);
  // A branch whose condition is not written yet says so, rather than "invalid condition".
  const byNode = new Map<string, string[]>();
  for (const p of problems) {
    if (!p.nodeId) continue;
    const b = p.code === 'badCondition' ? findBranch(tree, p.nodeId)?.branch : undefined;
    const text = b && !b.when?.any.length ? t('approvals.designer.branch.setCondition') : p.message;
    byNode.set(p.nodeId, [...(byNode.get(p.nodeId) ?? []), text]);
  }
  return { problems, byNode, checking };
}
