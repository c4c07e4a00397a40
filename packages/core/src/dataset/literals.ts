/**
 * Money must be written as whole pence (SPEC §2). `JSON.parse` turns the literals `1e5`
 * and `138554.0` into the integers 100000 and 138554, hiding how they were written, so
 * before parsing, a number literal with a fraction or an exponent after a money key is
 * wrapped in a marker object that keeps its source text; the money reader reports it.
 */

/** The fields whose values are money. */
export const MONEY_FIELDS = ['rate', 'opening_balance', 'fee_contribution'] as const;

/** The key of the object that stands for a number literal that is not a whole number. */
export const LITERAL_MARKER = '\u0000carebill:number-literal';

/**
 * Wraps fractional or exponent number literals written after the given keys.
 *
 * @example markNumberLiterals('{"rate": 1e5}', ['rate']) // '{"rate": {"\u0000carebill:number-literal":"1e5"}}'
 */
export function markNumberLiterals(text: string, keys: readonly string[]): string {
  const pattern = new RegExp(
    `("(?:${keys.join('|')})"\\s*:\\s*)(-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)(?=\\s*[,}\\]])`,
    'g',
  );
  return text.replace(pattern, (whole, prefix: string, literal: string) =>
    /[.eE]/.test(literal) ? `${prefix}{${JSON.stringify(LITERAL_MARKER)}:"${literal}"}` : whole,
  );
}

/** The source text of a marked literal, or undefined for any other value. */
export function markedLiteral(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (!Object.hasOwn(value, LITERAL_MARKER)) return undefined;
  const literal = (value as Record<string, unknown>)[LITERAL_MARKER];
  return typeof literal === 'string' ? literal : undefined;
}
