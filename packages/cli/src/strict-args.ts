/**
 * The command line, checked before a command runs. citty (like `node:util` `parseArgs`
 * with `strict: false`, which it uses) ignores options it does not know, so
 * `export … --dayrule night` would bill with the default day rule: here every token is
 * matched against the command's options first, and anything else is a usage error that
 * names the token and, when one is close, the option that was probably meant.
 */
import { UsageError } from './usage-error.js';

/**
 * Node decodes the command line as UTF-8 and turns bytes that are not UTF-8 into U+FFFD,
 * so `--out $'\xff'` would silently name another folder: refused instead.
 */
const REPLACEMENT = '\uFFFD';

/** What this check needs of a citty argument definition. */
export interface ArgSpec {
  readonly type?: string;
}

/**
 * Throws a {@link UsageError} for the first token of `rawArgs` that is not an option of
 * `args` (written `--name value`, `--name=value`, `--flag` or `--no-flag`): an unknown
 * option, a stray positional argument, an option given twice, a string option without
 * a value, a flag given a value. A command that declares positional arguments (`verify
 * DIR`) takes that many bare values (or any after `--`), no more.
 *
 * @example checkArgs({ 'day-rule': { type: 'string' } }, ['--dayrule', 'night'])
 * // throws "unknown option --dayrule; did you mean --day-rule?"
 */
export function checkArgs(
  args: Readonly<Record<string, ArgSpec>>,
  rawArgs: readonly string[],
): void {
  const names = Object.keys(args).filter((name) => args[name]?.type !== 'positional');
  const positionals = Object.keys(args).length - names.length;
  let bare = 0;
  const takeBare = (value: string) => {
    if (value.includes(REPLACEMENT)) throw notUtf8(`the argument "${value}"`);
    bare += 1;
    if (bare > positionals)
      throw new UsageError(
        positionals === 0
          ? `unexpected argument "${value}": every value follows its option (such as --data DIR)`
          : `unexpected argument "${value}": this command takes ${positionals} value${positionals === 1 ? '' : 's'} without an option name`,
      );
  };
  const seen = new Set<string>();
  for (let i = 0; i < rawArgs.length; i++) {
    const token = rawArgs[i] as string;
    if (token === '--') {
      for (const value of rawArgs.slice(i + 1)) takeBare(value);
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      takeBare(token);
      continue;
    }
    if (!token.startsWith('--')) throw unknown(token, names);
    const equals = token.indexOf('=');
    const name = token.slice(2, equals === -1 ? undefined : equals);
    const inline = equals === -1 ? undefined : token.slice(equals + 1);
    const negated = name.startsWith('no-') && args[name.slice(3)]?.type === 'boolean';
    const key = negated ? name.slice(3) : name;
    const spec = Object.hasOwn(args, key) && names.includes(key) ? args[key] : undefined;
    if (spec === undefined) throw unknown(`--${name}`, names);
    if (seen.has(key)) throw new UsageError(`--${key} is given more than once; give it once`);
    seen.add(key);
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} is a switch and takes no value`);
      continue;
    }
    const value = inline ?? rawArgs[i + 1];
    if (
      value === undefined ||
      (inline === undefined && value.startsWith('--') && value.length > 2)
    ) {
      throw new UsageError(`--${name} needs a value`);
    }
    if (value.includes(REPLACEMENT)) throw notUtf8(`--${name}`);
    if (inline === undefined) i += 1;
  }
}

function notUtf8(option: string): UsageError {
  return new UsageError(
    `${option} holds bytes that are not UTF-8 text (shown as \uFFFD): carebill cannot name that path exactly; rename it with UTF-8 characters`,
  );
}

function unknown(token: string, names: readonly string[]): UsageError {
  const bare = token.replace(/^-+/, '').replace(/=.*$/, '');
  const suggestion = closest(bare, names);
  const options = names.map((n) => `--${n}`).join(', ');
  return new UsageError(
    suggestion === undefined
      ? `unknown option ${token}; the options are ${options}`
      : `unknown option ${token}; did you mean --${suggestion}?`,
  );
}

/**
 * The candidate nearest to `word` by edit distance, when it is near enough to be a likely
 * slip (at most 2 edits, or a third of the word's length); undefined otherwise.
 *
 * @example closest('dayrule', ['day-rule', 'due-days']) === 'day-rule'; closest('sned', ['send']) === 'send'
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`: the
 * optimal string alignment distance. A swap counts once, so `sned` is 1 from `send`.
 *
 * @example editDistance('sned', 'send') === 1; editDistance('dayrule', 'day-rule') === 1
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = Array.from({ length: rows * cols }, (_, k) =>
    k < cols ? k : k % cols === 0 ? k / cols : 0,
  );
  const at = (i: number, j: number) => d[i * cols + j] as number;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = value;
    }
  }
  return at(rows - 1, cols - 1);
}
