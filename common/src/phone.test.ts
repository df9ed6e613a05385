import metadata from 'libphonenumber-js/metadata.min.json' with { type: 'json' };
import { describe, expect, test } from 'vitest';
import { formatPhone, maskPhone, phoneDigits, splitE164 } from './phone.ts';

describe('phone numbers as Chinese users write them', () => {
  test('CUS-2 mobiles in 3-4-4 groups', () => {
    expect(formatPhone('+8613806421234')).toBe('138 0642 1234');
    expect(formatPhone('+8619912345678')).toBe('199 1234 5678');
  });

  test('CUS-2 landlines with two-digit area codes: Beijing 010, Shanghai 021, other 02x', () => {
    expect(formatPhone('+861065529988')).toBe('010-6552 9988');
    expect(formatPhone('+862168881234')).toBe('021-6888 1234');
    expect(formatPhone('+862988776655')).toBe('029-8877 6655');
    // Seven-digit local numbers: 3 + 4.
    expect(formatPhone('+86106552998')).toBe('010-655 2998');
  });

  test('CUS-2 landlines with three-digit area codes: Qingdao 0532, Jinan 0531, a 7-digit local number', () => {
    expect(formatPhone('+8653286881234')).toBe('0532-8688 1234');
    expect(formatPhone('+8653188886666')).toBe('0531-8888 6666');
    expect(formatPhone('+869038881234')).toBe('0903-888 1234');
  });

  test('CUS-2 service numbers 400/800', () => {
    expect(formatPhone('+864008208820')).toBe('400-820-8820');
    expect(formatPhone('+868008101234')).toBe('800-810-1234');
  });

  test('CUS-2 foreign numbers in international format', () => {
    expect(formatPhone('+12025550123')).toBe('+1 202 555 0123');
    expect(formatPhone('+442071234567')).toBe('+44 20 7123 4567');
    expect(formatPhone('+85221234567')).toBe('+852 2123 4567');
    expect(formatPhone('+886912345678')).toBe('+886 912 345 678');
    expect(formatPhone('+81312345678')).toBe('+81 3 1234 5678');
  });

  test('CUS-2 short, odd and non-E.164 values are left as they are', () => {
    for (const v of ['+8695588', '+86123', '10086', '0532-8688 1234', '', '分机 808', '+86532868812345678', '+0123456'])
      expect(formatPhone(v)).toBe(v);
  });

  test('CUS-2 the country code table agrees with libphonenumber', () => {
    for (const code of Object.keys(metadata.country_calling_codes)) {
      expect(splitE164(`+${code}12345678`)?.[0]).toBe(code);
    }
  });

  test('SEC-14 masked numbers keep the area code or mobile prefix and the last four, formatted like the rest', () => {
    expect(maskPhone('+8613806425678')).toBe('+86138****5678');
    expect(formatPhone(maskPhone('+8613806425678'))).toBe('138 **** 5678');
    expect(maskPhone('+8653286881234')).toBe('+86532****1234');
    expect(formatPhone(maskPhone('+8653286881234'))).toBe('0532-**** 1234');
    expect(maskPhone('+862168881234')).toBe('+8621****1234');
    expect(formatPhone(maskPhone('+862168881234'))).toBe('021-**** 1234');
    expect(formatPhone(maskPhone('+861065529988'))).toBe('010-**** 9988');
    expect(formatPhone(maskPhone('+12025550123'))).toBe('+1 **** 0123');
    // Earlier masks (first six characters kept) still read sensibly.
    expect(formatPhone('+86211****5678')).toBe('021-1**** 5678');
    // Not a number in E.164: the first three and last four.
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('12345')).toBe('12****');
  });

  test('CUS-3 digits of a typed fragment: separators and full-width digits go, anything else is not a number', () => {
    expect(phoneDigits('0532-8688')).toBe('05328688');
    expect(phoneDigits(' 138 0642 ')).toBe('1380642');
    expect(phoneDigits('（0532）８６８８')).toBe('05328688');
    expect(phoneDigits('+86 138')).toBe('+86138');
    expect(phoneDigits('客户138')).toBeNull();
    expect(phoneDigits('1-2a')).toBeNull();
  });
});
