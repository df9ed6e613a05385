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
 * The library modules a screen's own files import, through static imports from its root files: the components and
 * icons they name from a barrel, and every other library module they import.
 */
function screenLibraries(ctx: Context, roots: string[]): Set<string> {
  const found = new Set<string>();
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
      if (!inNodeModules(dep)) todo.push(dep);
      else if (!barrels.some((b) => b.test.test(dep))) found.add(dep);
    }
  }
  return found;
}

/**
 * Libraries grouped by the first screen that needs them, instead of one small chunk per set of importers (a
 * hundred files on the first list: each its own request on HTTP/1.1's six connections, each compressed alone).
 *
 * - `initial`: what the entry imports statically (React, the router, i18next, React Query): the sign-in page.
 * - `antd-shell`: the libraries of the signed-in frame (antd's core, menu, drawer, search box…); every signed-in
 *   page runs inside it, so nothing here is loaded for nothing.
 * - `antd-home`, `antd-list`: what the start page and the list add (cards; the table). Pages that use a table load
 *   `antd-list`, which they need for the table anyway.
 *
 * A group takes the components and icons the screen's files name and what those need (Rolldown adds a captured
 * module's dependencies). Everything else (charts, maps, calendar, date pickers, forms…) keeps Rolldown's automatic
 * splitting and loads with the page that shows it.
 */
export function chunkGroups(): Group[] {
  const screens: [name: string, roots: string[]][] = [
    ['antd-shell', ['app/shell.tsx']],
    ['antd-home', ['app/home.page.tsx']],
    ['antd-list', ['engine/pages/list.page.tsx']],
  ];
  let owner: Map<string, string> | undefined;
  // The first screen (in this order) whose files name a library module.
  const ownerOf = (id: string, ctx: Context) => {
    if (!owner) {
      owner = new Map();
      for (const [name, roots] of screens)
        for (const lib of screenLibraries(
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
      priority: 5 - i,
    })),
  ];
}
