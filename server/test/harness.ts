import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Grants } from '@kehu/common';
import { inject } from 'vitest';
import { bootKehu, type Kehu } from '../src/app/boot.ts';
import { seedFirstStart } from '../src/app/seed.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, withDatabase } from '../src/db/pool.ts';
import type { KehuModule } from '../src/modules/module.ts';
import { ApiClient } from './api-client.ts';

export interface TestKehu {
  kehu: Kehu;
  baseUrl: string;
  dbUrl: string;
  dataDir: string;
  admin: ApiClient;
  /** A new signed-in client for an existing user. */
  as(username: string, password?: string): Promise<ApiClient>;
  /** Create a role with grants and a user holding it; returns the user's record and a signed-in client. */
  user(spec: { username: string; department?: number; manager?: number; grants?: Grants; isAdmin?: boolean }): Promise<{
    id: number;
    api: ApiClient;
  }>;
  close(): Promise<void>;
}

export const testPassword = 'Correct-Horse-42';

/** A fresh database cloned from the migrated template. */
export async function createTestDatabase(): Promise<string> {
  const server = inject('pgUrl');
  // Named after this run's template, so that a run's clean-up drops only its own databases (runs share a server).
  const name = `${inject('template').replace(/^kehu_tpl_/, 'kehu_t_')}_${randomBytes(5).toString('hex')}`;
  const admin = openDatabase(server, 1);
  try {
    await admin.pool.query(`create database ${name} template ${inject('template')}`);
  } finally {
    await admin.close();
  }
  return withDatabase(server, name);
}

/** A whole Kehu on a fresh database, listening on a loopback port, with a signed-in administrator. */
export async function startKehu(
  opts: { modules?: KehuModule[]; env?: Record<string, string> } = {},
): Promise<TestKehu> {
  const dbUrl = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-data-'));
  // Tests sign in many users from one address: the sign-in rate limit is tested on its own (auth-lockout.test.ts).
  const config = loadConfig({
    KEHU_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    KEHU_LOGIN_RATE_LIMIT: '100000',
    KEHU_EXPENSIVE_RATE_LIMIT: '100000',
    ...opts.env,
  });
  const kehu = await bootKehu(config, dbUrl, opts.modules);
  await seedFirstStart(kehu.engine, testPassword, () => undefined, opts.modules ?? []);
  await kehu.app.listen({ host: '127.0.0.1', port: 0 });
  const address = kehu.app.server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const as = async (username: string, password = testPassword) => {
    const c = new ApiClient(baseUrl);
    const r = await c.login(username, password);
    if (r.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(r.body)}`);
    return c;
  };
  const admin = await as('admin');
  return {
    kehu,
    baseUrl,
    dbUrl,
    dataDir,
    admin,
    as,
    async user(spec) {
      const role = await admin.post('/api/objects/role', {
        name: `role-${spec.username}`,
        isAdmin: spec.isAdmin ?? false,
        grants: spec.grants ?? {},
      });
      if (role.status !== 201) throw new Error(JSON.stringify(role.body));
      const u = await admin.post('/api/objects/user', {
        username: spec.username,
        name: spec.username,
        password: testPassword,
        department: spec.department,
        manager: spec.manager,
        roles: [role.body.data.id],
      });
      if (u.status !== 201) throw new Error(JSON.stringify(u.body));
      return { id: u.body.data.id, api: await as(spec.username) };
    },
    async close() {
      await kehu.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A second Kehu process on the database of a running one (OPS-2: several servers behind a load balancer), sharing
 * its data directory (files, secret key) when given.
 */
export async function startKehuOn(
  dbUrl: string,
  opts: { modules?: KehuModule[]; env?: Record<string, string>; dataDir?: string } = {},
): Promise<{
  kehu: Kehu;
  baseUrl: string;
  as(username: string, password?: string): Promise<ApiClient>;
  close(): Promise<void>;
}> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-data-'));
  const config = loadConfig({
    KEHU_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    KEHU_LOGIN_RATE_LIMIT: '100000',
    KEHU_EXPENSIVE_RATE_LIMIT: '100000',
    ...opts.env,
  });
  const kehu = await bootKehu(config, dbUrl, opts.modules);
  await kehu.app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(kehu.app.server.address() as { port: number }).port}`;
  return {
    kehu,
    baseUrl,
    async as(username, password = testPassword) {
      const c = new ApiClient(baseUrl);
      const r = await c.login(username, password);
      if (r.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(r.body)}`);
      return c;
    },
    async close() {
      await kehu.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
