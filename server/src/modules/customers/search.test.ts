import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../../test/harness.ts';

let k: TestKehu;
let kaile: { id: number; code: string };
let huayu: { id: number };

const names = async (api: ApiClient, q: string, object = 'customer') => {
  const r = await api.list(object, { q });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data.map((x: { name: string }) => x.name);
};

beforeAll(async () => {
  k = await startKehu();
  const make = async (body: Record<string, unknown>) => {
    const r = await k.admin.post('/api/objects/customer', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.data;
  };
  kaile = await make({ name: '开乐专用车有限公司', shortName: '开乐专用' });
  huayu = await make({ name: '济南华宇物流有限公司', shortName: '华宇物流', phone: '0531-8888 6666' });
  await make({ name: '青岛鼎盛环卫工程有限公司' });
  await make({ name: '开封市城市管理局' });
  await make({ name: '开乐专用车（济南）销售服务有限公司' });
  await make({ name: 'Acme Logistics Ltd' });
  const c = await k.admin.post('/api/objects/contact', { name: '欧阳建国', customer: huayu.id, mobile: '13912345678' });
  expect(c.status).toBe(201);
});
afterAll(() => k?.close());

describe('CUS-3 quick search', () => {
  test('CUS-3 by name, short name, code and phone', async () => {
    expect(await names(k.admin, '华宇物流')).toEqual(['济南华宇物流有限公司']);
    expect(await names(k.admin, '开乐专用')).toContain('开乐专用车有限公司');
    expect(await names(k.admin, kaile.code.toLowerCase())).toEqual(['开乐专用车有限公司']);
    expect(await names(k.admin, '0531 88886666')).toEqual(['济南华宇物流有限公司']);
    expect(await names(k.admin, 'Logistics')).toEqual(['Acme Logistics Ltd']);
  });

  test("CUS-3 by a contact's name or mobile", async () => {
    expect(await names(k.admin, '欧阳建国')).toEqual(['济南华宇物流有限公司']);
    expect(await names(k.admin, '欧阳')).toEqual(['济南华宇物流有限公司']);
    expect(await names(k.admin, '139 1234 5678')).toEqual(['济南华宇物流有限公司']);
  });

  test('CUS-3 by full pinyin and by pinyin initials', async () => {
    expect(await names(k.admin, 'klzy')).toEqual(['开乐专用车有限公司', '开乐专用车（济南）销售服务有限公司']);
    expect(await names(k.admin, 'kailezhuanyong')).toContain('开乐专用车有限公司');
    expect(await names(k.admin, 'KaiLe')).toContain('开乐专用车有限公司');
    expect(await names(k.admin, 'huayuwuliu')).toEqual(['济南华宇物流有限公司']);
    expect(await names(k.admin, 'jnhy')).toEqual(['济南华宇物流有限公司']);
    // Two letters: a prefix of the initials or of the pinyin.
    expect(await names(k.admin, 'kl')).toEqual(expect.arrayContaining(['开乐专用车有限公司']));
    expect(await names(k.admin, 'kl')).not.toContain('济南华宇物流有限公司');
  });

  test('CUS-3 tolerant of typos: homophones in Chinese, a wrong letter in pinyin', async () => {
    expect(await names(k.admin, '开了专用车')).toContain('开乐专用车有限公司');
    expect(await names(k.admin, '华雨物流')).toEqual(['济南华宇物流有限公司']);
    expect(await names(k.admin, 'kailezhuangyong')).toContain('开乐专用车有限公司');
  });

  test('CUS-3 one- and two-character Chinese queries', async () => {
    const one = await names(k.admin, '开');
    expect(one.sort()).toEqual(['开乐专用车有限公司', '开乐专用车（济南）销售服务有限公司', '开封市城市管理局'].sort());
    const two = await names(k.admin, '开乐');
    expect(two.sort()).toEqual(['开乐专用车有限公司', '开乐专用车（济南）销售服务有限公司'].sort());
    expect(await names(k.admin, '济南')).toEqual(
      expect.arrayContaining(['济南华宇物流有限公司', '开乐专用车（济南）销售服务有限公司']),
    );
    expect(await names(k.admin, '鼎')).toEqual(['青岛鼎盛环卫工程有限公司']);
  });

  test('CUS-3 without an explicit sort the closest match comes first; a sort wins', async () => {
    const best = await names(k.admin, '开乐专用车');
    expect(best[0]).toBe('开乐专用车有限公司');
    const sorted = await k.admin.list('customer', { q: '开乐专用车', sort: '-name' });
    expect(sorted.body.data[0].name).toBe('开乐专用车（济南）销售服务有限公司');
    // Keyset paging through ranked results returns every match once.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await k.admin.list('customer', { q: 'kaile', limit: '1', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((x: { name: string }) => x.name));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(['开乐专用车有限公司', '开乐专用车（济南）销售服务有限公司'].sort());
  });

  test('CUS-3 search keeps to the scope: a salesperson does not find a colleague’s customer', async () => {
    const grants = {
      customer: { read: 'own', create: 'own', update: 'own' },
      contact: { read: 'own', create: 'own', update: 'own' },
    } as const;
    const li = await k.user({ username: 'search-li', grants });
    const wang = await k.user({ username: 'search-wang', grants });
    const mine = await li.api.post('/api/objects/customer', { name: '淄博宏达环卫有限公司' });
    expect(mine.status).toBe(201);
    await li.api.post('/api/objects/contact', { name: '司马光明', customer: mine.body.data.id });
    // Exact, pinyin, initials, a contact's name, and typos (the fuzzy fallback keeps to the scope as well).
    for (const q of ['宏达', '淄博宏达环卫', 'zbhd', 'hongda', '司马光明', '淄博红达环卫', 'zibohongdahuanwie']) {
      expect(await names(li.api, q), q).toEqual(['淄博宏达环卫有限公司']);
      expect(await names(wang.api, q), q).toEqual([]);
    }
    // Nor through the global search, nor the admin's customers through his own contact's name.
    const global = await wang.api.get('/api/search?q=宏达');
    expect(global.body.data).toEqual([]);
    expect(await names(li.api, '欧阳建国')).toEqual([]);
  });

  test('CUS-3 global search groups results by object, through the same rights', async () => {
    const r = await k.admin.get(`/api/search?q=${encodeURIComponent('开乐')}&limit=1`);
    expect(r.status).toBe(200);
    const customers = r.body.data.find((g: { object: string }) => g.object === 'customer');
    expect(customers).toMatchObject({ label: '客户' });
    expect(customers.records).toHaveLength(1);
    expect(customers.records[0]).toMatchObject({ id: expect.any(Number), title: expect.stringContaining('开乐') });
    const contacts = await k.admin.get(`/api/search?q=${encodeURIComponent('欧阳')}`);
    expect(contacts.body.data.map((g: { object: string }) => g.object).sort()).toEqual(['contact', 'customer']);
    expect((await k.admin.get('/api/search?q=')).body.data).toEqual([]);
    expect((await k.admin.get('/api/search?q=x&limit=99')).status).toBe(400);
    expect((await k.admin.get('/api/search?q=x&object=customer')).status).toBe(400);
  });
});
