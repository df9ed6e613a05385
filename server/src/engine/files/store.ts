import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import { KehuError, notFound } from '../errors.ts';

export interface FileRow {
  id: number;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  created_by: number | null;
  created_at: Date;
}

export interface NewFile {
  name: string;
  mime: string;
  stream?: Readable | AsyncIterable<Buffer | string>;
  buffer?: Buffer;
}

const shaPattern = /^[0-9a-f]{64}$/;

/** A display name only (never used as a path): the last path segment, no control characters, ≤ 200 characters. */
export function sanitizeFileName(name: string): string {
  const clean = String(name ?? '')
    .normalize('NFC')
    .split(/[/\\]/)
    .pop()!
    .replace(/[/\\\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return Array.from(clean).slice(0, 200).join('') || 'file';
}

function sanitizeMime(mime: string): string {
  const m = String(mime ?? '')
    .toLowerCase()
    .trim();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,127}$/.test(m) ? m : 'application/octet-stream';
}

/** `<dataDir>/files/ab/cd/<sha256>`: two levels keep directories small. */
export function blobPath(dataDir: string, sha256: string): string {
  if (!shaPattern.test(sha256)) throw notFound();
  return join(dataDir, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Store bytes by content: hash while writing a temporary file in the same directory tree, fsync, then rename
 * into place (atomic), or drop the temporary file when the content is already there. Returns the new
 * `sys_file` row. `maxBytes` stops oversized uploads early.
 */
export async function saveFile(
  db: Db,
  dataDir: string,
  file: NewFile,
  userId: number | null,
  maxBytes = Infinity,
): Promise<FileRow> {
  const source = file.buffer ? [file.buffer] : file.stream;
  if (!source) throw new KehuError('BAD_REQUEST', { detail: 'file content' });
  const tmpDir = join(dataDir, 'files', 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmp = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const handle = await open(tmp, 'wx');
  try {
    for await (const chunk of source as AsyncIterable<Buffer | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > maxBytes) throw new KehuError('PAYLOAD_TOO_LARGE');
      hash.update(bytes);
      await handle.write(bytes);
    }
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  const sha256 = hash.digest('hex');
  const target = blobPath(dataDir, sha256);
  if (await exists(target)) await rm(tmp, { force: true });
  else {
    await mkdir(join(target, '..'), { recursive: true });
    await rename(tmp, target);
  }
  const res = await sql<FileRow>`insert into sys_file (sha256, name, mime, size, created_by)
    values (${sha256}, ${sanitizeFileName(file.name)}, ${sanitizeMime(file.mime)}, ${size}, ${userId})
    returning id, sha256, name, mime, size, created_by, created_at`.execute(db);
  return res.rows[0];
}

/** Read stored bytes; NOT_FOUND when the content is missing. Access checks belong to the caller. */
export async function openFile(dataDir: string, sha256: string): Promise<{ stream: ReadStream; size: number }> {
  const path = blobPath(dataDir, sha256);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw notFound();
  }
  return { stream: createReadStream(path), size };
}
