import type { Grants } from '@kehu/common';
import { expect } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import type { TestKehu } from '../../../test/harness.ts';
import { creditCodeCheck } from './credit-code.ts';

/** The starter roles' grants (app/seed.ts), written out: a salesperson reaches their own records. */
export const salesGrants: Grants = {
  '*': { create: 'own', read: 'own', update: 'own', delete: 'own', export: 'none', import: 'none', assign: 'none' },
  user: { read: 'all' },
  department: { read: 'all' },
};
export const managerGrants: Grants = {
  '*': {
    create: 'subordinates',
    read: 'subordinates',
    update: 'subordinates',
    delete: 'subordinates',
    assign: 'subordinates',
  },
  user: { read: 'all' },
  department: { read: 'all' },
};

export interface Person {
  id: number;
  api: ApiClient;
}

export async function department(k: TestKehu, name: string, parent?: number): Promise<number> {
  const r = await k.admin.post('/api/objects/department', { name, parent });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id;
}

export async function customer(api: ApiClient, name: string, extra: Record<string, unknown> = {}): Promise<number> {
  const r = await api.post('/api/objects/customer', { name, type: 'direct', ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id;
}

export async function contact(api: ApiClient, customerId: number, name: string): Promise<number> {
  const r = await api.post('/api/objects/contact', { name, customer: customerId });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id;
}

/** A valid unified social credit code from 17 characters. */
export const creditCode = (first17: string) => first17 + creditCodeCheck(first17);

export async function poolRule(k: TestKehu, spec: Record<string, unknown>): Promise<number> {
  const r = await k.admin.post('/api/objects/customerPoolRule', { active: true, ...spec });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id;
}

/** Ids of pool customers the client sees: the generic list, filtered by inPool. */
export async function poolIds(api: ApiClient): Promise<number[]> {
  const r = await api.list('customer', { filter: { field: 'inPool', op: 'eq', value: true }, limit: 500 });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data.map((c: { id: number }) => c.id);
}
