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

async function group(params: Record<string, unknown>, api = k.admin) {
  const qs = new URLSearchParams();
  for (const [key, v] of Object.entries(params)) qs.set(key, typeof v === 'string' ? v : JSON.stringify(v));
  return api.get(`/api/objects/gDeal/group?${qs}`);
}

async function rows(params: Record<string, unknown>) {
  const r = await group(params);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data as Array<{ key: Record<string, unknown>; count: number; [m: string]: unknown }>;
}

beforeAll(async () => {
  k = await startKehu();
  ids.east = await create('department', { name: '华东大区' });
  ids.north = await create('department', { name: '华北大区' });
  ids.u1 = (await k.user({ username: 'g_east', department: ids.east })).id;
  ids.u2 = (await k.user({ username: 'g_north', department: ids.north })).id;
  for (const decl of [
    {
      name: 'gAccount',
      label: label('客户'),
      fields: {
        name: { type: 'text', required: true },
        industry: { type: 'picklist', options: options('mfg', 'retail') },
      },
    },
    {
      name: 'gDeal',
      label: label('商机'),
      fields: {
        title: { type: 'text', required: true, search: 'fuzzy' },
        amount: { type: 'money' },
        visits: { type: 'integer' },
        status: { type: 'picklist', options: options('plan', 'won') },
        closeDate: { type: 'date' },
        meetAt: { type: 'datetime' },
        note: { type: 'longText' },
        tags: { type: 'tags' },
        area: { type: 'region' },
        account: { type: 'manyToOne', object: 'gAccount' },
        owner: { type: 'owner' },
      },
    },
  ]) {
    const r = await k.admin.post('/api/metadata/objects', decl);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  const alpha = await create('gAccount', { name: 'Alpha', industry: 'mfg' });
  const beta = await create('gAccount', { name: 'Beta', industry: 'retail' });
  ids.alpha = alpha;
  ids.beta = beta;
  const { u1, u2 } = ids;
  // 2024-03-31T16:30Z is 00:30 on 1 April in Shanghai; 15:30Z is still 31 March there.
  await create('gDeal', {
    title: '开乐专用车',
    amount: '100',
    visits: 1,
    status: 'plan',
    closeDate: '2024-01-10',
    meetAt: '2024-03-31T16:30:00Z',
    area: '370102',
    account: alpha,
    owner: u1,
  });
  await create('gDeal', {
    title: 'B',
    amount: '250.50',
    visits: 3,
    status: 'won',
    closeDate: '2024-02-15',
    meetAt: '2024-03-31T15:30:00Z',
    area: '110105',
    account: alpha,
    owner: u2,
  });
  await create('gDeal', {
    title: 'C',
    amount: '999.99',
    status: 'won',
    closeDate: '2024-05-20',
    area: '370202',
    account: beta,
    owner: u1,
  });
  await create('gDeal', { title: 'D', visits: 5, owner: u2 });
  await create('gDeal', {
    title: 'E',
    amount: '0',
    visits: 0,
    status: 'plan',
    closeDate: '2025-01-01',
    area: '3701',
    account: beta,
    owner: u1,
  });
});
afterAll(() => k?.close());

const simple = (data: Awaited<ReturnType<typeof rows>>, by: string) => data.map((r) => [r.key[by], r.count]);

describe('RPT-2 CUS-4 group-by with aggregates', () => {
  test('RPT-2 count, sum, avg, min and max per group, with totals over every matching record', async () => {
    const r = await group({
      by: 'status',
      measures: 'count,sum:amount,avg:amount,min:visits,max:visits,max:closeDate',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toEqual([
      {
        key: { status: 'plan' },
        count: 2,
        'sum:amount': '100.00',
        'avg:amount': '50',
        'min:visits': 0,
        'max:visits': 1,
        'max:closeDate': '2025-01-01',
      },
      {
        key: { status: 'won' },
        count: 2,
        'sum:amount': '1250.49',
        'avg:amount': '625.245',
        'min:visits': 3,
        'max:visits': 3,
        'max:closeDate': '2024-05-20',
      },
      {
        key: { status: null },
        count: 1,
        'sum:amount': '0.00',
        'avg:amount': null,
        'min:visits': 5,
        'max:visits': 5,
        'max:closeDate': null,
      },
    ]);
    expect(r.body.totals).toEqual({
      count: 5,
      'sum:amount': '1350.49',
      'avg:amount': '337.6225',
      'min:visits': 0,
      'max:visits': 5,
      'max:closeDate': '2025-01-01',
    });
    const dt = await rows({ by: 'status', measures: 'max:meetAt,min:createdAt', sort: 'key' });
    expect(dt[1]['max:meetAt']).toBe('2024-03-31T15:30:00.000Z');
    expect(typeof dt[0]['min:createdAt']).toBe('string');
  });

  test('CUS-4 relation keys come back as { id, label }; related fields (owner.department, account.industry) group too', async () => {
    expect(simple(await rows({ by: 'owner' }), 'owner')).toEqual([
      [{ id: ids.u1, label: 'g_east' }, 3],
      [{ id: ids.u2, label: 'g_north' }, 2],
    ]);
    expect(simple(await rows({ by: 'owner.department' }), 'owner.department')).toEqual([
      [{ id: ids.east, label: '华东大区' }, 3],
      [{ id: ids.north, label: '华北大区' }, 2],
    ]);
    expect(simple(await rows({ by: 'account.industry' }), 'account.industry')).toEqual([
      ['mfg', 2],
      ['retail', 2],
      [null, 1],
    ]);
    expect(simple(await rows({ by: 'account', sort: '-key' }), 'account')).toEqual([
      [{ id: ids.beta, label: 'Beta' }, 2],
      [{ id: ids.alpha, label: 'Alpha' }, 2],
      [null, 1],
    ]);
  });

  test('RPT-2 two levels', async () => {
    const data = await rows({ by: 'status,owner', measures: 'sum:amount' });
    expect(data.map((r) => [r.key.status, (r.key.owner as { label: string }).label, r.count, r['sum:amount']])).toEqual(
      [
        ['plan', 'g_east', 2, '100.00'],
        ['won', 'g_east', 1, '999.99'],
        ['won', 'g_north', 1, '250.50'],
        [null, 'g_north', 1, '0.00'],
      ],
    );
  });

  test('RPT-2 dates by day, week, month, quarter and year, in the company time zone', async () => {
    const by = (key: string) => rows({ by: key, sort: 'key' }).then((d) => simple(d, key));
    expect(await by('closeDate:month')).toEqual([
      ['2024-01-01', 1],
      ['2024-02-01', 1],
      ['2024-05-01', 1],
      ['2025-01-01', 1],
      [null, 1],
    ]);
    expect(await by('closeDate:quarter')).toEqual([
      ['2024-01-01', 2],
      ['2024-04-01', 1],
      ['2025-01-01', 1],
      [null, 1],
    ]);
    expect(await by('closeDate:year')).toEqual([
      ['2024-01-01', 3],
      ['2025-01-01', 1],
      [null, 1],
    ]);
    expect((await by('closeDate:week')).slice(0, 2)).toEqual([
      ['2024-01-08', 1], // Wednesday 10 January → its Monday
      ['2024-02-12', 1],
    ]);
    expect((await by('closeDate:day'))[0]).toEqual(['2024-01-10', 1]);
    expect(await by('meetAt:day')).toEqual([
      ['2024-03-31', 1],
      ['2024-04-01', 1],
      [null, 3],
    ]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await by('createdAt:year'))[0]).toEqual([`${today.slice(0, 4)}-01-01`, 5]);
  });

  test('CUS-4 region fields group by province (default) or city', async () => {
    expect(simple(await rows({ by: 'area' }), 'area')).toEqual([
      [{ province: '37', city: null, district: null, label: '山东省' }, 3],
      [{ province: '11', city: null, district: null, label: '北京市' }, 1],
      [null, 1],
    ]);
    expect(simple(await rows({ by: 'area:city', sort: 'key' }), 'area:city')).toEqual([
      [{ province: '11', city: '1101', district: null, label: '北京市' }, 1],
      [{ province: '37', city: '3701', district: null, label: '山东省 济南市' }, 2],
      [{ province: '37', city: '3702', district: null, label: '山东省 青岛市' }, 1],
      [null, 1],
    ]);
  });

  test('RPT-2 filter and quick search narrow the groups; sort and limit', async () => {
    const filter = { field: 'owner', op: 'eq', value: ids.u1 };
    expect(simple(await rows({ by: 'status', filter }), 'status')).toEqual([
      ['plan', 2],
      ['won', 1],
    ]);
    expect(simple(await rows({ by: 'status', q: '开乐' }), 'status')).toEqual([['plan', 1]]);
    const bySum = await rows({ by: 'status', measures: 'sum:amount', sort: '-sum:amount' });
    expect(bySum.map((r) => r.key.status)).toEqual(['won', 'plan', null]);
    const one = await group({ by: 'status', limit: '1', sort: '-key' });
    // Empty keys stay last in both directions, as in lists.
    expect(one.body.data.map((r: { key: { status: string } }) => r.key.status)).toEqual(['won']);
    expect(one.body.totals.count).toBe(5);
    const none = await group({
      by: 'status',
      measures: 'sum:amount,avg:amount',
      filter: { field: 'title', op: 'eq', value: '无' },
    });
    expect(none.body).toEqual({ data: [], totals: { count: 0, 'sum:amount': '0.00', 'avg:amount': null } });
  });

  test('RPT-2 unknown keys, measures, parameters and fields the caller cannot read are refused', async () => {
    const refused = async (params: Record<string, unknown>, code: string) => {
      const r = await group(params);
      expect(r.status, JSON.stringify(params)).toBe(400);
      expect(r.body.error.code, JSON.stringify(params)).toBe(code);
    };
    await refused({ by: 'nope' }, 'UNKNOWN_FIELD');
    await refused({ by: 'note' }, 'UNKNOWN_FIELD');
    await refused({ by: 'tags' }, 'UNKNOWN_FIELD');
    await refused({ by: 'status:month' }, 'UNKNOWN_FIELD');
    await refused({ by: 'closeDate:hour' }, 'UNKNOWN_FIELD');
    await refused({ by: 'area:district' }, 'UNKNOWN_FIELD');
    await refused({ by: 'owner.password' }, 'UNKNOWN_FIELD');
    await refused({ by: 'status', sort: 'nope' }, 'UNKNOWN_FIELD');
    await refused({ by: 'status,owner,account' }, 'BAD_REQUEST');
    await refused({}, 'BAD_REQUEST');
    await refused({ by: 'status', measures: 'sum:title' }, 'UNKNOWN_OPERATOR');
    await refused({ by: 'status', measures: 'median:amount' }, 'UNKNOWN_OPERATOR');
    await refused({ by: 'status', measures: 'sum:owner.password' }, 'UNKNOWN_FIELD');
    await refused({ by: 'status', limit: '1001' }, 'BAD_REQUEST');
    await refused({ by: 'status', groupBy: 'x' }, 'UNKNOWN_PARAMETER');
    await refused({ by: 'status', filter: { field: 'nope', op: 'eq', value: 1 } }, 'UNKNOWN_FIELD');
  });

  test("CUS-4 SEC-2 groups only count records inside the caller's read scope", async () => {
    const seller = await k.user({ username: 'g_seller', grants: { gDeal: { read: 'own', create: 'own' } } });
    expect((await seller.api.post('/api/objects/gDeal', { title: '自己的', status: 'won', amount: '7' })).status).toBe(
      201,
    );
    const r = await group({ by: 'status', measures: 'sum:amount' }, seller.api);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({
      data: [{ key: { status: 'won' }, count: 1, 'sum:amount': '7.00' }],
      totals: { count: 1, 'sum:amount': '7.00' },
    });
    const stranger = await k.user({ username: 'g_stranger', grants: {} });
    expect((await group({ by: 'status' }, stranger.api)).status).toBe(403);
  });
});

describe('RPT-2 sorting by an exact-decimal measure', () => {
  test('RPT-2 sums sort as numbers, not as their text (1,000.00 above 999.99)', async () => {
    await create('gDeal', { title: 'F', amount: '1000', status: 'plan' });
    const r = await rows({
      by: 'title',
      measures: 'sum:amount',
      sort: '-sum:amount',
      filter: { field: 'title', op: 'in', value: ['C', 'F'] },
    });
    expect(r.map((g) => [g.key.title, g['sum:amount']])).toEqual([
      ['F', '1000.00'],
      ['C', '999.99'],
    ]);
  });
});
