import {
  type FieldDecl,
  type FieldErrorCode,
  fieldTypeNames,
  isNavDecl,
  isOptionColor,
  type ObjectDecl,
} from '@kehu/common';
import { validationFailed } from '../errors.ts';
import type { Registry } from './registry.ts';

const declKeys = new Set([
  'type',
  'label',
  'required',
  'unique',
  'default',
  'search',
  'index',
  'help',
  'maxLength',
  'min',
  'max',
  'scale',
  'options',
  'object',
  'field',
  'pattern',
  'formula',
  'resultType',
  'level',
  'onDelete',
  'readOnly',
  'internal',
  'visibleWhen',
  'dependsOn',
]);
// Types an administrator may not add at run time: they belong to the engine's own objects.
const systemOnly = new Set(['json', 'password']);

function isLabel(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Record<string, unknown>)['zh-CN'] === 'string' &&
    Object.entries(v).every(([k, s]) => (k === 'zh-CN' || k === 'en-US') && typeof s === 'string' && s.length <= 100)
  );
}

/** Problems of one field declaration sent by an administrator, keyed by the property at fault. */
export function fieldDeclProblems(
  decl: unknown,
  registry: Registry,
  selfName?: string,
): Record<string, FieldErrorCode> {
  const known = (name: unknown) => typeof name === 'string' && (name === selfName || registry.has(name));
  const p: Record<string, FieldErrorCode> = {};
  if (typeof decl !== 'object' || decl === null || Array.isArray(decl)) return { type: 'type' };
  const d = decl as FieldDecl & Record<string, unknown>;
  for (const k of Object.keys(d)) if (!declKeys.has(k) && k !== 'name') p[k] = 'unknown';
  if (!fieldTypeNames.includes(d.type) || systemOnly.has(d.type)) p.type = 'invalidOption';
  if (d.label !== undefined && !isLabel(d.label)) p.label = 'format';
  for (const k of ['required', 'unique', 'index', 'readOnly', 'internal'] as const) {
    if (d[k] !== undefined && typeof d[k] !== 'boolean') p[k] = 'type';
  }
  for (const k of ['maxLength', 'min', 'max', 'scale'] as const) {
    if (d[k] !== undefined && (typeof d[k] !== 'number' || !Number.isFinite(d[k]))) p[k] = 'type';
  }
  if (d.scale !== undefined && (d.scale < 0 || d.scale > 8)) p.scale = 'tooLarge';
  if (d.type === 'picklist' || d.type === 'multiPicklist') {
    const ok =
      Array.isArray(d.options) &&
      d.options.length > 0 &&
      d.options.length <= 500 &&
      d.options.every(
        (o) =>
          typeof o?.value === 'string' &&
          o.value.length <= 60 &&
          isLabel(o.label) &&
          (o.color === undefined || isOptionColor(o.color)) &&
          // Active flags and order change in the data dictionary (WF-7); only code locks options.
          Object.keys(o).every((k) => k === 'value' || k === 'label' || k === 'color'),
      ) &&
      new Set(d.options.map((o) => o.value)).size === d.options.length;
    if (!ok) p.options = 'format';
  }
  if (d.type === 'manyToOne' || d.type === 'manyToMany' || d.type === 'oneToMany') {
    if (!known(d.object)) p.object = 'notFound';
  }
  if (d.type === 'oneToMany' && (typeof d.field !== 'string' || !registry.has(String(d.object)))) p.field = 'notFound';
  if (d.type === 'oneToMany' && registry.has(String(d.object))) {
    const back = registry.get(String(d.object)).fields.get(String(d.field));
    if (back?.type !== 'manyToOne') p.field = 'notFound';
  }
  if (
    d.type === 'autoNumber' &&
    !(typeof d.pattern === 'string' && /\{seq(:\d{1,2})?\}/.test(d.pattern) && d.pattern.length <= 40)
  ) {
    p.pattern = 'format';
  }
  if (d.type === 'computed' && typeof d.formula !== 'string') p.formula = 'invalidFormula';
  const w = d.visibleWhen;
  if (
    w !== undefined &&
    !(typeof w?.field === 'string' && Array.isArray(w.in) && w.in.length <= 50 && w.in.every((v) => v !== null))
  )
    p.visibleWhen = 'format';
  const dep = d.dependsOn;
  if (dep !== undefined && (d.type !== 'manyToOne' || typeof dep?.field !== 'string' || !known(d.object)))
    p.dependsOn = 'format';
  else if (
    dep !== undefined &&
    registry.has(String(d.object)) &&
    !registry.get(String(d.object)).fields.has(String(dep.targetField))
  )
    p.dependsOn = 'notFound';
  if (d.type === 'region' && d.level !== undefined && !['province', 'city', 'district'].includes(d.level)) {
    p.level = 'invalidOption';
  }
  return p;
}

export function assertObjectDecl(decl: unknown, registry: Registry): asserts decl is ObjectDecl {
  const p: Record<string, FieldErrorCode> = {};
  if (typeof decl !== 'object' || decl === null) throw validationFailed({ name: 'required' });
  const d = decl as ObjectDecl & Record<string, unknown>;
  for (const k of Object.keys(d))
    if (!['name', 'label', 'pluralLabel', 'titleField', 'fields', 'icon', 'nav'].includes(k)) p[k] = 'unknown';
  if (!isLabel(d.label)) p.label = 'required';
  if (d.nav !== undefined && !isNavDecl(d.nav)) p.nav = 'invalidOption';
  if (d.fields === undefined || typeof d.fields !== 'object' || Array.isArray(d.fields)) p.fields = 'required';
  else {
    for (const [name, f] of Object.entries(d.fields)) {
      for (const [k, code] of Object.entries(
        fieldDeclProblems(f, registry, typeof d.name === 'string' ? d.name : undefined),
      ))
        p[`fields.${name}.${k}`] = code;
    }
  }
  if (Object.keys(p).length) throw validationFailed(p);
}
