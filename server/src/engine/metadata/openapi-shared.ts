import { aggregateFns, errorCodes, fieldErrorCodes, fieldTypeNames, relativePeriods } from '@kehu/common';

export type Schema = Record<string, unknown>;
export type Paths = Record<string, Record<string, Schema>>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const jsonBody = (schema: Schema, required = true) => ({
  required,
  content: { 'application/json': { schema } },
});
export const dataOf = (schema: Schema): Schema => ({
  type: 'object',
  required: ['data'],
  properties: { data: schema },
});
export const reply = (schema: Schema, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
/** Shared error responses by HTTP status (`components.responses.E404` …). */
export const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/E${s}` }]));
export const queryParam = (name: string, schema: Schema, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
/** A session cookie (plus the CSRF header on writes), or an integration's API key. */
export const signedIn = [{ session: [] }, { apiKey: [] }];
export const signedInWrite = [{ session: [], csrf: [] }, { apiKey: [] }];

const labelSchema: Schema = {
  type: 'object',
  required: ['zh-CN'],
  additionalProperties: false,
  properties: { 'zh-CN': { type: 'string', maxLength: 100 }, 'en-US': { type: 'string', maxLength: 100 } },
};

/** Schemas every document has: errors, references, filter values and metadata declarations. */
export function sharedSchemas(): Record<string, Schema> {
  return {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { enum: [...errorCodes], description: 'stable code; `message` is translated' },
            message: { type: 'string' },
            fields: {
              type: 'object',
              description: 'field name → problem (VALIDATION_FAILED)',
              additionalProperties: { enum: [...fieldErrorCodes] },
            },
          },
        },
      },
    },
    Ref: {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer' }, label: { type: ['string', 'null'] } },
    },
    Attachment: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: { type: 'string' },
        size: { type: 'integer' },
        mime: { type: 'string' },
        sha256: { type: 'string' },
      },
    },
    FilterValue: {
      description:
        'eq, ne, lt, lte, gt, gte, contains, notContains, startsWith: one value; in, notIn: an array; between: [from, to]; ' +
        'within: a period name or { "last" | "next": n, "unit": "day" | "week" | "month" | "year" }; isEmpty, isNotEmpty: none',
      oneOf: [
        { type: ['string', 'number', 'boolean', 'null'] },
        { type: 'array', maxItems: 1000 },
        { enum: [...relativePeriods] },
        {
          type: 'object',
          required: ['unit'],
          properties: {
            last: { type: 'integer' },
            next: { type: 'integer' },
            unit: { enum: ['day', 'week', 'month', 'year'] },
          },
        },
      ],
    },
    SortKey: {
      type: 'object',
      required: ['field', 'dir'],
      properties: { field: { type: 'string' }, dir: { enum: ['asc', 'desc'] } },
    },
    Label: labelSchema,
    FieldDecl: {
      type: 'object',
      required: ['type'],
      properties: {
        name: { type: 'string', pattern: '^[a-z][a-zA-Z0-9_]{0,39}$' },
        type: { enum: fieldTypeNames.filter((t) => t !== 'json' && t !== 'password') },
        label: ref('Label'),
        help: ref('Label'),
        required: { type: 'boolean' },
        unique: { type: 'boolean' },
        index: { type: 'boolean' },
        readOnly: { type: 'boolean' },
        default: {},
        search: { enum: ['fuzzy', 'exact'] },
        maxLength: { type: 'integer' },
        min: { type: 'number' },
        max: { type: 'number' },
        scale: { type: 'integer', minimum: 0, maximum: 8 },
        options: {
          type: 'array',
          maxItems: 500,
          items: {
            type: 'object',
            required: ['value', 'label'],
            properties: { value: { type: 'string', maxLength: 60 }, label: ref('Label'), color: { type: 'string' } },
          },
        },
        object: { type: 'string', description: 'manyToOne / manyToMany / oneToMany: the target object' },
        field: { type: 'string', description: 'oneToMany: the manyToOne field on the target that points back' },
        pattern: { type: 'string', description: 'autoNumber pattern, e.g. KH{yyyy}{seq:6}' },
        formula: { type: 'string', description: 'computed: arithmetic over numeric fields, e.g. "quantity * price"' },
        resultType: { enum: ['integer', 'decimal', 'money', 'text'] },
        level: { enum: ['province', 'city', 'district'] },
        onDelete: { enum: ['setNull', 'restrict'] },
      },
    },
    ObjectDecl: {
      type: 'object',
      required: ['name', 'label', 'fields'],
      properties: {
        name: { type: 'string', pattern: '^[a-z][a-zA-Z0-9_]{0,39}$' },
        label: ref('Label'),
        pluralLabel: ref('Label'),
        titleField: { type: 'string' },
        fields: {
          type: 'object',
          description: 'field name → declaration',
          additionalProperties: ref('FieldDecl'),
        },
      },
    },
    Aggregate: { enum: [...aggregateFns] },
    HistoryEntry: {
      type: 'object',
      properties: {
        version: { type: 'integer' },
        action: { type: 'string', description: 'create, update, delete, undelete, restore' },
        at: { type: 'string', format: 'date-time' },
        actor: { anyOf: [ref('Ref'), { type: 'null' }] },
        onBehalfOf: { anyOf: [ref('Ref'), { type: 'null' }] },
        ip: { type: ['string', 'null'] },
        userAgent: { type: ['string', 'null'] },
        changes: { type: 'object', description: 'what changed, only fields you may read' },
        snapshot: { type: 'object', description: 'the record as of this version' },
      },
    },
    ImportJob: {
      type: 'object',
      description: 'An import job and its progress',
      additionalProperties: true,
      properties: {
        id: { type: 'integer' },
        object: { type: 'string' },
        status: { type: 'string', description: 'e.g. queued, running, done, failed' },
        total: { type: 'integer' },
        processed: { type: 'integer' },
        errors: { type: 'array', items: { type: 'object', description: 'row number and field-level problems' } },
      },
    },
  };
}
