import { useAuth } from '../../app/auth.tsx';
import { isOpen, type RecordInstance, useRecordApprovals } from './approvals-api.ts';

/**
 * Whether a record is held by an approval for this reader (the server refuses its changes anyway): while it runs,
 * for everyone; once returned to its submitter, for everyone but them.
 */
export function useApprovalLock(object: string, id: number | string): { locked: boolean; open?: RecordInstance } {
  const { me } = useAuth();
  const q = useRecordApprovals(object, id);
  const open = q.data?.instances.find((i) => isOpen(i.state));
  const locked = !!open && (open.state === 'running' || open.submitter.id !== me?.user.id);
  return { locked, open };
}
