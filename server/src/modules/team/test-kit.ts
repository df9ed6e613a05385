import type { Grants } from '@kehu/common';
import type { ApiClient } from '../../../test/api-client.ts';
import type { TestKehu } from '../../../test/harness.ts';

/** Rights like the starter roles: a salesperson works on their own records, a manager on the department's. */
export const salesGrants: Grants = {
  '*': { create: 'own', read: 'own', update: 'own', delete: 'own' },
  user: { read: 'all' },
  department: { read: 'all' },
};
export const managerGrants: Grants = {
  '*': {
    create: 'subordinates',
    read: 'departmentTree',
    update: 'subordinates',
    delete: 'subordinates',
    assign: 'subordinates',
  },
  user: { read: 'all' },
  department: { read: 'all' },
};

export interface Team {
  dept: number;
  manager: { id: number; api: ApiClient };
  li: { id: number; api: ApiClient };
  wang: { id: number; api: ApiClient };
  /** In another department. */
  zhao: { id: number; api: ApiClient };
}

/** A department with a manager and two salespeople, and a salesperson elsewhere. Usernames get `prefix`. */
export async function team(k: TestKehu, prefix: string): Promise<Team> {
  const dept = await k.admin.post('/api/objects/department', { name: `${prefix}-济南办`, code: `${prefix}-JN` });
  const other = await k.admin.post('/api/objects/department', { name: `${prefix}-南京办`, code: `${prefix}-NJ` });
  const d = dept.body.data.id;
  const manager = await k.user({ username: `${prefix}-mgr`, grants: managerGrants, department: d });
  const li = await k.user({ username: `${prefix}-li`, grants: salesGrants, department: d, manager: manager.id });
  const wang = await k.user({ username: `${prefix}-wang`, grants: salesGrants, department: d, manager: manager.id });
  const zhao = await k.user({ username: `${prefix}-zhao`, grants: salesGrants, department: other.body.data.id });
  return { dept: d, manager, li, wang, zhao };
}

/** Create a record and return its data, failing loudly. */
export async function create(api: ApiClient, object: string, input: Record<string, unknown>) {
  const r = await api.post(`/api/objects/${object}`, input);
  if (r.status !== 201) throw new Error(`${object}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data;
}

export const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
export const hoursAhead = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
