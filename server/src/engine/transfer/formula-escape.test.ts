import { describe, expect, test } from 'vitest';
import { escapeCell, escapeFormula, unescapeFormula } from './formula-escape.ts';

describe('CUS-11 formula escaping', () => {
  test('CUS-11 cells starting with = + - @ tab or CR get a leading apostrophe', () => {
    for (const s of ["=cmd|' /C calc'!A0", '+1', '-1', '@SUM(A1:A2)', '\t=1', '\r=1'])
      expect(escapeFormula(s)).toBe(`'${s}`);
  });

  test('CUS-11 ordinary text is left alone', () => {
    for (const s of ['开乐专用车', 'a=b', '1+1', '', ' =x', "'already"]) expect(escapeFormula(s)).toBe(s);
  });

  test('CUS-11 plain numbers of numeric fields stay numbers, anything else in them is escaped', () => {
    expect(escapeCell('-12.50', true)).toBe('-12.50');
    expect(escapeCell('-12.50', false)).toBe("'-12.50");
    expect(escapeCell('-1+1', true)).toBe("'-1+1");
  });

  test('CUS-11 an escaped cell imports back as it was exported; other apostrophes stay', () => {
    for (const s of ['+8613812345678', '=1', '-1', '@x', '开乐', "'quoted", 'a'])
      expect(unescapeFormula(escapeFormula(s))).toBe(s);
  });
});
