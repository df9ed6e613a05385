import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';

let k: TestKehu;
const ids: Record<string, number> = {};
const label = (zh: string) => ({ 'zh-CN': zh });
const options = (...values: string[]) => values.map((value) => ({ value, label: label(value) }));

async function create(object: string, values: Record<string, unknown>): Promise<number> {
  const r = await k.admin.post(`/api/objects/${object}`, values);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id;
}

/** Titles of the qDeal records matching a filter, sorted. */
async function titles(filter: unknown, object = 'qDeal'): Promise<string[]> {
  const r = await k.admin.list(object, { filter, limit: '500' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data.map((d: { title?: string; name?: string }) => d.title ?? d.name).sort();
}

beforeAll(async () => {
  k = await startKehu();
  const east = await create('department', { name: '华东大区' });
  const north = await create('department', { name: '华北大区' });
  ids.east = east;
  ids.u1 = (await k.user({ username: 'q_east', department: east })).id;
  ids.u2 = (await k.user({ username: 'q_north', department: north })).id;
  const account = await k.admin.post('/api/metadata/objects', {
    name: 'qAccount',
    label: label('客户'),
    fields: {
      name: { type: 'text', required: true },
      industry: { type: 'picklist', options: options('mfg', 'retail') },
    },
  });
  expect(account.status, JSON.stringify(account.body)).toBe(201);
  const deal = await k.admin.post('/api/metadata/objects', {
    name: 'qDeal',
    label: label('商机'),
    fields: {
      title: { type: 'text', required: true },
      amount: { type: 'money' },
      visits: { type: 'integer' },
      status: { type: 'picklist', options: options('plan', 'won', 'lost') },
      closeDate: { type: 'date' },
      hot: { type: 'boolean' },
      tags: { type: 'tags' },
      note: { type: 'text' },
      account: { type: 'manyToOne', object: 'qAccount' },
      owner: { type: 'owner' },
    },
  });
  expect(deal.status, JSON.stringify(deal.body)).toBe(201);
  const back = await k.admin.post('/api/metadata/objects/qAccount/fields', {
    name: 'deals',
    type: 'oneToMany',
    object: 'qDeal',
    field: 'account',
  });
  expect(back.status, JSON.stringify(back.body)).toBe(201);
  ids.alpha = await create('qAccount', { name: 'Alpha', industry: 'mfg' });
  ids.beta = await create('qAccount', { name: 'Beta', industry: 'retail' });
  ids.gamma = await create('qAccount', { name: 'Gamma' });
  ids.delta = await create('qAccount', { name: 'Delta' });
  const { alpha, beta, gamma, u1, u2 } = ids;
  ids.d1 = await create('qDeal', {
    title: 'D1 开乐专用车',
    amount: '100',
    visits: 1,
    status: 'plan',
    closeDate: '2024-01-10',
    hot: true,
    tags: ['VIP'],
    note: 'n1',
    account: alpha,
    owner: u1,
  });
  ids.d2 = await create('qDeal', {
    title: 'D2 华东',
    amount: '250.50',
    visits: 3,
    status: 'won',
    closeDate: '2024-02-15',
    hot: false,
    account: alpha,
    owner: u2,
  });
  ids.d3 = await create('qDeal', {
    title: 'D3',
    amount: '999.99',
    status: 'lost',
    closeDate: '2024-03-01',
    tags: ['VIP', '华东'],
    account: beta,
    owner: u1,
  });
  ids.d4 = await create('qDeal', {
    title: "D4 O'Brien 100%_x",
    visits: 5,
    status: 'won',
    hot: true,
    note: 'x',
    owner: u2,
  });
  ids.d5 = await create('qDeal', {
    title: 'D5',
    amount: '0',
    visits: 0,
    closeDate: '2023-12-31',
    hot: false,
    account: gamma,
    owner: u1,
  });
});
afterAll(() => k?.close());

const eq = (field: string, value: unknown) => ({ field, op: 'eq', value });

describe('INT-1 every filter operator', () => {
  test('INT-1 eq and ne (ne keeps empty values)', async () => {
    expect(await titles(eq('status', 'won'))).toEqual(['D2 华东', "D4 O'Brien 100%_x"]);
    expect(await titles(eq('amount', '250.5'))).toEqual(['D2 华东']);
    expect(await titles(eq('title', "D4 O'Brien 100%_x"))).toEqual(["D4 O'Brien 100%_x"]);
    expect(await titles(eq('hot', true))).toEqual(['D1 开乐专用车', "D4 O'Brien 100%_x"]);
    expect(await titles({ field: 'status', op: 'ne', value: 'won' })).toEqual(['D1 开乐专用车', 'D3', 'D5']);
  });

  test('INT-1 lt, lte, gt, gte on numbers and dates', async () => {
    const op = (o: string, field: string, value: unknown) => titles({ field, op: o, value });
    expect(await op('lt', 'amount', 250.5)).toEqual(['D1 开乐专用车', 'D5']);
    expect(await op('lte', 'amount', '250.50')).toEqual(['D1 开乐专用车', 'D2 华东', 'D5']);
    expect(await op('gt', 'amount', '250.5')).toEqual(['D3']);
    expect(await op('gte', 'amount', '250.5')).toEqual(['D2 华东', 'D3']);
    expect(await op('lt', 'closeDate', '2024-01-10')).toEqual(['D5']);
    expect(await op('gte', 'closeDate', '2024-02-15')).toEqual(['D2 华东', 'D3']);
  });

  test('INT-1 between, in and notIn (notIn keeps empty values)', async () => {
    expect(await titles({ field: 'visits', op: 'between', value: [1, 3] })).toEqual(['D1 开乐专用车', 'D2 华东']);
    expect(await titles({ field: 'closeDate', op: 'between', value: ['2024-01-10', '2024-02-15'] })).toEqual([
      'D1 开乐专用车',
      'D2 华东',
    ]);
    expect(await titles({ field: 'status', op: 'in', value: ['plan', 'lost'] })).toEqual(['D1 开乐专用车', 'D3']);
    expect(await titles({ field: 'account', op: 'in', value: [ids.alpha, ids.beta] })).toEqual([
      'D1 开乐专用车',
      'D2 华东',
      'D3',
    ]);
    expect(await titles({ field: 'status', op: 'notIn', value: ['won'] })).toEqual(['D1 开乐专用车', 'D3', 'D5']);
  });

  test('INT-1 contains, notContains and startsWith are case-insensitive and treat % _ \\ literally', async () => {
    expect(await titles({ field: 'title', op: 'contains', value: '100%' })).toEqual(["D4 O'Brien 100%_x"]);
    expect(await titles({ field: 'title', op: 'contains', value: '_' })).toEqual(["D4 O'Brien 100%_x"]);
    expect(await titles({ field: 'title', op: 'contains', value: "o'brien" })).toEqual(["D4 O'Brien 100%_x"]);
    expect(await titles({ field: 'title', op: 'contains', value: '开乐' })).toEqual(['D1 开乐专用车']);
    expect(await titles({ field: 'title', op: 'contains', value: '\\' })).toEqual([]);
    expect(await titles({ field: 'title', op: 'notContains', value: '开乐' })).toEqual([
      'D2 华东',
      'D3',
      "D4 O'Brien 100%_x",
      'D5',
    ]);
    expect(await titles({ field: 'title', op: 'startsWith', value: 'd4 o' })).toEqual(["D4 O'Brien 100%_x"]);
    expect(await titles({ field: 'title', op: 'startsWith', value: '%' })).toEqual([]);
    expect(await titles({ field: 'tags', op: 'contains', value: 'VIP' })).toEqual(['D1 开乐专用车', 'D3']);
    expect(await titles({ field: 'tags', op: 'notContains', value: ['华东'] })).toEqual([
      'D1 开乐专用车',
      'D2 华东',
      "D4 O'Brien 100%_x",
      'D5',
    ]);
  });

  test('INT-1 isEmpty and isNotEmpty (empty text counts as empty)', async () => {
    await k.admin.patch(`/api/objects/qDeal/${ids.d3}`, { note: '' });
    expect(await titles({ field: 'note', op: 'isEmpty' })).toEqual(['D2 华东', 'D3', 'D5']);
    expect(await titles({ field: 'note', op: 'isNotEmpty' })).toEqual(['D1 开乐专用车', "D4 O'Brien 100%_x"]);
    expect(await titles({ field: 'amount', op: 'isEmpty' })).toEqual(["D4 O'Brien 100%_x"]);
    expect(await titles({ field: 'tags', op: 'isEmpty' })).toEqual(['D2 华东', "D4 O'Brien 100%_x", 'D5']);
    expect(await titles({ field: 'account', op: 'isEmpty' })).toEqual(["D4 O'Brien 100%_x"]);
    expect(await titles({ field: 'hot', op: 'isNotEmpty' })).toEqual([
      'D1 开乐专用车',
      'D2 华东',
      "D4 O'Brien 100%_x",
      'D5',
    ]);
  });

  test('INT-1 and / or / not nest, and empty groups mean all / nothing', async () => {
    const tree = {
      or: [{ and: [eq('status', 'won'), eq('hot', true)] }, { not: { field: 'amount', op: 'gte', value: 100 } }],
    };
    // D4 is won and hot; D5's amount is 0; D4's empty amount is "not ≥ 100" as well.
    expect(await titles(tree)).toEqual(["D4 O'Brien 100%_x", 'D5']);
    expect(await titles({ not: tree })).toEqual(['D1 开乐专用车', 'D2 华东', 'D3']);
    expect(await titles({ and: [] })).toHaveLength(5);
    expect(await titles({ or: [] })).toEqual([]);
    expect(
      await titles({ and: [{ or: [eq('status', 'plan'), eq('status', 'lost')] }, { not: { not: eq('hot', true) } }] }),
    ).toEqual(['D1 开乐专用车']);
  });
});

describe('INT-1 conditions on related records', () => {
  test('INT-1 a field of a many-to-one target (custom object → custom object)', async () => {
    expect(await titles(eq('account.industry', 'mfg'))).toEqual(['D1 开乐专用车', 'D2 华东']);
    expect(await titles({ field: 'account.name', op: 'startsWith', value: 'gam' })).toEqual(['D5']);
    expect(await titles({ field: 'account.industry', op: 'isEmpty' })).toEqual(['D5']);
  });

  test('INT-1 owner.department and owner.department.name through the built-in user and department objects', async () => {
    expect(await titles(eq('owner.department', ids.east))).toEqual(['D1 开乐专用车', 'D3', 'D5']);
    expect(await titles(eq('owner.department.name', '华北大区'))).toEqual(['D2 华东', "D4 O'Brien 100%_x"]);
  });

  test('INT-1 a one-to-many field: has any / has no related records', async () => {
    expect(await titles({ field: 'deals', op: 'isNotEmpty' }, 'qAccount')).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(await titles({ field: 'deals', op: 'isEmpty' }, 'qAccount')).toEqual(['Delta']);
    const hasWon = { field: 'deals', op: 'eq', value: 1 };
    expect((await k.admin.list('qAccount', { filter: hasWon })).body.error.code).toBe('UNKNOWN_OPERATOR');
  });
});

describe('INT-1 unknown or malformed filters are refused, never ignored', () => {
  const refused = async (filter: unknown, code: string) => {
    const r = await k.admin.list('qDeal', { filter });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.code).toBe(code);
  };

  test('INT-1 unknown fields, paths and operators', async () => {
    await refused(eq('nope', 1), 'UNKNOWN_FIELD');
    await refused(eq('title.name', 1), 'UNKNOWN_FIELD');
    await refused(eq('owner.password', 'x'), 'UNKNOWN_FIELD');
    await refused(eq('account.a.b.c.d', 1), 'UNKNOWN_FIELD');
    await refused({ field: 'amount', op: 'contains', value: '1' }, 'UNKNOWN_OPERATOR');
    await refused({ field: 'title', op: 'within', value: 'today' }, 'UNKNOWN_OPERATOR');
    await refused({ field: 'title', op: 'like', value: '%' }, 'UNKNOWN_OPERATOR');
  });

  test('INT-1 bad values and shapes', async () => {
    await refused(eq('amount', 'abc'), 'INVALID_FILTER');
    await refused(eq('status', 'maybe'), 'INVALID_FILTER');
    await refused(eq('closeDate', '2024-02-30'), 'INVALID_FILTER');
    await refused({ field: 'visits', op: 'between', value: [1] }, 'INVALID_FILTER');
    await refused({ field: 'status', op: 'in', value: [] }, 'INVALID_FILTER');
    await refused({ field: 'status', op: 'in', value: 'won' }, 'INVALID_FILTER');
    await refused({ field: 'closeDate', op: 'within', value: 'someday' }, 'INVALID_FILTER');
    await refused({ field: 'closeDate', op: 'within', value: { last: 0, unit: 'day' } }, 'INVALID_FILTER');
    await refused({ field: 'title', op: 'eq', value: 'x', extra: 1 }, 'INVALID_FILTER');
    await refused({ and: [eq('title', 'x')], or: [] }, 'INVALID_FILTER');
    await refused({ and: {} }, 'INVALID_FILTER');
    await refused([], 'INVALID_FILTER');
    await refused('{"field":', 'INVALID_FILTER');
    let deep: unknown = eq('title', 'x');
    for (let i = 0; i < 20; i++) deep = { not: deep };
    await refused(deep, 'INVALID_FILTER');
  });
});
