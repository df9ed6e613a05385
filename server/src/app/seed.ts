import { randomBytes } from 'node:crypto';
import { type Label, starterRoles as starterLabels } from '@kehu/common';
import { sql } from 'kysely';
import { transaction } from '../engine/context.ts';
import { installFlowTemplates } from '../engine/flows/templates.ts';
import type { Engine } from '../engine/kernel.ts';
import { createRecord } from '../engine/records/save.ts';
import { modules } from '../modules/index.ts';
import type { KehuModule } from '../modules/module.ts';

/** Stored in Chinese, the default language; screens translate them while they are unchanged (`roleText`). */
const text = (r: { name: Label; description: Label }) => ({
  name: r.name['zh-CN'],
  description: r.description['zh-CN'],
});

/** Roles every installation starts with; administrators edit them like any record. */
const starterRoles = [
  { ...text(starterLabels.admin), isAdmin: true, grants: {} },
  {
    ...text(starterLabels.salesManager),
    isAdmin: false,
    grants: {
      '*': {
        create: 'subordinates',
        read: 'departmentTree',
        update: 'subordinates',
        delete: 'subordinates',
        export: 'subordinates',
        import: 'subordinates',
        assign: 'subordinates',
        share: 'subordinates',
      },
      user: { read: 'all' },
      department: { read: 'all' },
      loginHistory: { read: 'own' },
      exportRequest: { read: 'own' },
      role: { read: 'all' },
      savedView: { read: 'all', create: 'own', update: 'own', delete: 'own' },
      objectLayout: { read: 'all' },
    },
  },
  {
    ...text(starterLabels.salesperson),
    isAdmin: false,
    grants: {
      '*': { create: 'own', read: 'own', update: 'own', delete: 'own', export: 'none', import: 'none', assign: 'none' },
      user: { read: 'all' },
      department: { read: 'all' },
      loginHistory: { read: 'own' },
      exportRequest: { read: 'own' },
      savedView: { read: 'all', create: 'own', update: 'own', delete: 'own' },
      objectLayout: { read: 'all' },
    },
  },
];

/**
 * First start: starter roles, the head-office department and the administrator, then each module's demo data (dated
 * around today) unless `demo` is off (`KEHU_DEMO=0`). There is no default password: it comes from
 * KEHU_ADMIN_PASSWORD or is generated and printed once.
 */
export async function seedFirstStart(
  engine: Engine,
  adminPassword: string | undefined,
  print: (line: string) => void,
  mods: KehuModule[] = modules,
  opts: { demo?: boolean } = {},
): Promise<boolean> {
  const existing = await sql<{ n: number }>`select count(*)::int as n from obj_user`.execute(engine.db);
  if (existing.rows[0].n > 0) return false;
  const password = adminPassword ?? randomBytes(12).toString('base64url');
  const ctx = engine.systemContext();
  await transaction(ctx, async (tx) => {
    const roles = [];
    for (const r of starterRoles) roles.push(await createRecord(tx, 'role', r, { internal: true }));
    const hq = await createRecord(tx, 'department', { name: '总部', code: 'HQ', kind: 'company' }, { internal: true });
    await createRecord(
      tx,
      'user',
      { username: 'admin', name: '系统管理员', department: hq.id, roles: [roles[0].id], password, active: true },
      { internal: true },
    );
    // Ready-made processes are configuration, not demo data: every installation starts with them (WF-3).
    await installFlowTemplates(
      tx,
      modules.flatMap((m) => m.flows ?? []),
    );
    if (opts.demo ?? true) for (const m of mods) await m.seedDemo?.(tx);
  });
  if ((opts.demo ?? true) && mods.some((m) => m.seedDemo)) {
    print(
      'Demo data loaded: a demo company with its people, customers, opportunities and activities, dated around today.',
    );
    print('(For an installation without it, start on an empty database with KEHU_DEMO=0.)');
  }
  if (!adminPassword) {
    print('');
    print('  Kehu: administrator account created.');
    print(`  user name: admin    password: ${password}`);
    print('  (shown once; set KEHU_ADMIN_PASSWORD to choose it yourself)');
    print('');
  }
  return true;
}
