/**
 * Option checks shared by every public function: each returns the trusted value or throws
 * a {@link CarebillError} naming the option, what it must be and what it was. The messages
 * are written here, once, so they read the same everywhere.
 */
import { CarebillError } from './carebill-error.js';
import { didYouMean } from './did-you-mean.js';

/**
 * An option's value as a message quotes it: numbers as written (NaN, -30), text in quotes,
 * anything else by its JSON or its type, at most 60 characters.
 *
 * @example found(-30) === '-30'; found('') === '""'; found(undefined) === 'nothing'
 */
export function found(value: unknown): string {
  let text: string;
  if (value === undefined) return 'nothing';
  // Numbers by String: JSON would write NaN and Infinity as null.
  if (typeof value === 'number') text = String(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'function' || typeof value === 'symbol') text = `a ${typeof value}`;
  else {
    // Text (quoted), true and false, null, lists and objects: their JSON.
    try {
      text = JSON.stringify(value) ?? typeof value;
    } catch {
      text = Array.isArray(value) ? 'an array' : 'an object';
    }
  }
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** Whether a value is a plain object (not null, not an array). */
export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The options object of a call: an object whose every key is known. A misspelt key would
 * otherwise be silently ignored (`montly52: true` billing as if it were false), so it is
 * refused with the closest known name. Keys whose value is `undefined` count as absent.
 *
 * @example checkOptionKeys('options', { period, duedays: 30 }, ['period', 'dueDays'])
 * // throws INVALID_OPTION: options has an unknown key "duedays". Did you mean "dueDays"? …
 */
export function checkOptionKeys(
  option: string,
  value: unknown,
  known: readonly string[],
  retired: Readonly<Record<string, string>> = {},
): Readonly<Record<string, unknown>> {
  if (!isObject(value)) {
    throw new CarebillError(
      'INVALID_OPTION',
      `${option} must be an object of options; found ${found(value)}`,
      { option },
    );
  }
  for (const key of Object.keys(value)) {
    if (known.includes(key) || value[key] === undefined) continue;
    const why = Object.hasOwn(retired, key)
      ? ` ${retired[key]}`
      : `${didYouMean(key, known)} The options are ${known.join(', ')}.`;
    throw new CarebillError('INVALID_OPTION', `${option} has an unknown key "${key}".${why}`, {
      option: `${option}.${key}`,
    });
  }
  return value;
}

/**
 * A whole number from `min` to `max`: INVALID_OPTION when not a whole number (NaN, 1.5,
 * "14"), OUT_OF_RANGE when outside the range.
 *
 * @example checkInteger('dueDays', 14, { min: 0, max: 365, unit: 'days' }) === 14
 */
export function checkInteger(
  option: string,
  value: unknown,
  range: { readonly min: number; readonly max: number; readonly unit?: string },
): number {
  const unit = range.unit === undefined ? '' : ` (${range.unit})`;
  const rule = `${option} must be a whole number from ${range.min} to ${range.max}${unit}; found ${found(value)}`;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new CarebillError('INVALID_OPTION', rule, { option });
  }
  if (value < range.min || value > range.max) {
    throw new CarebillError('OUT_OF_RANGE', rule, { option });
  }
  return value;
}

/**
 * One of a fixed list of values, exactly.
 *
 * @example checkChoice('dayRule', 'night', ['day', 'night']) === 'night'
 */
export function checkChoice<T extends string>(
  option: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
  throw new CarebillError(
    'INVALID_OPTION',
    `${option} must be one of ${allowed.join(', ')}; found ${found(value)}${hint === '' ? '' : `.${hint}`}`,
    { option },
  );
}

/**
 * `true` or `false`.
 *
 * @example checkBoolean('monthly52', true) === true
 */
export function checkBoolean(option: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  throw new CarebillError(
    'INVALID_OPTION',
    `${option} must be true or false; found ${found(value)}`,
    {
      option,
    },
  );
}

/**
 * Text matching a pattern; `rule` says in words what the pattern allows.
 *
 * @example checkText('prefix', 'INV', /^[A-Z]+$/, 'capital letters') === 'INV'
 */
export function checkText(option: string, value: unknown, pattern: RegExp, rule: string): string {
  if (typeof value === 'string' && pattern.test(value)) return value;
  throw new CarebillError('INVALID_OPTION', `${option} must be ${rule}; found ${found(value)}`, {
    option,
  });
}
