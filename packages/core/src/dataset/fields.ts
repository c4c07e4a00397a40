/**
 * Value readers for one record: money, dates, timestamps, flags, text, enums and
 * references. Each reads an own property only, returns a trusted value (or a fallback),
 * and records a problem — with field, shortened value and a sentence naming the fix —
 * when the value is wrong. Mappers ask `hasErrors` at the end.
 */
import { type Day, formatDay, parseDay } from '../calendar/day.js';
import { formatPounds } from '../money/format.js';
import { markedLiteral } from './literals.js';
import type { ResourceName } from './model.js';
import type { RawRecord } from './pages.js';
import { describeType, isJsonObject } from './pages.js';
import type { Problem, ProblemCode } from './problems.js';
import { shortenValue } from './problems.js';
import { isKnownReference, type KnownIds, unknownReferenceMessage } from './references.js';
import { findInvalidChar, startsLikeFormula } from './text-checks.js';

const DIGITS = /^-?\d+$/;
/** Timestamps carebill reads but never computes with (only `cancelled` changes anything). */
const UNREAD_TIMESTAMPS: ReadonlySet<string> = new Set(['created', 'modified']);
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

/**
 * Money as integer pence: a safe integer, or a string of ASCII digits with an optional
 * leading `-` naming one. Anything else is undefined. Never guesses a ×100.
 *
 * @example parseMoney(138554) === 138554; parseMoney('138554') === 138554;
 * parseMoney('1385.54') === undefined; parseMoney(1385.54) === undefined
 */
export function parseMoney(value: unknown): number | undefined {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && value.length <= 20 && DIGITS.test(value)) n = Number(value);
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
  const match = TIMESTAMP.exec(text);
  if (!match || parseDay(match[1] ?? '') === undefined) return false;
  if (match[2] === undefined) return true;
  return Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
}

/** A suggestion for a money value that looks like pounds, without ever applying it. */
function moneyHint(value: unknown, literal: string | undefined): string {
  const text =
    literal ?? (typeof value === 'number' || typeof value === 'string' ? String(value) : '');
  const pounds = /^(-?)(\d{1,13})\.(\d{1,2})$/.exec(text.trim());
  if (pounds) {
    const p = Number(`${pounds[1]}${pounds[2]}${(pounds[3] ?? '').padEnd(2, '0')}`);
    if (Number.isSafeInteger(p)) return `such as ${p} for ${formatPounds(p)}`;
  }
  return 'such as 138554 for £1,385.54';
}

export interface ReadOptions {
  /** Missing or null is a MISSING_FIELD record error. */
  readonly required?: boolean;
}

export interface TextOptions {
  /** The text reaches outputs: warn when it starts like a spreadsheet formula. */
  readonly output?: boolean;
}

/**
 * Reads the fields of one record, collecting its problems.
 *
 * @example const r = new FieldReader('bookings', 'b1', { rate: '1385.54' }); r.money('rate'); r.hasErrors === true
 */
export class FieldReader {
  readonly problems: Problem[];

  constructor(
    readonly resource: ResourceName,
    readonly id: string,
    private readonly raw: RawRecord,
    private readonly prefix = '',
    problems?: Problem[],
  ) {
    this.problems = problems ?? [];
  }

  /** True once any record error was found in this record (or its nested readers). */
  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'record');
  }

  /** The raw value of an own property, or undefined. */
  value(field: string): unknown {
    return Object.hasOwn(this.raw, field) ? this.raw[field] : undefined;
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
    const literal = markedLiteral(value);
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
    return new FieldReader(this.resource, this.id, value, `${this.name(field)}.`, this.problems);
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

  /** Money in pence; null when null or missing (an error when required). */
  money(field: string, options: ReadOptions = {}): number | null {
    const value = this.value(field);
    if (value === undefined || value === null) {
      if (options.required)
        this.missing(field, 'a whole number of pence, such as 138554 for £1,385.54');
      return null;
    }
    const pence = parseMoney(value);
    if (pence !== undefined) return pence;
    const literal = markedLiteral(value);
    const found = literal ?? shortenValue(value);
    this.error(
      'BAD_MONEY',
      field,
      value,
      `${this.name(field)} must be a whole number of pence, ${moneyHint(value, literal)}; found ${found}`,
    );
    return null;
  }

  /** A whole number ≥ 0 (a JS integer or a digit string); null when null or missing. */
  count(field: string): number | null {
    const value = this.value(field);
    if (value === undefined || value === null) return null;
    const n = parseMoney(value);
    if (n !== undefined && n >= 0) return n;
    this.error(
      'BAD_VALUE',
      field,
      value,
      `${this.name(field)} must be a whole number of days (0 or more) or null; found ${markedLiteral(value) ?? shortenValue(value)}`,
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
    if (day !== undefined) return day;
    this.error(
      'BAD_DATE',
      field,
      value,
      `${this.name(field)} must be a real date written YYYY-MM-DD, such as 2024-11-01; found ${shortenValue(value)}`,
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
    const out = new Set<string>();
    value.forEach((item: unknown, i: number) => {
      const name = `${field}.${i}`;
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
