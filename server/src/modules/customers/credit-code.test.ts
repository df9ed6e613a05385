import { describe, expect, test } from 'vitest';
import { creditCodeCheck, isValidCreditCode, normalizeCreditCode } from './credit-code.ts';

describe('CUS-2 unified social credit code (GB 32100-2015)', () => {
  test('CUS-2 accepts codes whose check character is right', () => {
    // The standard's worked example, and codes built from a prefix with the computed check character.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    for (const first17 of ['91370100MA3C5XQ1X', '11370100004188745', '12370100495570107', '93371100MA94HNAQ0']) {
      expect(isValidCreditCode(first17 + creditCodeCheck(first17))).toBe(true);
    }
  });

  test('CUS-2 refuses a wrong check character, a wrong length and letters outside the alphabet', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y433')).toBe(false);
    // I, O, S, V and Z are not used (they look like 1, 0, 5, U and 2).
    const withO = '9135010OM000100Y4';
    expect(isValidCreditCode(withO + creditCodeCheck(withO.replace('O', '0')))).toBe(false);
    // Positions 3–8 are the division code: digits only.
    const letters = '91AB0100M000100Y4';
    expect(isValidCreditCode(letters + creditCodeCheck(letters))).toBe(false);
  });

  test('CUS-2 every single-character change of a valid code is detected', () => {
    const code = '91350100M000100Y43';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 18; i++) {
      for (const c of alphabet) {
        if (c === code[i]) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        expect(isValidCreditCode(changed), changed).toBe(false);
      }
    }
  });

  test('CUS-2 input is normalised: lower case, spaces, dashes and full-width characters', () => {
    expect(normalizeCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(normalizeCreditCode('913501-00M000 100Y43')).toBe('91350100M000100Y43');
    expect(normalizeCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
  });
});
