import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { adminSettings, tunedSettings } from './tuning.ts';

const GB = 1024 ** 3;

describe('OPS-1 embedded PostgreSQL settings', () => {
  test('OPS-1 tuned to the machine: a quarter of memory for buffers (at most 8 GB), SSD costs, no JIT', () => {
    const s = tunedSettings({ memory: 24 * GB, cpus: 2 });
    expect(s.shared_buffers).toBe('6144MB');
    expect(s.effective_cache_size).toBe(`${Math.floor(24 * 1024 * 0.6)}MB`);
    expect(s.random_page_cost).toBe('1.1');
    expect(s.jit).toBe('off');
    expect(tunedSettings({ memory: 64 * GB }).shared_buffers).toBe('8192MB');
    expect(tunedSettings({ memory: 256 * 1024 ** 2 }).shared_buffers).toBe('128MB');
    expect(tunedSettings({ memory: 24 * GB, ephemeral: true }).shared_buffers).toBe('768MB');
  });

  test('OPS-1 the administrator sets PostgreSQL through a file in the data directory and the environment', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-settings-'));
    try {
      expect(adminSettings(dir, {})).toEqual({});
      fs.writeFileSync(path.join(dir, 'postgres.settings'), "# ours\nwork_mem = 32MB\nlog_line_prefix = '%m '\n\n");
      expect(adminSettings(dir, { KEHU_PG_SETTINGS: 'jit=on, Work_Mem=48MB' })).toEqual({
        work_mem: '48MB',
        log_line_prefix: '%m ',
        jit: 'on',
      });
      expect(() => adminSettings(dir, { KEHU_PG_SETTINGS: 'jit=on, oops' })).toThrow(
        /KEHU_PG_SETTINGS, item 2: "oops"/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
