import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';
import { createEngine } from '../app/boot.ts';
import { loadConfig } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/pool.ts';

let k: TestKehu;
beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

const columns = async (table: string) =>
  (
    await sql<{
      column_name: string;
    }>`select column_name from information_schema.columns where table_name = ${table}`.execute(k.kehu.engine.db)
  ).rows.map((r) => r.column_name);

describe('WF-1 custom objects and fields at run time (server side)', () => {
  test('WF-1 an administrator creates an object: metadata row, real table, columns and indexes', async () => {
    const r = await k.admin.post('/api/metadata/objects', {
      name: 'visit_plan',
      label: { 'zh-CN': '拜访计划', 'en-US': 'Visit plan' },
      fields: {
        title: { type: 'text', required: true, label: { 'zh-CN': '主题', 'en-US': 'Title' } },
        planCode: { type: 'text', unique: true },
        stage: { type: 'picklist', options: [{ value: 'a', label: { 'zh-CN': '甲' } }] },
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.data.fields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['title', 'planCode', 'stage', 'id', 'createdAt']),
    );
    expect(await columns('obj_visit_plan')).toEqual(
      expect.arrayContaining(['id', 'version', 'title', 'plan_code', 'stage', 'deleted_at']),
    );
    const idx = await sql<{
      indexname: string;
    }>`select indexname from pg_indexes where tablename = 'obj_visit_plan'`.execute(k.kehu.engine.db);
    expect(idx.rows.map((x) => x.indexname)).toEqual(
      expect.arrayContaining(['uq_obj_visit_plan_plan_code', 'ix_obj_visit_plan_stage']),
    );
    const meta = await k.admin.get('/api/metadata/objects/visit_plan');
    expect(meta.body.data.label['en-US']).toBe('Visit plan');
    const rec = await k.admin.post('/api/objects/visit_plan', { title: '济南拜访', planCode: 'P1' });
    expect(rec.status).toBe(201);
    const dup = await k.admin.post('/api/objects/visit_plan', { title: '重复', planCode: 'P1' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'DUPLICATE_VALUE', fields: { planCode: 'duplicate' } });
  });

  test('WF-1 a field added to an object with data becomes a real column, usable at once', async () => {
    const r = await k.admin.post('/api/metadata/objects/visit_plan/fields', {
      name: 'note',
      type: 'text',
      label: { 'zh-CN': '备注', 'en-US': 'Note' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(await columns('obj_visit_plan')).toContain('note');
    const rec = await k.admin.post('/api/objects/visit_plan', { title: '带备注', note: '客户要求周五' });
    expect(rec.body.data.note).toBe('客户要求周五');
    const f = await k.admin.list('visit_plan', { filter: { field: 'note', op: 'contains', value: '周五' } });
    expect(f.body.data.length).toBe(1);
  });

  test('WF-1 custom fields on built-in objects get their own column prefix', async () => {
    const r = await k.admin.post('/api/metadata/objects/user/fields', {
      name: 'wechat',
      type: 'text',
      label: { 'zh-CN': '微信' },
    });
    expect(r.status).toBe(201);
    expect(await columns('obj_user')).toContain('cf_wechat');
  });

  test('WF-1 custom metadata survives a restart (another process loads it)', async () => {
    const db = openDatabase(k.dbUrl, 2);
    const engine = createEngine(db, loadConfig({ KEHU_DATA_DIR: k.dataDir }), []);
    await migrate(db.db, engine.registry);
    expect(engine.registry.get('visit_plan').fields.get('note')?.column).toBe('note');
    expect(engine.registry.get('user').fields.get('wechat')?.column).toBe('cf_wechat');
    await db.close();
  });

  test('WF-1 bad declarations are refused with the property named, and nothing is created', async () => {
    const cases: Array<[unknown, Record<string, string>]> = [
      [{ name: 'x"; drop table obj_user; --', label: { 'zh-CN': 'x' }, fields: {} }, { name: 'invalidName' }],
      [
        { name: 'ok_name', label: { 'zh-CN': 'x' }, fields: { a: { type: 'sql' } } },
        { 'fields.a.type': 'invalidOption' },
      ],
      [
        { name: 'ok_name', label: { 'zh-CN': 'x' }, fields: { a: { type: 'picklist' } } },
        { 'fields.a.options': 'format' },
      ],
      [
        { name: 'ok_name', label: { 'zh-CN': 'x' }, fields: { a: { type: 'manyToOne', object: 'nope' } } },
        { 'fields.a.object': 'notFound' },
      ],
      [{ name: 'ok_name', fields: {} }, { label: 'required' }],
      [
        { name: 'ok_name', label: { 'zh-CN': 'x' }, fields: { a: { type: 'text', sql: 'x' } } },
        { 'fields.a.sql': 'unknown' },
      ],
    ];
    for (const [body, fields] of cases) {
      const r = await k.admin.post('/api/metadata/objects', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.fields).toEqual(fields);
    }
    const bad = await k.admin.post('/api/metadata/objects/visit_plan/fields', { name: 'Bad Name', type: 'text' });
    expect(bad.body.error.fields).toEqual({ name: 'invalidName' });
    const rows = await sql<{ n: number }>`select count(*)::int as n from sys_object where name = 'ok_name'`.execute(
      k.kehu.engine.db,
    );
    expect(rows.rows[0].n).toBe(0);
    expect(await columns('obj_ok_name')).toEqual([]);
    expect(
      (await k.admin.post('/api/metadata/objects/visit_plan/fields', { name: 'title', type: 'text' })).status,
    ).toBe(409);
    expect(
      (await k.admin.post('/api/metadata/objects', { name: 'visit_plan', label: { 'zh-CN': 'x' }, fields: {} })).status,
    ).toBe(409);
  });

  test('WF-1 only administrators change metadata', async () => {
    const u = await k.user({ username: 'designer', grants: { '*': { read: 'all', create: 'all' } } });
    const r = await u.api.post('/api/metadata/objects', { name: 'mine', label: { 'zh-CN': 'x' }, fields: {} });
    expect(r.status).toBe(403);
    const f = await u.api.post('/api/metadata/objects/visit_plan/fields', { name: 'x', type: 'text' });
    expect(f.status).toBe(403);
  });

  test('INT-1 the metadata API describes only objects the caller may read, and never password values', async () => {
    const u = await k.user({ username: 'narrow', grants: { visit_plan: { read: 'own' } } });
    const r = await u.api.get('/api/metadata/objects');
    // Personal objects (one's own notifications) are everyone's to read.
    const personal = (n: string) => k.kehu.engine.registry.get(n).decl.personal;
    expect(r.body.data.map((o: { name: string }) => o.name).filter((n: string) => !personal(n))).toEqual([
      'visit_plan',
    ]);
    const users = await k.admin.list('user');
    expect(JSON.stringify(users.body)).not.toMatch(/scrypt/);
    expect(users.body.data[0].password).toBeUndefined();
  });
});

describe('OPS-2 several processes on one database', () => {
  test('OPS-2 a field added through one process is usable through another at once', async () => {
    const { bootKehu } = await import('../app/boot.ts');
    const other = await bootKehu(loadConfig({ KEHU_DATA_DIR: k.dataDir, LOG_LEVEL: 'silent' }), k.dbUrl, []);
    try {
      await k.admin.post('/api/metadata/objects', {
        name: 'shared_obj',
        label: { 'zh-CN': '共享' },
        fields: { a: { type: 'text' } },
      });
      const added = await k.admin.post('/api/metadata/objects/shared_obj/fields', { name: 'b', type: 'integer' });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      let seen = false;
      for (let i = 0; i < 50 && !seen; i++) {
        seen = other.engine.registry.has('shared_obj') && other.engine.registry.get('shared_obj').fields.has('b');
        if (!seen) await new Promise((r) => setTimeout(r, 50));
      }
      expect(seen).toBe(true);
    } finally {
      await other.close();
    }
  });
});
