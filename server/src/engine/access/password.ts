import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { isCommonPassword } from './common-passwords.ts';

// scrypt with N=2^15 costs ~100 ms and 32 MiB per guess: slow enough for sign-in, cheap for a server.
const N = 32768;
const r = 8;
const p = 1;
const keyLen = 32;

function derive(password: string, salt: Buffer, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLen, { N: n, r, p, maxmem: 128 * n * r * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N);
  return `scrypt$${N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  // Unknown users still pay for one hash, so timing does not reveal who exists.
  const [scheme, n, salt, key] = (stored ?? `scrypt$${N}$AAAAAAAAAAAAAAAAAAAAAA==$`).split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(key ?? '', 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(n));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * The password policy (SEC-7): 10–200 characters, not a common password (or a common word wrapped in digits),
 * not containing the user name, and not one character repeated.
 */
export function passwordProblem(password: string, username?: string): 'weakPassword' | undefined {
  // Spaces around the text do not count towards the length; a password of spaces is no password.
  if (password.trim().length < 10 || password.length > 200) return 'weakPassword';
  if (new Set(password).size < 4) return 'weakPassword';
  if (isCommonPassword(password)) return 'weakPassword';
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && password.toLowerCase().includes(name)) return 'weakPassword';
  return undefined;
}
