import type { ObjectDecl } from '@kehu/common';
import { mailLogObject } from '../mail/mail-log.object.ts';
import { apiKeyObject } from './api-key.object.ts';
import { departmentObject } from './department.object.ts';
import { exportRequestObject } from './export-request.object.ts';
import { loginHistoryObject } from './login-history.object.ts';
import { operationLogObject } from './operation-log.object.ts';
import { roleObject } from './role.object.ts';
import { userObject } from './user.object.ts';

/** Objects the engine itself needs: who acts (users, departments, roles) and what they did. */
export const systemObjects: ObjectDecl[] = [
  departmentObject,
  roleObject,
  userObject,
  operationLogObject,
  loginHistoryObject,
  apiKeyObject,
  exportRequestObject,
  mailLogObject,
];

export const systemObjectNames = new Set(systemObjects.map((o) => o.name));
