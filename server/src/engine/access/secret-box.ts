import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets the server must read back (TOTP seeds) are stored sealed with AES-256-GCM, so a copy of the
 * database alone does not let anyone generate second-factor codes. The key comes from KEHU_SECRET_KEY
 * (base64, 32 bytes) or from `<data dir>/secret.key`, created on first start readable by the owner only.
 */
let key: Buffer | undefined;
const prefix = 'v1:';

export function loadSecretKey(dataDir: string, fromEnv?: string): Buffer {
  if (fromEnv) {
    const k = Buffer.from(fromEnv, 'base64');
    if (k.length !== 32) throw new Error('KEHU_SECRET_KEY must be 32 bytes, base64-encoded');
    return k;
  }
  const file = path.join(dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    // 'wx': of two processes starting at once, one creates the key and the other reads it.
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return loadSecretKey(dataDir, fs.readFileSync(file, 'utf8').trim());
}

export function useSecretKey(k: Buffer): void {
  key = k;
}

function current(): Buffer {
  if (!key) throw new Error('secret key not loaded');
  return key;
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', current(), iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return prefix + [iv, c.getAuthTag(), body].map((b) => b.toString('base64')).join(':');
}

/** Opens a sealed value; values stored before sealing existed are returned as they are. */
export function unseal(stored: string): string {
  if (!stored.startsWith(prefix)) return stored;
  const [iv, tag, body] = stored
    .slice(prefix.length)
    .split(':')
    .map((s) => Buffer.from(s, 'base64'));
  const d = createDecipheriv('aes-256-gcm', current(), iv!);
  d.setAuthTag(tag!);
  return Buffer.concat([d.update(body!), d.final()]).toString('utf8');
}

export const isSealed = (stored: string) => stored.startsWith(prefix);
