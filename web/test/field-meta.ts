import type { FieldMeta } from '../src/engine/metadata.ts';

/** A field's metadata as the server describes it, for tests: plain defaults, `extra` overrides. */
export const fieldMeta = (name: string, type: string, extra: Partial<FieldMeta> = {}) =>
  ({
    name,
    type,
    label: { 'zh-CN': name },
    required: false,
    readOnly: false,
    ops: [],
    sortable: true,
    groupable: true,
    aggregates: [],
    ...extra,
  }) as FieldMeta;
