/**
 * The text encodings an export can be written in, and how text becomes bytes.
 *
 * Sage 50 Accounts (UK) is a Windows program that reads an import CSV in the Windows "ANSI"
 * code page, Windows-1252: UTF-8 bytes for "£" arrive as "Â£". Windows-1252 holds "£", "€"
 * and the accented letters of French, German, Irish, Spanish and Welsh â ê î ô û, but not
 * every letter a name may carry: Welsh ŵ and ŷ, Polish Ł, Romanian ș, Czech č… Such a
 * character is transliterated (ŵ → w, Ł → L, by Unicode decomposition and a short table)
 * and the caller is told, so a person can check the record. A character with no Latin
 * equivalent (Greek, Cyrillic, CJK, emoji) becomes "?".
 *
 * Bytes come from iconv-lite's Windows-1252 codec (a well-kept, widely used library), not
 * from a table of our own; Node's `latin1` is ISO-8859-1, which has no "€", "–", "‘" or "’".
 */
import iconv from 'iconv-lite';

/** The encodings `carebill export --encoding` accepts. */
export const EXPORT_ENCODINGS = ['windows-1252', 'utf-8'] as const;
export type ExportEncoding = (typeof EXPORT_ENCODINGS)[number];

/** Whether a string names an export encoding. @example isExportEncoding('utf-8') === true */
export function isExportEncoding(value: string): value is ExportEncoding {
  return (EXPORT_ENCODINGS as readonly string[]).includes(value);
}

/**
 * Characters that Unicode decomposition does not take to a Windows-1252 character, each to
 * one character or to nothing. Letters with a stroke or bar (Ł, Đ, Ħ, Ŧ), dotless i, the
 * schwa, dashes and primes outside the code page, and invisible characters.
 */
const FALLBACKS: ReadonlyMap<string, string> = new Map([
  ['Ł', 'L'],
  ['ł', 'l'],
  ['Đ', 'D'],
  ['đ', 'd'],
  ['Ħ', 'H'],
  ['ħ', 'h'],
  ['Ŧ', 'T'],
  ['ŧ', 't'],
  ['ı', 'i'],
  ['Ŀ', 'L'],
  ['ŀ', 'l'],
  ['Ə', 'E'],
  ['ə', 'e'],
  ['Ɖ', 'D'],
  ['ɖ', 'd'],
  ['Ŋ', 'N'],
  ['ŋ', 'n'],
  ['ĸ', 'k'],
  ['\u2010', '-'], // hyphen
  ['\u2011', '-'], // non-breaking hyphen
  ['\u2012', '-'], // figure dash
  ['\u2015', '—'], // horizontal bar
  ['\u2212', '-'], // minus sign
  ['\u2032', "'"], // prime
  ['\u2033', '"'], // double prime
  ['\u2044', '/'], // fraction slash
  ['\u200B', ''], // zero-width space
  ['\u200C', ''], // zero-width non-joiner
  ['\u200D', ''], // zero-width joiner
  ['\u2060', ''], // word joiner
  ['\uFEFF', ''], // zero-width no-break space (a stray byte order mark)
]);

const ASCII_ONLY = /^\p{ASCII}*$/u;
/** A base character with the combining marks after it, or a run of marks with no base. */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;
const MARKS = /\p{M}/gu;

const encodable = new Map<string, boolean>();

/**
 * Whether one character is in Windows-1252 (as iconv-lite's codec maps it).
 *
 * @example isWindows1252('£') === true; isWindows1252('€') === true; isWindows1252('ŵ') === false
 */
export function isWindows1252(char: string): boolean {
  if (char.length === 1 && char.charCodeAt(0) < 0x80) return true;
  let known = encodable.get(char);
  if (known === undefined) {
    // The codec writes "?" for a character it cannot hold, and maps its unused bytes to
    // U+FFFD: a character is in the code page when it comes back from a round trip.
    known =
      char !== '\uFFFD' &&
      [...char].length === 1 &&
      iconv.decode(iconv.encode(char, 'windows-1252'), 'windows-1252') === char;
    encodable.set(char, known);
  }
  return known;
}

/** A text made fit for Windows-1252, and each change made (original → replacement). */
export interface Transliterated {
  readonly text: string;
  readonly changes: readonly { readonly from: string; readonly to: string }[];
}

/**
 * Replaces every character Windows-1252 cannot hold: a letter by its base letter (ŵ → w,
 * Ș → S, by Unicode decomposition), a few by a table (Ł → L, ı → i, − → -), invisible ones
 * by nothing, anything else by "?". A letter and its combining accent that compose to a
 * Windows-1252 letter (e + U+0301) become that letter (é). The result is never longer than
 * the input, counted in characters, so a field within its length limit stays within it.
 *
 * @example transliterateToWindows1252('Ŵyn Łukasz £5').text === 'Wyn Lukasz £5'
 */
export function transliterateToWindows1252(text: string): Transliterated {
  if (ASCII_ONLY.test(text)) return { text, changes: [] };
  let out = '';
  const changes: { from: string; to: string }[] = [];
  const seen = new Set<string>();
  for (const cluster of text.match(CLUSTER) ?? []) {
    const composed = cluster.normalize('NFC');
    if (isWindows1252(composed)) {
      out += composed;
      continue;
    }
    const to = replacementOf(composed);
    out += to;
    if (!seen.has(cluster)) {
      seen.add(cluster);
      changes.push({ from: cluster, to });
    }
  }
  return { text: out, changes };
}

/** One Windows-1252 character (or nothing) standing for a cluster the code page lacks. */
function replacementOf(cluster: string): string {
  const base = [...cluster][0] ?? '';
  const fallback = FALLBACKS.get(cluster) ?? FALLBACKS.get(base);
  if (fallback !== undefined) return fallback;
  const stripped = cluster.normalize('NFKD').replace(MARKS, '');
  if (stripped === '') return ''; // combining marks alone
  if ([...stripped].length === 1 && isWindows1252(stripped)) return stripped;
  // The base letter may be in the code page though its accent is not (q̂ → q).
  if (isWindows1252(base)) return base;
  return '?';
}

/**
 * The bytes of a text in an export encoding. Windows-1252 text must already be
 * transliterated ({@link transliterateToWindows1252}); a character the code page cannot hold
 * is a bug in the caller and throws rather than being written as "?" unannounced.
 *
 * @example encodeText('£5', 'windows-1252') // Uint8Array [0xA3, 0x35]
 */
export function encodeText(text: string, encoding: ExportEncoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  const bytes = iconv.encode(text, 'windows-1252');
  if (iconv.decode(bytes, 'windows-1252') !== text) {
    throw new Error('text holds characters Windows-1252 cannot hold; transliterate it first');
  }
  return new Uint8Array(bytes);
}
