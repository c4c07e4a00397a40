/**
 * What `JSON.parse` hides about how a file was written: a number written with a fraction
 * or an exponent (`1e5`, `138554.0` parse to whole numbers, yet money must be written as
 * whole pence, SPEC §2), and a key given twice in one object (the parser keeps the last,
 * silently). A tokenizer walks the text once — after `JSON.parse` has accepted it, so it
 * may assume valid JSON — reading keys as JSON defines them (`"r\u0061te"` is `rate`), and
 * reports each finding with its path from the top of the file.
 */

/** Where a value sits: keys and array indices from the top of the file. */
export type JsonPath = readonly (string | number)[];

export interface JsonScan {
  /** Number literals written with `.`, `e` or `E`, with their source text. */
  readonly literals: readonly { readonly path: JsonPath; readonly text: string }[];
  /** The second (third, …) occurrence of a key in one object: the path includes the key. */
  readonly duplicateKeys: readonly JsonPath[];
}

interface ArrayFrame {
  readonly array: true;
  index: number;
}
interface ObjectFrame {
  readonly array: false;
  /** The keys seen so far: a list while short (faster), a set once long (linear). */
  keys: string[] | Set<string>;
  key: string;
  expectKey: boolean;
}
type Frame = ArrayFrame | ObjectFrame;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Scans valid JSON text for fractional or exponent number literals and duplicate keys.
 *
 * @example scanJson('[{"r\\u0061te": 1e5, "a": 1, "a": 2}]')
 * // { literals: [{ path: [0, 'rate'], text: '1e5' }], duplicateKeys: [[0, 'a']] }
 */
export function scanJson(text: string): JsonScan {
  const literals: { path: JsonPath; text: string }[] = [];
  const duplicateKeys: JsonPath[] = [];
  const stack: Frame[] = [];
  const n = text.length;
  // The next backslash at or after the key being read; searched for first at the first key.
  let nextBackslash = 0;
  let i = 0;
  // Stryker disable next-line EqualityOperator: past the end charCodeAt is NaN, which only the last branch takes (the mark also covers `>=`, which every test kills)
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      const top = stack[stack.length - 1];
      if (top !== undefined && !top.array && top.expectKey) {
        // A fast path: only a key with a backslash in it goes through JSON.parse. A mutant of the
        // search below only sends more keys through it (a plain key decodes to itself).
        // Stryker disable next-line all: see above
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = text.indexOf('\\', i);
        const raw = text.slice(i + 1, end);
        // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,UnaryOperator: see above (the mark also covers `false`, `>=` and `=== -1`, which the escaped-key tests kill)
        const escaped = nextBackslash !== -1 && nextBackslash < end;
        const key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (seen(top, key)) duplicateKeys.push([...pathOf(stack.slice(0, -1)), key]);
        top.key = key;
        top.expectKey = false;
      }
      i = end + 1;
    } else if (c === 0x7b /* { */) {
      // Stryker disable next-line ArrayDeclaration,StringLiteral: `key` is set before it is read (a value follows its key); Stryker's stand-in entry in `keys` would only tell in an input with that very key
      stack.push({ array: false, keys: [], key: '', expectKey: true });
      i++;
    } else if (c === 0x5b /* [ */) {
      stack.push({ array: true, index: 0 });
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      i++;
    } else if (c === 0x2c /* , */) {
      // Valid JSON has a comma only inside an array or an object.
      const top = stack[stack.length - 1] as Frame;
      if (top.array) top.index++;
      else top.expectKey = true;
      i++;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      let fractional = false;
      // Stryker disable next-line EqualityOperator: past the end charCodeAt is NaN, which ends the number (the mark also covers `>=`, which the literal tests kill)
      for (; end < n; end++) {
        const d = text.charCodeAt(end);
        if (d === 0x2e || d === 0x65 || d === 0x45) fractional = true;
        else if (!(d >= 0x30 && d <= 0x39) && d !== 0x2b && d !== 0x2d) break;
      }
      if (fractional) literals.push({ path: pathOf(stack), text: text.slice(i, end) });
      i = end;
    } else {
      i++; // whitespace, ':', and the letters of true, false and null
    }
  }
  return { literals, duplicateKeys };
}

const SHORT_OBJECT = 32;

/** Whether an object already has `key`; if not, it is added. */
function seen(frame: ObjectFrame, key: string): boolean {
  const { keys } = frame;
  if (keys instanceof Set) {
    if (keys.has(key)) return true;
    keys.add(key);
    return false;
  }
  if (keys.includes(key)) return true;
  keys.push(key);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: when a list becomes a set changes the speed, never the answer
  if (keys.length > SHORT_OBJECT) frame.keys = new Set(keys);
  return false;
}

/** The index of the quote that closes the string opening at `start`. */
function closingQuote(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    if (end === -1) return text.length; // not valid JSON: JSON.parse has already said so
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

function pathOf(stack: readonly Frame[]): (string | number)[] {
  return stack.map((frame) => (frame.array ? frame.index : frame.key));
}
