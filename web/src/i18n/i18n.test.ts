import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fieldErrorCodes, fieldTypeNames, filterOps, operations, relativePeriods, scopes } from '@kehu/common';
import { describe, expect, test } from 'vitest';
import { enUS as coreEn } from './en-US.ts';
import { moduleEn, moduleZh } from './modules.ts';
import { zhCN as coreZh } from './zh-CN.ts';

type Tree = { [k: string]: string | Tree };
// Everything the client can show: the strings of sign-in and the engine, and those added with the shell.
const zhCN = { ...coreZh, ...moduleZh };
const enUS = { ...coreEn, ...moduleEn };
const flatten = (t: Tree, prefix = ''): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`)));
const zh = new Set(flatten(zhCN));
const en = new Set(flatten(enUS));
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('OPS-5 every visible string comes from the zh-CN and en-US files', () => {
  test('both languages have exactly the same keys, none empty', () => {
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
    const empty = (t: Tree): boolean =>
      Object.values(t).some((v) => (typeof v === 'string' ? v.trim() === '' : empty(v)));
    expect(empty(zhCN)).toBe(false);
    expect(empty(enUS)).toBe(false);
  });

  test('every key the code asks for exists', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(src)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !zh.has(k))).toEqual([]);
  });

  test('keys built at run time cover their whole vocabulary', () => {
    const need = [
      ...filterOps.map((o) => `op.${o}`),
      ...fieldTypeNames.map((x) => `fieldType.${x}`),
      ...operations.map((o) => `operation.${o}`),
      ...scopes.map((s) => `scope.${s}`),
      ...relativePeriods.map((p) => `period.${p}`),
      ...['day', 'week', 'month', 'year'].map((u) => `period.unit.${u}`),
      ...['create', 'update', 'delete', 'restore', 'undelete'].map((a) => `history.action.${a}`),
      // Every field problem the server can report has a message under the field.
      ...fieldErrorCodes.map((c) => `fieldError.${c}`),
    ];
    expect(need.filter((k) => !zh.has(k) || !en.has(k))).toEqual([]);
  });
});
