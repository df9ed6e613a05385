import fs from 'node:fs';

let list: Set<string> | undefined;

/** The common-password list (common-passwords.txt, made by server/scripts/gen-common-passwords.ts), lower case. */
export function commonPasswords(): Set<string> {
  list ??= new Set(
    fs
      .readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return list;
}

/**
 * A listed password, or one that is only a listed word wrapped in digits and symbols
 * ("Password2024!", "#woaini1314"): both are among the first guesses of any attacker.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFKC').toLowerCase();
  const set = commonPasswords();
  if (set.has(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return core.length > 0 && core !== lower && set.has(core);
}
