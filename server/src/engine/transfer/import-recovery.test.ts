import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { recoverInterruptedImports, runLeased } from './import-recovery.ts';

let k: TestKehu;
let uploads: string;

beforeAll(async () => {
  k = await startKehu();
  uploads = path.join(k.dataDir, 'imports');
  fs.mkdirSync(uploads, { recursive: true });
});
afterAll(() => k?.close());

/** A job row as a process leaves it (queued or running), with its upload on disk. */
async function job(status: 'queued' | 'running'): Promise<{ id: number; file: string }> {
  const file = path.join(uploads, `${status}-${Date.now()}-${Math.random()}.upload`);
  fs.writeFileSync(file, '客户名称\n甲\n');
  const r = await sql<{ id: number }>`insert into sys_import (object, user_id, status, options, created, processed)
    values ('customer', 1, ${status}, ${JSON.stringify({ dryRun: false, mode: 'validRows', file })}, 1000, 1000)
    returning id`.execute(k.kehu.engine.db);
  return { id: Number(r.rows[0].id), file };
}

const read = async (id: number) => (await k.admin.get(`/api/imports/${id}`)).body.data;

describe('OPS-1 OPS-2 CUS-11 interrupted imports', () => {
  test('OPS-2 a job another live process works on is left alone; once its process is gone it is ended as interrupted', async () => {
    const live = await job('running');
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let leased!: () => void;
    const started = new Promise<void>((r) => {
      leased = r;
    });
    // The other process: its lease on a connection of its own, for as long as it works on the job.
    const other = runLeased(k.kehu.engine.db, live.id, async () => {
      leased();
      await held;
    });
    await started;
    expect(await recoverInterruptedImports(k.kehu.engine.db, k.dataDir)).not.toContain(live.id);
    expect(await read(live.id)).toMatchObject({ status: 'running', created: 1000 });
    expect(fs.existsSync(live.file)).toBe(true);
    release();
    await other;
    // Its lease is free now (as when its process died): nobody works on the job.
    expect(await recoverInterruptedImports(k.kehu.engine.db, k.dataDir)).toContain(live.id);
    expect(await read(live.id)).toMatchObject({
      status: 'failed',
      created: 0,
      updated: 0,
      committed: false,
      message: '服务重启，导入中断，未导入任何数据，请重新导入',
    });
    expect(fs.existsSync(live.file)).toBe(false);
  });

  test('CUS-11 a queued job ended before its process took its lease does not run; a file outside the uploads is never removed', async () => {
    const queued = await job('queued');
    const outside = path.join(k.dataDir, 'keep.csv');
    fs.writeFileSync(outside, 'x');
    await sql`update sys_import set options = options || ${JSON.stringify({ file: outside })}::jsonb
      where id = ${queued.id}`.execute(k.kehu.engine.db);
    expect(await recoverInterruptedImports(k.kehu.engine.db, k.dataDir)).toEqual([queued.id]);
    expect(fs.existsSync(outside)).toBe(true);
    let ran = false;
    await runLeased(k.kehu.engine.db, queued.id, async () => {
      ran = true;
    });
    expect(ran).toBe(false);
    expect((await read(queued.id)).status).toBe('failed');
  });
});
