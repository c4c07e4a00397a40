/**
 * What reaches the terminal. Data (ids, names, file paths, option values) can hold control
 * characters and escape sequences — `ESC[2J` clears the screen, a carriage return hides
 * what came before it, a bidi override reorders what is shown — so every message the CLI
 * prints goes through {@link terminalSafe}, which writes them as visible `\u…` escapes.
 * Colours and other escapes of carebill's own are written only to a terminal, and never
 * when `NO_COLOR` is set (https://no-color.org).
 */

/**
 * C0 controls other than tab and newline, DEL, C1 controls, the line and paragraph
 * separators, and the bidi embedding, override and isolate controls.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every control character written as a visible escape (`\u001b`), so nothing
 * from data can move the cursor, recolour or clear the terminal. Newline and tab are kept.
 *
 * @example terminalSafe('id \u001b[2J') === 'id \\u001b[2J'; terminalSafe('a\nb') === 'a\nb'
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Prints to standard output, escaped. @example say('Preview …\n') */
export function say(text: string): void {
  process.stdout.write(terminalSafe(text));
}

/** Prints to standard error, escaped. @example complain('warning …\n') */
export function complain(text: string): void {
  process.stderr.write(terminalSafe(text));
}

/**
 * Whether carebill may colour what it writes to `stream`: a terminal, `NO_COLOR` unset or
 * empty, and `TERM` not `dumb`.
 *
 * @example colourAllowed(process.stderr) // false when stderr is piped to a file
 */
export function colourAllowed(
  stream: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  return stream.isTTY === true && !env['NO_COLOR'] && env['TERM'] !== 'dumb';
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/**
 * `text` without ANSI escape sequences (colours, cursor moves).
 *
 * @example stripAnsi('\u001b[36m--data\u001b[39m') === '--data'
 */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * carebill's own styled text (citty's usage) for `stream`: as it is on a terminal that
 * may be coloured, else without escape sequences.
 *
 * @example styledFor(process.stderr, await renderUsage(command))
 */
export function styledFor(stream: { readonly isTTY?: boolean }, text: string): string {
  return colourAllowed(stream) ? text : stripAnsi(text);
}
