import { describe, expect, test } from 'vitest';
import { commonPasswords, isCommonPassword } from './common-passwords.ts';
import { passwordProblem } from './password.ts';

describe('SEC-7 password policy', () => {
  test('SEC-7 the common-password list ships about 10,000 entries, classic and Chinese ones among them', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThanOrEqual(10_000);
    for (const p of [
      '123456',
      'password',
      'qwerty',
      '111111',
      'iloveyou',
      'woaini1314',
      'a1b2c3',
      '5201314',
      'zxcvbnm',
    ])
      expect(list.has(p)).toBe(true);
  });

  test('SEC-7 short, common, padded-common and user-name passwords are refused; a passphrase is accepted', () => {
    for (const weak of [
      'short1!',
      'password123',
      'Qwertyuiop',
      '1qaz2wsx3edc',
      'Woaini5201314',
      'Password2024!',
      'aaaaaaaaaaaa',
    ])
      expect(passwordProblem(weak), weak).toBe('weakPassword');
    expect(isCommonPassword('#iloveyou2023!')).toBe(true);
    expect(passwordProblem('zhangsan-secret-7', 'ZhangSan')).toBe('weakPassword');
    expect(passwordProblem('Correct-Horse-42')).toBeUndefined();
    expect(passwordProblem('tea-kettle-on-Mars', 'zhangsan')).toBeUndefined();
  });
});
