import { locales, translate } from '@kehu/common';
import { type Cell, isBlankCell } from './spreadsheet-reader.ts';

let pattern: RegExp | undefined;

/** The "exported by … at …" line in any language, with or without the CSV's leading '#'. */
function watermark(): RegExp {
  if (pattern) return pattern;
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const texts = locales.map((l) =>
    literal(translate(l, 'export.watermark', { name: '\u0000', time: '\u0001' }))
      .replace('\u0000', '.+')
      .replace('\u0001', '.+'),
  );
  pattern = new RegExp(`^(# )?(${texts.join('|')})$`);
  return pattern;
}

/** The last row of an export (SEC-14): an exported file imports back without it (CUS-11). */
export function isWatermarkRow(cells: Cell[]): boolean {
  const [first, ...rest] = cells;
  return typeof first === 'string' && rest.every(isBlankCell) && watermark().test(first.trim());
}
