import { conflictRecordObject } from './ownership-conflict.object.ts';
import { transferRequestObject } from './ownership-request.object.ts';
import { poolClaimObject, poolRuleObject } from './pool-rule.object.ts';

/** Objects of the ownership part (CUS-7, CUS-8). */
export const ownershipObjects = [poolRuleObject, poolClaimObject, transferRequestObject, conflictRecordObject];
