import type { ObjectDecl } from '@kehu/common';
import { departmentObject } from './department.object.ts';
import { operationLogObject } from './operation-log.object.ts';
import { roleObject } from './role.object.ts';
import { userObject } from './user.object.ts';

/** Objects the engine itself needs: who acts (users, departments, roles) and what they did. */
export const systemObjects: ObjectDecl[] = [departmentObject, roleObject, userObject, operationLogObject];

export const systemObjectNames = new Set(systemObjects.map((o) => o.name));
