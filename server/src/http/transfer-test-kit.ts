import { expect } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';

/** Shared helpers of the import/export (CUS-11) integration tests: real multipart uploads and downloads. */

export const levels = [
  { value: 'key', label: { 'zh-CN': '重点', 'en-US': 'Key' } },
  { value: 'normal', label: { 'zh-CN': '普通', 'en-US': 'Normal' } },
];

/** A customer-like object with most field types an import meets. */
export const prospect = {
  name: 'prospect',
  label: { 'zh-CN': '潜在客户', 'en-US': 'Prospect' },
  fields: {
    name: { type: 'text', required: true, label: { 'zh-CN': '客户名称', 'en-US': 'Name' } },
    code: { type: 'autoNumber', pattern: 'KH{seq:6}', label: { 'zh-CN': '客户编号', 'en-US': 'Code' } },
    phone: { type: 'phone', label: { 'zh-CN': '电话', 'en-US': 'Phone' } },
    level: { type: 'picklist', options: levels, label: { 'zh-CN': '级别', 'en-US': 'Level' } },
    credit: { type: 'money', label: { 'zh-CN': '信用额度', 'en-US': 'Credit limit' } },
    visits: { type: 'integer', min: 0, label: { 'zh-CN': '拜访次数', 'en-US': 'Visits' } },
    active: { type: 'boolean', label: { 'zh-CN': '有效', 'en-US': 'Active' } },
    since: { type: 'date', label: { 'zh-CN': '首次合作', 'en-US': 'Since' } },
    industry: { type: 'manyToOne', object: 'industry', label: { 'zh-CN': '行业', 'en-US': 'Industry' } },
    tag: { type: 'text', label: { 'zh-CN': '批次', 'en-US': 'Batch' } },
    owner: { type: 'owner', label: { 'zh-CN': '负责人', 'en-US': 'Owner' } },
  },
};

/** The industry object (with two records of the same name) and the prospect object. */
export async function createProspect(admin: ApiClient): Promise<void> {
  const ind = await admin.post('/api/metadata/objects', {
    name: 'industry',
    label: { 'zh-CN': '行业', 'en-US': 'Industry' },
    fields: { name: { type: 'text', required: true, label: { 'zh-CN': '名称', 'en-US': 'Name' } } },
  });
  expect(ind.status, JSON.stringify(ind.body)).toBe(201);
  for (const name of ['专用车', '工程机械', '重复行业', '重复行业'])
    await admin.post('/api/objects/industry', { name });
  const r = await admin.post('/api/metadata/objects', prospect);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

/** POST a multipart upload (file + options) as the given signed-in client. */
export async function upload(
  c: ApiClient,
  path: string,
  content: string | Buffer,
  filename: string,
  options?: unknown,
): Promise<{ status: number; body: any }> {
  const fd = new FormData();
  if (options !== undefined) fd.append('options', JSON.stringify(options));
  fd.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), filename);
  const res = await fetch(c.baseUrl + path, {
    method: 'POST',
    headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'accept-language': c.locale },
    body: fd,
  });
  return { status: res.status, body: await res.json() };
}

/** Poll the job through its status endpoint until it has finished (bounded). */
export async function finished(c: ApiClient, id: number) {
  for (let i = 0; i < 1200; i++) {
    const r = await c.get(`/api/imports/${id}`);
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
    if (r.body.data.status === 'done' || r.body.data.status === 'failed') return r.body.data;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

export async function importFile(
  c: ApiClient,
  content: string | Buffer,
  options: unknown,
  filename = 'data.csv',
  object = 'prospect',
) {
  const r = await upload(c, `/api/objects/${object}/import`, content, filename, options);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return finished(c, r.body.data.id);
}

export async function download(c: ApiClient, path: string) {
  const res = await fetch(c.baseUrl + path, { headers: { cookie: c.cookie!, 'accept-language': c.locale } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

export const csvOf = (rows: unknown[][]) =>
  rows.map((r) => r.map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(',')).join('\r\n');

/** Prospects of one test (each test tags its rows). */
export async function tagged(c: ApiClient, tag: string) {
  const r = await c.list('prospect', {
    filter: { field: 'tag', op: 'eq', value: tag },
    sort: 'name',
    limit: '500',
    count: 'true',
  });
  return r.body as { data: Record<string, any>[]; total: number };
}

let gbkCodes: Map<string, number[]> | undefined;

/**
 * Text → GBK bytes, as Excel in a Chinese office saves CSV. Node encodes only UTF-8, so the table is built by
 * decoding every two-byte GBK code once.
 */
export function gbk(text: string): Buffer {
  if (!gbkCodes) {
    gbkCodes = new Map();
    const d = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = d.decode(Uint8Array.of(a, b));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkCodes.has(ch)) gbkCodes.set(ch, [a, b]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const code = c < 0x80 ? [c] : gbkCodes.get(ch);
    if (!code) throw new Error(`not in GBK: ${ch}`);
    out.push(...code);
  }
  return Buffer.from(out);
}
