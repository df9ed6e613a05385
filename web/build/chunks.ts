import path from 'node:path';
import { build, type InlineConfig, type Plugin, type Rolldown } from 'vite';

const src = path.resolve(import.meta.dirname, '../src');

/** The first screens, in the order they are usually opened: sign-in, the signed-in frame, the start page, a list. */
const screens: [name: string, root: string][] = [
  ['sign-in', 'app/login.page.tsx'],
  ['shell', 'app/shell.tsx'],
  ['home', 'app/home.page.tsx'],
  ['list', 'engine/pages/list.page.tsx'],
];

/**
 * Which first screen needs each module (module id → screen), from a build with Rolldown's automatic splitting: the
 * modules of the chunks a screen's chunk imports statically, after tree-shaking — what the screen cannot show
 * without. A module goes to the first screen that needs it; what the entry loads stays with the entry.
 */
async function planScreens(config: InlineConfig): Promise<Map<string, string>> {
  const result = await build({ ...config, configFile: false, logLevel: 'silent' });
  const output = (Array.isArray(result) ? result[0] : (result as Rolldown.RolldownOutput)).output;
  const chunks = new Map(output.flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
  const closure = (start: string | undefined, into = new Set<string>()) => {
    const chunk = start === undefined ? undefined : chunks.get(start);
    if (chunk && !into.has(chunk.fileName)) {
      into.add(chunk.fileName);
      for (const i of chunk.imports) closure(i, into);
    }
    return into;
  };
  const entry = closure([...chunks.values()].find((c) => c.isEntry)?.fileName);
  const owner = new Map<string, string>();
  for (const [name, root] of screens) {
    const id = path.join(src, root);
    const start = [...chunks.values()].find((c) => c.facadeModuleId === id)?.fileName;
    if (!start) throw new Error(`screen chunks: no chunk for ${root}`);
    for (const f of closure(start))
      if (!entry.has(f)) for (const m of chunks.get(f)!.moduleIds) if (!owner.has(m)) owner.set(m, name);
  }
  return owner;
}

/**
 * Chunks by the screen that needs them, instead of one small chunk per set of importers (a hundred files on the
 * first list: each its own request on HTTP/1.1's six connections, each compressed alone):
 *
 * - the entry: what it imports statically (React, the router, i18next, React Query);
 * - `sign-in`: the sign-in page;
 * - `shell`: the signed-in frame with its libraries (antd's core, menu, drawer, search box…); every signed-in page
 *   runs inside it, so nothing here is loaded for nothing;
 * - `home`, `list`: what the start page and the list view add (cards; the table). Pages with a table load `list`,
 *   which they need for the table anyway.
 *
 * A screen's chunk holds exactly what that screen needs and an earlier one did not bring: `planScreens` learns it
 * from a first, automatic build (`config`: that build's settings, without this plugin). Everything else — charts,
 * maps, calendar, date pickers, forms, other pages — keeps Rolldown's automatic splitting and loads with the page
 * that shows it.
 */
export function screenChunks(config: InlineConfig): Plugin {
  return {
    name: 'kehu-screen-chunks',
    apply: 'build',
    async config() {
      const owner = await planScreens(config);
      const groups: Rolldown.CodeSplittingGroup[] = [
        { name: 'initial', tags: ['$initial'], priority: 10 },
        ...screens.map(([name], i) => ({
          name: (id: string) => (owner.get(id) === name ? name : null),
          debugName: name,
          priority: 5 - i,
          // The plan already holds every module a screen needs (and only those: the raw import graph has more).
          includeDependenciesRecursively: false,
        })),
      ];
      return { build: { rolldownOptions: { output: { codeSplitting: { groups } } } } };
    },
  };
}
