import fs from 'node:fs';
import { KehuError } from '../errors.ts';

export type SheetFormat = 'csv' | 'xlsx';

/** What an upload holds, told by its content (never by its name): an xlsx workbook, or text in an encoding. */
export type Sniffed = { format: 'xlsx' } | { format: 'csv'; encoding: 'utf-8' | 'gb18030' };

export const sniffBytes = 64 * 1024;

export function headBytes(file: string, n: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

const notSpreadsheet = () => new KehuError('IMPORT_NOT_SPREADSHEET');

function decodes(sample: Buffer, encoding: string): string | undefined {
  try {
    // `stream`: the sample may end inside a character.
    return new TextDecoder(encoding, { fatal: true }).decode(sample, { stream: true });
  } catch {
    return undefined;
  }
}

/** Control characters that text never holds (tab, line breaks and form feed aside), and undecodable bytes. */
function garbage(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f || c === 0xfffd) n++;
  }
  return n;
}

/**
 * UTF-8 (with or without BOM), else GB18030 (a superset of GBK, what Excel in China saves CSV as). Text that
 * decodes as neither, holds NUL bytes (binary files, UTF-16 text) or more than a trace of control characters is no
 * CSV, whatever its name: refused with a message the user can act on, before anything reads it as rows.
 */
export function sniffText(sample: Buffer): 'utf-8' | 'gb18030' {
  if (sample.includes(0)) throw notSpreadsheet();
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    const text = decodes(sample, encoding);
    if (text === undefined) continue;
    const bad = garbage(text);
    if (bad > Math.max(2, text.length / 1000)) throw notSpreadsheet();
    return encoding;
  }
  throw notSpreadsheet();
}

/** xlsx files are zip archives (PK\x03\x04); anything else must be text to be read as CSV. */
export function sniffFile(file: string): Sniffed {
  const sample = headBytes(file, sniffBytes);
  if (sample.length === 0) throw new KehuError('IMPORT_NO_HEADER');
  if (sample.length >= 4 && sample.readUInt32BE(0) === 0x504b0304) return { format: 'xlsx' };
  return { format: 'csv', encoding: sniffText(sample) };
}
