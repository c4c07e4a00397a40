/**
 * What was invoiced (SPEC §10 "What was invoiced"): an issued `preview.json`, already parsed
 * from JSON, read back into an {@link IssuedPreview}; and the checks that the issued periods
 * overlap neither each other nor the period being previewed.
 */
import { type Day, formatDay, parseDay } from '../calendar/day.js';
import type { DayRange } from '../calendar/range.js';
import { rangesOverlap } from '../calendar/range.js';
import type { PayerKind } from '../dataset/model.js';
import { isObject } from '../errors/checks.js';
import type { IssuedLine, IssuedPreview, Preview, PreviewRecordedOptions } from './types.js';

/** An issued preview read back, or every reason it cannot be used. */
export type IssuedPreviewReading =
  | { readonly ok: true; readonly issued: IssuedPreview }
  | { readonly ok: false; readonly problems: readonly string[] };

const PAYER_KINDS: readonly PayerKind[] = [
  'location_contact',
  'service_user_contact',
  'service_user',
];
/** The most problems listed of one file; a file wrong throughout says how many more. */
const MAX_PROBLEMS = 10;
/** Prefixes as the preview options accept them (`invoices/options.ts`). */
const PREFIX = /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/;

/**
 * Reads an issued preview from the parsed value of its `preview.json` (`JSON.parse(text)`):
 * its period, the options it was made with and every invoice line with its key (payer type,
 * payer id, booking, contract, basis), what it adjusts, its days and amount. A value that
 * is not a carebill preview (no `period`, `invoices` and `totals`), one made before
 * previews recorded their `options`, or one with a malformed line gives `ok: false` and
 * its problems (the first ten, then how many more), each naming where in the file it is.
 *
 * @example
 * const reading = readIssuedPreview(JSON.parse(readFileSync('out/2024-10/preview.json', 'utf8')));
 * if (!reading.ok) throw new Error(reading.problems.join('\n'));
 * buildPreview(loaded, { period: monthPeriod(2024, 11), invoiced: [reading.issued] });
 */
export function readIssuedPreview(value: unknown): IssuedPreviewReading {
  if (
    !isObject(value) ||
    !isObject(value['period']) ||
    !Array.isArray(value['invoices']) ||
    !isObject(value['totals'])
  ) {
    return {
      ok: false,
      problems: [
        'is not a carebill preview.json: it needs "period", "invoices" and "totals" (the file `carebill preview` writes)',
      ],
    };
  }
  const problems: string[] = [];
  const period = readRange(value['period'], 'period', problems);
  const options = readOptions(value['options'], problems);
  const lines: IssuedLine[] = [];
  value['invoices'].forEach((invoice: unknown, i: number) => {
    const where = `invoices[${i}]`;
    if (!isObject(invoice)) {
      problems.push(`${where} must be an object`);
      return;
    }
    const payer = invoice['payer'];
    if (!isObject(payer)) {
      problems.push(`${where}.payer must be an object`);
      return;
    }
    const payerKind = choice(payer['type'], PAYER_KINDS, `${where}.payer.type`, problems);
    const payerId = text(payer['id'], `${where}.payer.id`, problems);
    const location = nullableText(invoice['location'], `${where}.location`, problems);
    if (!Array.isArray(invoice['lines'])) {
      problems.push(`${where}.lines must be a list`);
      return;
    }
    invoice['lines'].forEach((line: unknown, j: number) => {
      const at = `${where}.lines[${j}]`;
      if (!isObject(line)) {
        problems.push(`${at} must be an object`);
        return;
      }
      const read = {
        booking: text(line['booking'], `${at}.booking`, problems),
        contract: nullableText(line['contract'], `${at}.contract`, problems),
        basis: choice(line['basis'], ['contract', 'default'] as const, `${at}.basis`, problems),
        serviceUser: nullableText(line['service_user'], `${at}.service_user`, problems),
        adjusts:
          line['adjusts'] === null
            ? null
            : line['adjusts'] === undefined
              ? missing(`${at}.adjusts`, problems)
              : readRange(line['adjusts'], `${at}.adjusts`, problems),
        days: wholeNumber(line['days'], `${at}.days`, problems, 0),
        amountPence: wholeNumber(line['amount_pence'], `${at}.amount_pence`, problems),
      };
      if (
        payerKind === undefined ||
        payerId === undefined ||
        location === undefined ||
        read.booking === undefined ||
        read.contract === undefined ||
        read.basis === undefined ||
        read.serviceUser === undefined ||
        read.adjusts === undefined ||
        read.days === undefined ||
        read.amountPence === undefined
      )
        return;
      lines.push({
        payerKind,
        payer: payerId,
        booking: read.booking,
        contract: read.contract,
        basis: read.basis,
        serviceUser: read.serviceUser,
        location,
        adjusts: read.adjusts,
        days: read.days,
        amountPence: read.amountPence,
      });
    });
  });
  if (period !== undefined) {
    for (const line of lines) {
      if (line.adjusts !== null && line.adjusts.to >= period.from) {
        problems.push(
          `a line of booking ${line.booking} adjusts ${formatRange(line.adjusts)}, which is not before the preview's own period ${formatRange(period)}`,
        );
        break;
      }
    }
  }
  if (problems.length > MAX_PROBLEMS)
    problems.splice(
      MAX_PROBLEMS,
      problems.length,
      `and ${problems.length - MAX_PROBLEMS} more problems like these`,
    );
  if (problems.length > 0 || period === undefined || options === undefined)
    return { ok: false, problems };
  return { ok: true, issued: { period, options, lines } };
}

/**
 * What a preview invoices, as an {@link IssuedPreview}, without writing and reading its
 * `preview.json`: for a program that keeps its issued previews itself. Reading the file
 * back with {@link readIssuedPreview} gives the same.
 *
 * @example
 * const october = buildPreview(loaded, { period: monthPeriod(2024, 10) });
 * buildPreview(loadedNow, { period: monthPeriod(2024, 11), invoiced: [issuedFromPreview(october)] });
 */
export function issuedFromPreview(preview: Preview): IssuedPreview {
  return {
    period: preview.period,
    options: preview.options,
    lines: preview.invoices.flatMap((invoice) =>
      invoice.lines.map(
        (line): IssuedLine => ({
          payerKind: invoice.payer.kind,
          payer: invoice.payer.id,
          booking: line.booking,
          contract: line.contract,
          basis: line.basis,
          serviceUser: line.serviceUser,
          location: invoice.location,
          adjusts: line.adjusts,
          days: line.days,
          amountPence: line.amountPence,
        }),
      ),
    ),
  };
}

/** A problem with the issued previews given together, naming the one at fault by index. */
export interface IssuedPeriodProblem {
  /** Index into the `invoiced` list of the preview at fault. */
  readonly index: number;
  readonly message: string;
}

/**
 * The problems of a set of issued previews for a preview of `period`: an issued period that
 * overlaps the period being previewed, or that overlaps another issued one (the same month
 * given twice, say), or that is after the period being previewed (adjustments go forward,
 * onto a later month's invoices, never back). Empty when they can be used.
 *
 * @example issuedPeriodProblems([october, october], monthPeriod(2024, 11))
 * // [{ index: 1, message: 'its period 2024-10-01 – 2024-10-31 overlaps another issued preview's …' }]
 */
export function issuedPeriodProblems(
  invoiced: readonly IssuedPreview[],
  period: DayRange,
): IssuedPeriodProblem[] {
  const problems: IssuedPeriodProblem[] = [];
  invoiced.forEach((issued, index) => {
    const own = `its period ${formatRange(issued.period)}`;
    if (issued.period.from > period.to) {
      problems.push({
        index,
        message: `${own} is after the period being previewed (${formatRange(period)}): adjustments go onto a later period's invoices`,
      });
      return;
    }
    if (rangesOverlap(issued.period, period)) {
      problems.push({
        index,
        message: `${own} overlaps the period being previewed (${formatRange(period)}): a period already issued is corrected by a later preview, not previewed again`,
      });
      return;
    }
    const other = invoiced.findIndex(
      (earlier, j) => j < index && rangesOverlap(earlier.period, issued.period),
    );
    if (other !== -1) {
      problems.push({
        index,
        message: `${own} overlaps the period of another issued preview (${formatRange(invoiced[other]?.period ?? issued.period)}): give each issued period once`,
      });
      return;
    }
    for (const line of issued.lines) {
      const adjusts = line.adjusts;
      if (adjusts === null) continue;
      const target = invoiced.find((earlier) => rangesOverlap(earlier.period, adjusts));
      if (
        target !== undefined &&
        (target.period.from !== adjusts.from || target.period.to !== adjusts.to)
      ) {
        problems.push({
          index,
          message: `a line of booking ${line.booking} adjusts ${formatRange(adjusts)}, which overlaps the issued period ${formatRange(target.period)} without being it`,
        });
        return;
      }
    }
  });
  return problems;
}

function formatRange(range: DayRange): string {
  return `${formatDay(range.from)} – ${formatDay(range.to)}`;
}

function missing(where: string, problems: string[]): undefined {
  problems.push(`${where} is missing (null for the preview's own period, else {"from", "to"})`);
  return undefined;
}

function readRange(value: unknown, where: string, problems: string[]): DayRange | undefined {
  if (!isObject(value)) {
    problems.push(`${where} must be {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}`);
    return undefined;
  }
  const from = readDay(value['from'], `${where}.from`, problems);
  const to = readDay(value['to'], `${where}.to`, problems);
  if (from === undefined || to === undefined) return undefined;
  if (to < from) {
    problems.push(`${where} ends (${formatDay(to)}) before it starts (${formatDay(from)})`);
    return undefined;
  }
  return { from, to };
}

function readDay(value: unknown, where: string, problems: string[]): Day | undefined {
  const day = typeof value === 'string' ? parseDay(value) : undefined;
  if (day === undefined) problems.push(`${where} must be a date YYYY-MM-DD; found ${show(value)}`);
  return day;
}

function readOptions(value: unknown, problems: string[]): PreviewRecordedOptions | undefined {
  if (value === undefined) {
    problems.push(
      'has no "options": it was made by a carebill older than back-dated adjustments, so what it billed cannot be recomputed exactly; make that period\'s preview again with this carebill from the data as it was issued, or leave it out',
    );
    return undefined;
  }
  if (!isObject(value)) {
    problems.push('"options" must be an object {"day_rule", "monthly52", "prefix", "due_days"}');
    return undefined;
  }
  const dayRule = choice(
    value['day_rule'],
    ['day', 'night'] as const,
    'options.day_rule',
    problems,
  );
  const monthly52 = value['monthly52'];
  if (typeof monthly52 !== 'boolean')
    problems.push(`options.monthly52 must be true or false; found ${show(monthly52)}`);
  const prefix = value['prefix'];
  if (typeof prefix !== 'string' || !PREFIX.test(prefix))
    problems.push(`options.prefix must be an invoice number prefix; found ${show(prefix)}`);
  const dueDays = wholeNumber(value['due_days'], 'options.due_days', problems, 0);
  if (
    dayRule === undefined ||
    typeof monthly52 !== 'boolean' ||
    typeof prefix !== 'string' ||
    !PREFIX.test(prefix) ||
    dueDays === undefined
  )
    return undefined;
  return { dayRule, monthly52, prefix, dueDays };
}

function text(value: unknown, where: string, problems: string[]): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  problems.push(`${where} must be an id; found ${show(value)}`);
  return undefined;
}

function nullableText(
  value: unknown,
  where: string,
  problems: string[],
): string | null | undefined {
  return value === null ? null : text(value, where, problems);
}

function choice<T extends string>(
  value: unknown,
  choices: readonly T[],
  where: string,
  problems: string[],
): T | undefined {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value))
    return value as T;
  problems.push(`${where} must be one of ${choices.join(', ')}; found ${show(value)}`);
  return undefined;
}

function wholeNumber(
  value: unknown,
  where: string,
  problems: string[],
  min = Number.MIN_SAFE_INTEGER,
): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value;
  problems.push(
    `${where} must be a whole number${min === 0 ? ' (0 or more)' : ''}; found ${show(value)}`,
  );
  return undefined;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 40 ? `${shown.slice(0, 39)}…` : shown;
}
