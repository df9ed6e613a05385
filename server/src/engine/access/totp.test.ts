import { describe, expect, test } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, totpCode, totpStep } from './totp.ts';

// RFC 6238 appendix B: the SHA-1 secret is the ASCII string "12345678901234567890"; 8-digit values.
const rfcSecret = Buffer.from('12345678901234567890');
const vectors: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('SEC-7 TOTP (RFC 6238)', () => {
  test.each(vectors)('SEC-7 RFC 6238 test vector at t=%i', (t, expected) => {
    expect(hotp(rfcSecret, totpStep(t * 1000), 8)).toBe(expected);
  });

  test('SEC-7 base32 round trip and 6-digit codes', () => {
    const secret = base32Encode(rfcSecret);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(secret)).toEqual(rfcSecret);
    expect(totpCode(secret, 59_000)).toBe('287082');
  });

  test('SEC-7 a code matches within one step of drift, never twice', () => {
    const secret = base32Encode(rfcSecret);
    const at = 1_111_111_111_000;
    const code = totpCode(secret, at);
    const step = matchTotp(secret, code, 0, at + 30_000);
    expect(step).toBe(totpStep(at));
    expect(matchTotp(secret, code, step!, at)).toBeUndefined();
    expect(matchTotp(secret, code, 0, at + 90_000)).toBeUndefined();
    expect(matchTotp(secret, '12345', 0, at)).toBeUndefined();
  });
});
