import { describe, expect, test } from 'vitest';
import { blobPath, sanitizeFileName } from './store.ts';

describe('file store', () => {
  test.each([
    ['报价单.pdf', '报价单.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\wang\\合同.docx', '合同.docx'],
    ['a\u0000b\u202e.txt', 'ab.txt'],
    ['  spaced   name .txt ', 'spaced name .txt'],
    ['...', 'file'],
    ['', 'file'],
    ['/', 'file'],
  ])('the stored name of %j is %j', (name, stored) => {
    expect(sanitizeFileName(name)).toBe(stored);
  });

  test('names are cut at 200 characters', () => {
    expect(sanitizeFileName('文'.repeat(300))).toHaveLength(200);
  });

  test('content lives under two levels of hash prefixes; anything but a sha256 is refused', () => {
    const sha = 'ab'.repeat(32);
    expect(blobPath('/data', sha)).toBe(`/data/files/ab/ab/${sha}`);
    expect(() => blobPath('/data', '../../etc/passwd')).toThrow();
    expect(() => blobPath('/data', sha.toUpperCase())).toThrow();
  });
});
