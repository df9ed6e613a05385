import { useTranslation } from 'react-i18next';
import type { NodeNames } from './tree-ops.ts';

/** The default names of new nodes and branches, in the designer's language. */
export function useNodeNames(): NodeNames {
  const { t } = useTranslation();
  return {
    approver: t('approvals.designer.newNode.approver'),
    cc: t('approvals.designer.newNode.cc'),
    condition: t('approvals.designer.newNode.condition'),
    parallel: t('approvals.designer.newNode.parallel'),
    conditionBranch: (n) => t('approvals.designer.newNode.conditionBranch', { n }),
    parallelBranch: (n) => t('approvals.designer.newNode.parallelBranch', { n }),
    otherwise: t('approvals.designer.newNode.otherwise'),
  };
}
