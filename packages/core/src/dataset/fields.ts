/**
 * Value readers for one record: money, dates, timestamps, flags, text, enums and
 * references. Each reads an own property only, returns a trusted value (or a fallback),
 * and records a problem — with field, shortened value and a sentence naming the fix —
 * when the value is wrong. Mappers ask `hasErrors` at the end.
 */
import { type Day, formatDay, isValidYmd, parseDay } from '../calendar/day.js';
import { formatPounds } from '../money/format.js';
import {
  FIRST_DATE,
  FIRST_DAY,
  LAST_DATE,
  LAST_DAY,
  MAX_ID_LENGTH,
  MAX_LIST_ITEMS,
  MAX_LONG_TEXT_LENGTH,
  MAX_TEXT_LENGTH,
} from './limits.js';
import type { ResourceName } from './model.js';
import type { RawRecord, SourceNotes } from './pages.js';
import { describeType, isJsonObject, PLAIN_SOURCE } from './pages.js';
import type { Problem, ProblemCode } from './problems.js';
import { shortenValue } from './problems.js';
import { isKnownReference, type KnownIds, unknownReferenceMessage } from './references.js';
import { findInvalidChar, startsLikeFormula } from './text-checks.js';

const DIGITS = /^-?\d+$/;
/** Timestamps carebill reads but never computes with (only `cancelled` changes anything). */
const UNREAD_TIMESTAMPS: ReadonlySet<string> = new Set(['created', 'modified']);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?$/;

/**
 * Money as integer pence: a safe integer, or a string of ASCII digits with an optional
 * leading `-` naming one (leading zeros included). Anything else is undefined. Never guesses
 * a ×100.
 *
 * @example parseMoney(138554) === 138554; parseMoney('138554') === 138554;
 * parseMoney('1385.54') === undefined; parseMoney(1385.54) === undefined
 */
export function parseMoney(value: unknown): number | undefined {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && DIGITS.test(value)) n = Number(value);
  else return undefined;
  if (!Number.isSafeInteger(n)) return undefined;
  return n === 0 ? 0 : n; // no -0
}

/**
 * Whether text is a CareHQ timestamp: `YYYY-MM-DD HH:MM:SS` or a bare date, both real.
 *
 * @example isTimestamp('2024-11-01 16:03:23') === true; isTimestamp('2024-11-01T16:03') === false
 */
export function isTimestamp(text: string): boolean {
  // test() builds no match array, and the parts sit at fixed places: no string is made
  // for the ~600,000 timestamps of a group (docs/performance.md).
  if (!TIMESTAMP.test(text)) return false;
  if (!isValidYmd(digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2))) return false;
  if (text.length === 10) return true;
  return digitsAt(text, 11, 2) < 24 && digitsAt(text, 14, 2) < 60 && digitsAt(text, 17, 2) < 60;
}

/** The number the ASCII digits at `start` spell (the caller has matched them as digits). */
function digitsAt(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + text.charCodeAt(i) - 0x30;
  return n;
}

/** A suggestion for a money value that looks like pounds, without ever applying it. */
function moneyHint(value: unknown, literal: string | undefined): string {
  // Stryker disable next-line StringLiteral: any text that is not pounds gets the general example
  const given = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  const text = literal ?? given;
  // At most 13 whole digits and 2 decimals: always a safe integer of pence.
  const pounds = /^(-?\d{1,13})\.(\d{1,2})$/.exec(text.trim());
  if (pounds === null) return 'such as 138554 for £1,385.54';
  const p = Number(`${pounds[1]}${pounds[2]?.padEnd(2, '0')}`);
  return `such as ${p} for ${formatPounds(p)}`;
}

export interface ReadOptions {
  /** Missing or null is a MISSING_FIELD record error. */
  readonly required?: boolean;
}

export interface TextOptions {
  /** The text reaches outputs: warn when it starts like a spreadsheet formula. */
  readonly output?: boolean;
  /** Long text (instructions, descriptions): {@link MAX_LONG_TEXT_LENGTH}, not {@link MAX_TEXT_LENGTH}. */
  readonly long?: boolean;
}

export interface MoneyOptions extends ReadOptions {
  /** The largest amount accepted, either sign (docs/input.md "Limits"). */
  readonly maxPence?: number;
  /** What the limit is of, for the message: "a weekly rate". */
  readonly limitOf?: string;
}

/** Where a reader sits in its record, and what it shares with the record's other readers. */
export interface ReaderContext {
  /** The dotted name of a nested hash, with a trailing dot (`postal_address.`). */
  readonly prefix?: string;
  readonly problems?: Problem[];
  /** How the record was written (`pages.ts`): literals and keys given twice. */
  readonly source?: SourceNotes;
}

/**
 * Reads the fields of one record, collecting its problems.
 *
 * @example const r = new FieldReader('bookings', 'b1', { rate: '1385.54' }); r.money('rate'); r.hasErrors === true
 */
export class FieldReader {
  readonly problems: Problem[];
  private readonly prefix: string;
  private source: SourceNotes;
  /** The fields still readable once {@link FieldReader.release} has let the rest go. */
  private kept: ReadonlySet<string> | null = null;

  constructor(
    readonly resource: ResourceName,
    readonly id: string,
    private raw: RawRecord,
    context: ReaderContext = {},
  ) {
    this.prefix = context.prefix ?? '';
    this.problems = context.problems ?? [];
    this.source = context.source ?? PLAIN_SOURCE;
  }

  /** True once any record error was found in this record (or its nested readers). */
  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'record');
  }

  /** The raw value of an own property, or undefined. */
  value(field: string): unknown {
    if (this.kept !== null && !this.kept.has(field))
      throw new Error(`internal: ${this.resource} field ${field} was released after mapping`);
    return Object.hasOwn(this.raw, field) ? this.raw[field] : undefined;
  }

  /**
   * Lets the parsed record go once it is mapped, keeping only `fields` (what the checks
   * across records and the parking read later), so the loader does not hold every file's
   * parsed JSON beside the model it built (docs/performance.md). Reading any other field
   * afterwards is a fault in carebill and throws.
   *
   * @example reader.release(new Set(['service_user'])); reader.value('service_user')
   */
  release(fields: ReadonlySet<string>): void {
    const kept: Record<string, unknown> = {};
    for (const field of fields) if (Object.hasOwn(this.raw, field)) kept[field] = this.raw[field];
    this.raw = kept;
    this.kept = fields;
    this.source = PLAIN_SOURCE;
  }

  /** Whether the field holds something other than missing or null. */
  isSet(field: string): boolean {
    const value = this.value(field);
    return value !== undefined && value !== null;
  }

  /** The dotted name of a field, for problems. */
  name(field: string): string {
    return this.prefix + field;
  }

  /** How a number in this field was written, when that was with a fraction or exponent. */
  private literalOf(field: string): string | undefined {
    return this.source.literals.get(this.name(field));
  }

  /** Records a record error on a field. */
  error(code: ProblemCode, field: string, value: unknown, message: string): void {
    this.problems.push(this.problem('record', code, field, value, message));
  }

  /** Records a warning on a field. */
  warn(code: ProblemCode, field: string, value: unknown, message: string): void {
    this.problems.push(this.problem('warning', code, field, value, message));
  }

  private problem(
    severity: 'record' | 'warning',
    code: ProblemCode,
    field: string,
    value: unknown,
    message: string,
  ): Problem {
    const literal = this.literalOf(field);
    return {
      severity,
      code,
      resource: this.resource,
      id: this.id,
      field: field === '' ? this.prefix.replace(/\.$/, '') : this.name(field),
      value: literal ?? shortenValue(value),
      message,
    };
  }

  private missing(field: string, what: string): void {
    this.error(
      'MISSING_FIELD',
      field,
      this.value(field),
      `${this.name(field)} is required: set ${what}`,
    );
  }

  /** A nested hash (such as `postal_address`): a reader sharing this record's problems. */
  nested(field: string): FieldReader | null {
    const value = this.value(field);
    if (value === undefined || value === null) return null;
    if (!isJsonObject(value)) {
      this.error(
        'BAD_VALUE',
        field,
        value,
        `${this.name(field)} must be a hash of fields or null; found ${describeType(value)}`,
      );
      return null;
    }
    return new FieldReader(this.resource, this.id, value, {
      prefix: `${this.name(field)}.`,
      problems: this.problems,
      source: this.source,
    });
  }

  /** Text; null or missing is ''. Warns on unwritable characters and, for output text, formula starts. */
  text(field: string, options: TextOptions = {}): string {
    const value = this.value(field);
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') {
      this.error(
        'BAD_VALUE',
        field,
        value,
        `${this.name(field)} must be text or null; found ${describeType(value)}`,
      );
      return '';
    }
    this.checkText(field, value, options);
    return value;
  }

  private checkText(field: string, value: string, options: TextOptions): void {
    const max = options.long ? MAX_LONG_TEXT_LENGTH : MAX_TEXT_LENGTH;
    if (value.length > max) {
      this.error(
        'TEXT_TOO_LONG',
        field,
        value,
        `${this.name(field)} is ${value.length.toLocaleString('en-GB')} characters long; carebill takes at most ${max.toLocaleString('en-GB')} here, so shorten it in CareHQ`,
      );
      return;
    }
    const bad = findInvalidChar(value);
    if (bad !== undefined) {
      this.warn(
        'INVALID_TEXT',
        field,
        value,
        `${this.name(field)} contains the character ${bad}, which workbooks and PDFs cannot hold; remove it in CareHQ`,
      );
    }
    if (options.output && startsLikeFormula(value)) {
      this.warn(
        'FORMULA_TEXT',
        field,
        value,
        `${this.name(field)} starts with "${escapeStart(value)}", which a spreadsheet would run as a formula; it is written as text in exports, but correct it in CareHQ if it is a typing mistake`,
      );
    }
  }

  /** A list of text (such as `email_invoices_to`); null or missing is empty. */
  textList(field: string, options: TextOptions = {}): string[] {
    const value = this.value(field);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.error(
        'BAD_VALUE',
        field,
        value,
        `${this.name(field)} must be a list of text or null; found ${describeType(value)}`,
      );
      return [];
    }
    if (!this.withinListLimit(field, value)) return [];
    const out: string[] = [];
    value.forEach((item: unknown, i: number) => {
      if (typeof item !== 'string') {
        this.error(
          'BAD_VALUE',
          `${field}.${i}`,
          item,
          `${this.name(field)} item ${i} must be text; found ${describeType(item)}`,
        );
      } else if (item.trim() !== '') {
        this.checkText(`${field}.${i}`, item, options);
        out.push(item.trim());
      }
    });
    return out;
  }

  /** A flag: true, false, or null/missing (false). */
  bool(field: string): boolean {
    const value = this.value(field);
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    this.error(
      'BAD_VALUE',
      field,
      value,
      `${this.name(field)} must be true, false or null; found ${shortenValue(value)}`,
    );
    return false;
  }

  /**
   * Money in pence; null when null or missing (an error when required), or beyond
   * `maxPence` either way (MONEY_OUT_OF_RANGE).
   */
  money(field: string, options: MoneyOptions = {}): number | null {
    const value = this.value(field);
    if (value === undefined || value === null) {
      if (options.required)
        this.missing(field, 'a whole number of pence, such as 138554 for £1,385.54');
      return null;
    }
    const literal = this.literalOf(field);
    const pence = literal === undefined ? parseMoney(value) : undefined;
    if (pence !== undefined) {
      const max = options.maxPence;
      return max === undefined || this.withinMoneyLimit(field, pence, max, options.limitOf)
        ? pence
        : null;
    }
    const found = literal ?? shortenValue(value);
    this.error(
      'BAD_MONEY',
      field,
      value,
      `${this.name(field)} must be a whole number of pence, ${moneyHint(value, literal)}; found ${found}`,
    );
    return null;
  }

  /** A whole number from 0 to `max` (a JS integer or a digit string); null when null or missing. */
  count(field: string, max: number): number | null {
    const value = this.value(field);
    if (value === undefined || value === null) return null;
    const literal = this.literalOf(field);
    const n = literal === undefined ? parseMoney(value) : undefined;
    if (n !== undefined && n >= 0 && n <= max) return n;
    this.error(
      'BAD_VALUE',
      field,
      value,
      `${this.name(field)} must be a whole number of days from 0 to ${max} or null; found ${literal ?? shortenValue(value)}`,
    );
    return null;
  }

  /** A date `YYYY-MM-DD`; null when null or missing (an error when required). */
  date(field: string, options: ReadOptions = {}): Day | null {
    const value = this.value(field);
    if (value === undefined || value === null) {
      if (options.required) this.missing(field, 'a date written YYYY-MM-DD');
      return null;
    }
    const day = typeof value === 'string' ? parseDay(value) : undefined;
    if (day !== undefined && day >= FIRST_DAY && day <= LAST_DAY) return day;
    this.error(
      'BAD_DATE',
      field,
      value,
      day === undefined
        ? `${this.name(field)} must be a real date written YYYY-MM-DD, such as 2024-11-01; found ${shortenValue(value)}`
        : `${this.name(field)} ${value as string} is outside the dates carebill accepts, ${FIRST_DATE} to ${LAST_DATE}; correct the year in CareHQ`,
    );
    return null;
  }

  /**
   * A timestamp: whether it is set. A malformed one counts as set and is an error — but
   * only a warning (`BAD_TIMESTAMP`) for `created` and `modified`, CareHQ's bookkeeping
   * that billing never reads, so it parks nobody.
   */
  timestamp(field: string): boolean {
    const value = this.value(field);
    if (value === undefined || value === null) return false;
    if (typeof value !== 'string' || !isTimestamp(value)) {
      const format = `${this.name(field)} must be a date and time written YYYY-MM-DD HH:MM:SS (or a date YYYY-MM-DD) or null; found ${shortenValue(value)}`;
      if (UNREAD_TIMESTAMPS.has(field)) {
        this.warn(
          'BAD_TIMESTAMP',
          field,
          value,
          `${format}. Billing does not use it, so nothing is parked; correct it in CareHQ`,
        );
      } else {
        this.error('BAD_DATE', field, value, format);
      }
    }
    return true;
  }

  /** One of a fixed set of values, exact case; null when null or missing (or '' if `emptyIsNull`). */
  choice<T extends string>(
    field: string,
    allowed: readonly T[],
    options: ReadOptions & { readonly emptyIsNull?: boolean; readonly code?: ProblemCode } = {},
  ): T | null {
    const value = this.value(field);
    if (value === undefined || value === null || (options.emptyIsNull && value === '')) {
      if (options.required) this.missing(field, `one of ${allowed.join(', ')}`);
      return null;
    }
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
      return value as T;
    }
    this.error(
      options.code ?? 'BAD_VALUE',
      field,
      value,
      `${this.name(field)} must be one of ${allowed.join(', ')} (exactly, in lower case); found ${shortenValue(value)}`,
    );
    return null;
  }

  /** A list of allowed values, or one value on its own; null, missing or '' is empty. */
  choiceList<T extends string>(field: string, allowed: readonly T[]): T[] {
    const value = this.value(field);
    if (value === undefined || value === null || value === '') return [];
    const items: unknown[] = Array.isArray(value) ? value : [value];
    if (!this.withinListLimit(field, items)) return [];
    const out: T[] = [];
    items.forEach((item, i) => {
      if (typeof item === 'string' && (allowed as readonly string[]).includes(item)) {
        if (!out.includes(item as T)) out.push(item as T);
      } else {
        this.error(
          'BAD_VALUE',
          Array.isArray(value) ? `${field}.${i}` : field,
          item,
          `${this.name(field)} may only hold ${allowed.join(', ')}; found ${shortenValue(item)}`,
        );
      }
    });
    return out;
  }

  /** The id of another record; checked against `target` when that file was supplied. */
  ref(
    field: string,
    target: ResourceName,
    known: KnownIds,
    options: ReadOptions & { readonly what?: string } = {},
  ): string | null {
    const value = this.value(field);
    if (value === undefined || value === null || value === '') {
      if (options.required) this.missing(field, options.what ?? `the _id of a ${target} record`);
      return null;
    }
    if (typeof value !== 'string') {
      this.error(
        'BAD_VALUE',
        field,
        value,
        `${this.name(field)} must be the _id of a record in ${target}.json (text); found ${describeType(value)}`,
      );
      return null;
    }
    if (!this.withinIdLimit(field, value)) return null;
    if (!isKnownReference(known, target, value)) {
      this.error(
        'UNKNOWN_REFERENCE',
        field,
        value,
        unknownReferenceMessage(this.name(field), target, value),
      );
    }
    return value;
  }

  /** A list of ids of other records (such as `contributes_to`); null or missing is empty. */
  refList(field: string, target: ResourceName, known: KnownIds): string[] {
    const value = this.value(field);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.error(
        'BAD_VALUE',
        field,
        value,
        `${this.name(field)} must be a list of _ids from ${target}.json or null; found ${describeType(value)}`,
      );
      return [];
    }
    if (!this.withinListLimit(field, value)) return [];
    const out = new Set<string>();
    value.forEach((item: unknown, i: number) => {
      const name = `${field}.${i}`;
      if (typeof item === 'string' && !this.withinIdLimit(name, item)) return;
      if (typeof item !== 'string' || item === '') {
        this.error(
          'BAD_VALUE',
          name,
          item,
          `${this.name(name)} must be the _id of a record in ${target}.json; found ${shortenValue(item)}`,
        );
      } else {
        if (!isKnownReference(known, target, item)) {
          this.error(
            'UNKNOWN_REFERENCE',
            name,
            item,
            unknownReferenceMessage(this.name(name), target, item),
          );
        }
        out.add(item);
      }
    });
    return [...out];
  }

  /**
   * A DUPLICATE_KEY error for each key the record gives more than once: JSON keeps only
   * the last value, so what CareHQ meant is unknown.
   */
  checkDuplicateKeys(): void {
    const counts = new Map<string, number>();
    for (const field of this.source.duplicateKeys) counts.set(field, (counts.get(field) ?? 1) + 1);
    for (const [field, count] of counts) {
      const shown = shortenValue(field);
      // A key can be any text: a field name is cut like a value, to stay printable.
      const name = field.length > MAX_ID_LENGTH ? `${field.slice(0, MAX_ID_LENGTH - 1)}…` : field;
      this.error(
        'DUPLICATE_KEY',
        name,
        field.includes('.') ? field : this.value(field),
        `the key ${shown} is given ${count} times in this record; a JSON reader keeps only the last, so remove all but the right one`,
      );
    }
  }

  /** Whether an amount is within ±`maxPence`; a MONEY_OUT_OF_RANGE error when not. */
  withinMoneyLimit(field: string, pence: number, maxPence: number, limitOf = 'amount'): boolean {
    if (Math.abs(pence) <= maxPence) return true;
    this.error(
      'MONEY_OUT_OF_RANGE',
      field,
      this.value(field),
      `${this.name(field)} is ${pence} pence (${formatPounds(pence)}), beyond the largest ${limitOf} carebill accepts, ${formatPounds(maxPence)} (${maxPence} pence) either way; money is in pence (138554 for £1,385.54): correct it in CareHQ`,
    );
    return false;
  }

  /** Whether an id is within {@link MAX_ID_LENGTH}; a TEXT_TOO_LONG error when not. */
  withinIdLimit(field: string, id: string): boolean {
    if (id.length <= MAX_ID_LENGTH) return true;
    this.error(
      'TEXT_TOO_LONG',
      field,
      id,
      `${this.name(field)} is an id of ${id.length.toLocaleString('en-GB')} characters; carebill takes ids of at most ${MAX_ID_LENGTH} (CareHQ's have 24): export the record again`,
    );
    return false;
  }

  private withinListLimit(field: string, items: readonly unknown[]): boolean {
    if (items.length <= MAX_LIST_ITEMS) return true;
    this.error(
      'LIST_TOO_LONG',
      field,
      items,
      `${this.name(field)} lists ${items.length.toLocaleString('en-GB')} items; carebill takes at most ${MAX_LIST_ITEMS}, so remove the extra ones in CareHQ`,
    );
    return false;
  }

  /** `end_date` (or another end) before the start: an END_BEFORE_START error. */
  checkNotBefore(field: string, end: Day | null, startField: string, start: Day | null): void {
    if (end === null || start === null || end >= start) return;
    this.error(
      'END_BEFORE_START',
      field,
      formatDay(end),
      `${this.name(field)} ${formatDay(end)} is before ${this.name(startField)} ${formatDay(start)}; correct one of the dates (the end is the last day, included)`,
    );
  }
}

function escapeStart(text: string): string {
  const first = text.charAt(0);
  return first === '\t' ? '\\t' : first === '\r' ? '\\r' : first;
}
