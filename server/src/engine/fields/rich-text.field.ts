import sanitizeHtml from 'sanitize-html';
import { FieldProblem } from '../errors.ts';
import { type FieldType, isBlank } from './field-type.ts';

const maxChars = 100_000;

// A closed list: anything not named here (script, style, iframe, img, form…) is dropped.
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'b',
    'i',
    'u',
    's',
    'strong',
    'em',
    'ul',
    'ol',
    'li',
    'h1',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'pre',
    'code',
    'hr',
    'a',
    'span',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'caption',
  ],
  // No style and no on* handlers anywhere: only these attributes survive.
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links opened in a new tab must not get a handle on this window.
    a: (tagName, attribs) => {
      const { rel: _rel, target, ...rest } = attribs;
      return { tagName, attribs: target ? { ...rest, target: '_blank', rel: 'noopener noreferrer' } : rest };
    },
  },
};

/** Untrusted HTML → the safe subset we store and render. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, options).trim();
}

/** Visible text only (emptiness checks, search snippets). */
export function richTextPlain(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;|\u00a0/g, ' ')
    .trim();
}

/** Formatted text (HTML), sanitised on the way in. */
export const richTextField: FieldType = {
  name: 'richText',
  kind: 'text',
  columns: (f) => [{ name: f.column!, sql: 'text' }],
  writable: true,
  parse(v, ctx) {
    if (typeof v !== 'string') throw new FieldProblem('type');
    if (v.length > maxChars) throw new FieldProblem('tooLong');
    const clean = sanitizeRichText(v);
    if (clean.length > (ctx.field.maxLength ?? maxChars)) throw new FieldProblem('tooLong');
    return { [ctx.field.column!]: clean };
  },
  isEmpty: (v) => isBlank(v) || (typeof v === 'string' && richTextPlain(v) === ''),
  format: (row, f) => row[f.column!] ?? null,
  ops: ['contains', 'notContains', 'isEmpty', 'isNotEmpty'],
  filterValue: (v) => {
    if (typeof v !== 'string') throw new FieldProblem('type');
    return v;
  },
  sortable: false,
  groupable: false,
  aggregates: ['count'],
  jsonSchema: () => ({ type: 'string', maxLength: maxChars, contentMediaType: 'text/html' }),
};
