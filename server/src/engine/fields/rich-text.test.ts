import { describe, expect, test } from 'vitest';
import { richTextField, sanitizeRichText } from './rich-text.field.ts';
import { problemOf, testContext, testField } from './test-context.ts';

const field = testField('notes', { type: 'richText' });
const parse = async (v: unknown) => (await richTextField.parse(v, testContext(field))).notes as string;

describe('rich text field', () => {
  test('keeps ordinary formatting', async () => {
    const html =
      '<h2>纪要</h2><p><strong>重点</strong> <em>客户</em></p><ul><li>一</li></ul><table><tr><td colspan="2">x</td></tr></table>';
    expect(await parse(html)).toBe(
      '<h2>纪要</h2><p><strong>重点</strong> <em>客户</em></p><ul><li>一</li></ul><table><tr><td colspan="2">x</td></tr></table>',
    );
  });

  test('removes scripts, event handlers, styles and unknown tags', async () => {
    const out = await parse(
      '<p onclick="x()" style="color:red">hi<script>alert(1)</script></p><img src=x onerror="alert(1)"><iframe src="https://x"></iframe><style>p{}</style>',
    );
    expect(out).toBe('<p>hi</p>');
  });

  test('removes javascript: and data: links but keeps http(s) and mailto', () => {
    expect(sanitizeRichText('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeRichText('<a href="JAVASCRIPT:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeRichText('<a href="data:text/html;base64,xx">x</a>')).toBe('<a>x</a>');
    expect(sanitizeRichText('<a href="https://kehu.cn" onmouseover="x()">x</a>')).toBe(
      '<a href="https://kehu.cn">x</a>',
    );
    expect(sanitizeRichText('<a href="mailto:a@b.cn">m</a>')).toBe('<a href="mailto:a@b.cn">m</a>');
  });

  test('links opening a new tab get rel=noopener', () => {
    expect(sanitizeRichText('<a href="https://kehu.cn" target="_top" rel="opener">x</a>')).toBe(
      '<a href="https://kehu.cn" target="_blank" rel="noopener noreferrer">x</a>',
    );
  });

  test('markup without text counts as empty; over 100k characters is too long', async () => {
    expect(richTextField.isEmpty?.('<p><br></p>')).toBe(true);
    expect(richTextField.isEmpty?.('<p>&nbsp;</p>')).toBe(true);
    expect(richTextField.isEmpty?.('<p>x</p>')).toBe(false);
    expect(await problemOf(() => parse(`<p>${'x'.repeat(100_001)}</p>`))).toBe('tooLong');
  });
});
