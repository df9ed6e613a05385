import path from 'node:path';
import type { Rolldown } from 'vite';

type Group = Rolldown.CodeSplittingGroup;
type Context = Rolldown.ChunkingContext;

const src = path.resolve(import.meta.dirname, '../src');
const inNodeModules = (id: string) => /[\\/]node_modules[\\/]/.test(id);

/** Barrels the app imports components from by name: `import { Table } from 'antd'`. */
const barrels: { test: RegExp; from: RegExp }[] = [
  { test: /[\\/]node_modules[\\/]antd[\\/]es[\\/]index\.js$/, from: /^antd$/ },
  { test: /[\\/]node_modules[\\/]@ant-design[\\/]icons[\\/]es[\\/]index\.js$/, from: /^@ant-design\/icons$/ },
];

/** A barrel's `export { default as Table } from './table'` and `export * from './icons'` lines: name → module id. */
function barrelExports(ctx: Context, id: string, out = new Map<string, string>()): Map<string, string> {
  const info = ctx.getModuleInfo(id);
  const target = (spec: string) => {
    const base = path.resolve(path.dirname(id), spec);
    return info?.importedIds.find((d) => d === `${base}.js` || d === path.join(base, 'index.js'));
  };
  for (const m of (info?.code ?? '').matchAll(/export\s*(\*|\{\s*default as (\w+)\s*\})\s*from\s*["']([^"']+)["']/g)) {
    const to = target(m[3]);
    if (!to) continue;
    if (m[1] === '*') barrelExports(ctx, to, out);
    else out.set(m[2], to);
  }
  return out;
}

/**
 * A screen's modules: its root files, the app files they import statically, and the library modules those import
 * (components and icons named from a barrel: the component's module, not the whole barrel).
 */
function screenModules(ctx: Context, roots: string[]): Set<string> {
  const found = new Set<string>(roots);
  const seen = new Set<string>();
  const named = new Map<string, Map<string, string>>();
  const todo = [...roots];
  while (todo.length) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const info = ctx.getModuleInfo(id);
    if (!info) continue;
    for (const m of (info.code ?? '').matchAll(/import\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) {
      const barrel = barrels.find((b) => b.from.test(m[2]));
      const barrelId = barrel && info.importedIds.find((d) => barrel.test.test(d));
      if (!barrelId) continue;
      if (!named.has(barrelId)) named.set(barrelId, barrelExports(ctx, barrelId));
      for (const name of m[1].split(',').map((n) => n.trim().split(/\s+as\s+/)[0])) {
        const target = named.get(barrelId)?.get(name);
        if (target) found.add(target);
      }
    }
    for (const dep of info.importedIds) {
      if (!inNodeModules(dep)) {
        found.add(dep);
        todo.push(dep);
      } else if (!barrels.some((b) => b.test.test(dep))) found.add(dep);
    }
  }
  return found;
}

/**
 * Chunks by the screen that needs them, instead of one small chunk per set of importers (a hundred files on the
 * first list: each its own request on HTTP/1.1's six connections, each compressed alone):
 *
 * - `initial` (merged into the entry): what the entry imports statically — React, the router, i18next, React Query;
 * - `sign-in`: the sign-in page;
 * - `shell`: the signed-in frame with its libraries (antd's core, menu, drawer, search box…); every signed-in page
 *   runs inside it, so nothing here is loaded for nothing;
 * - `home`, `list`: what the start page and the list view add (cards; the table). Pages with a table load `list`,
 *   which they need for the table anyway.
 *
 * A screen's chunk takes its root file, the app files and the library modules (components and icons named from a
 * barrel) that root reaches through static imports, and what those need (Rolldown adds a captured module's
 * dependencies). Everything else — charts, maps, calendar, date pickers, forms, other pages — keeps Rolldown's
 * automatic splitting and loads with the page that shows it.
 */
export function chunkGroups(): Group[] {
  const screens: [name: string, roots: string[]][] = [
    // First, so that what sign-in loads stays out of the signed-in screens' chunks.
    ['sign-in', ['app/login.page.tsx']],
    ['shell', ['app/shell.tsx']],
    ['home', ['app/home.page.tsx']],
    ['list', ['engine/pages/list.page.tsx']],
  ];
  let owner: Map<string, string> | undefined;
  // The first screen (in this order) that reaches a module.
  const ownerOf = (id: string, ctx: Context) => {
    if (!owner) {
      owner = new Map();
      for (const [name, roots] of screens)
        for (const lib of screenModules(
          ctx,
          roots.map((r) => path.join(src, r)),
        ))
          if (!owner.has(lib)) owner.set(lib, name);
    }
    return owner.get(id) ?? null;
  };
  return [
    { name: 'initial', tags: ['$initial'], priority: 10 },
    ...screens.map(([name], i) => ({
      name: (id: string, ctx: Context) => (ownerOf(id, ctx) === name ? name : null),
      debugName: name,
      priority: 6 - i,
    })),
  ];
}
