/** Characters that make a spreadsheet treat a cell as a formula (CSV/formula injection). */
const formulaStart = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe, so it stays text. */
export function escapeFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** The reverse on import: an exported file reads back as it was written (`'+86…` is the phone `+86…`). */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && formulaStart.test(text.slice(1)) ? text.slice(1) : text;
}

const plainNumber = /^-?\d+(\.\d+)?$/;

/**
 * Values of numeric fields that are plain numbers cannot be formulas, so `-12.50` stays a number; anything
 * else (text fields, or a number field holding something unexpected) is escaped.
 */
export function escapeCell(text: string, numeric = false): string {
  return numeric && plainNumber.test(text) ? text : escapeFormula(text);
}
