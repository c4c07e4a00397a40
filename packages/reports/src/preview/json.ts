/**
 * `preview.json` (SPEC §6): the preview in snake_case, amounts in integer pence, dates as
 * `YYYY-MM-DD`. Every object is built with its keys in the spec's order, so the same
 * preview always gives the same bytes.
 */
import { once } from 'node:events';
import type {
  DayRange,
  Invoice,
  InvoiceLine,
  Preview,
  PreviewTotals,
  UnallocatedEntry,
  UnbilledEntry,
} from '@carebill/core';
import { formatDay } from '@carebill/core';
import { writeInto } from '../streams.js';
import { parkedToJson, warningToJson } from './problems-json.js';

/**
 * The preview as the text of `preview.json`: 2-space indent, trailing newline — the pieces
 * of {@link previewJsonChunks} joined. Throws a `RangeError` when an amount is not a whole
 * number of pence or the totals do not satisfy
 * `fees = invoiced − adjustments + unbilled + unallocated` (a bug upstream, never data).
 * Records the options the preview was made with and, on each line, what it adjusts
 * (SPEC §10), so the file can later be read back as an issued preview.
 *
 * @example
 * const text = renderPreviewJson(preview);
 * JSON.parse(text).totals.fees_pence === preview.totals.feesPence
 */
export function renderPreviewJson(preview: Preview): string {
  return [...previewJsonChunks(preview)].join('');
}

/**
 * The text of `preview.json` piece by piece, the same bytes as {@link renderPreviewJson}
 * once joined: the period and options, then each invoice, unallocated and unbilled entry
 * and warning as a piece of its own, so a writer holds one invoice's text at a time, never
 * the whole document (46 MB for a 500-home group's month). Checks the totals before the
 * first piece; an amount that is not whole pence throws when its piece is reached, so a
 * caller writing pieces as they come must treat a throw as a failed, partial file.
 *
 * @example
 * let bytes = 0;
 * for (const piece of previewJsonChunks(preview)) bytes += Buffer.byteLength(piece);
 */
export function* previewJsonChunks(preview: Preview): Generator<string, void, undefined> {
  checkTotals(preview.totals);
  const options = {
    day_rule: preview.options.dayRule,
    monthly52: preview.options.monthly52,
    prefix: preview.options.prefix,
    due_days: preview.options.dueDays,
  };
  yield `{\n  "period": ${jsonAt(rangeToJson(preview.period), 1)},\n  "options": ${jsonAt(options, 1)},\n  "invoices": `;
  yield* arrayAt(preview.invoices, invoiceToJson);
  yield ',\n  "unallocated": ';
  yield* arrayAt(preview.unallocated, unallocatedToJson);
  yield ',\n  "unbilled": ';
  yield* arrayAt(preview.unbilled, unbilledToJson);
  yield `,\n  "parked": ${jsonAt(parkedToJson(preview.parked), 1)},\n  "warnings": `;
  yield* arrayAt(preview.warnings, warningToJson);
  const totals = {
    fees_pence: penceOf(preview.totals.feesPence, 'totals.fees_pence'),
    invoiced_pence: penceOf(preview.totals.invoicedPence, 'totals.invoiced_pence'),
    unbilled_pence: penceOf(preview.totals.unbilledPence, 'totals.unbilled_pence'),
    unallocated_pence: penceOf(preview.totals.unallocatedPence, 'totals.unallocated_pence'),
    adjustments_pence: penceOf(preview.totals.adjustmentsPence, 'totals.adjustments_pence'),
    unbilled_adjustments_pence: penceOf(
      preview.totals.unbilledAdjustmentsPence,
      'totals.unbilled_adjustments_pence',
    ),
  };
  yield `,\n  "totals": ${jsonAt(totals, 1)}\n}\n`;
}

/** What {@link writePreviewJson} gathers before each write: few writes, little held. */
const WRITE_BYTES = 64 * 1024;

/**
 * Streams `preview.json` (the bytes of {@link renderPreviewJson}) into a writable stream (a
 * file, an HTTP response) in pieces of about 64 KB, waiting whenever the stream asks
 * (backpressure), then ends the stream and resolves once it has finished. If the preview
 * cannot be written (see {@link previewJsonChunks}) or the stream fails, rejects with that
 * error and destroys the stream, whose content is then partial.
 *
 * @example await writePreviewJson(preview, createWriteStream('preview.json'));
 */
export function writePreviewJson(preview: Preview, output: NodeJS.WritableStream): Promise<void> {
  return writeInto(output, async () => {
    let pending = '';
    for (const piece of previewJsonChunks(preview)) {
      pending += piece;
      if (pending.length < WRITE_BYTES) continue;
      const more = output.write(pending);
      pending = '';
      if (!more) await once(output, 'drain');
    }
    output.end(pending);
  });
}

const INDENT = '  ';

/** `value` as `JSON.stringify(…, null, 2)` writes it `depth` levels into a document. */
function jsonAt(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${INDENT.repeat(depth)}`);
}

/**
 * A top-level array of the document as `JSON.stringify(…, null, 2)` writes it, an item a
 * piece. JSON text never holds a raw line break inside a string, so indenting an item's
 * own text by its lines is exact.
 */
function* arrayAt<T>(items: readonly T[], toJson: (item: T) => object): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  let before = `[\n${INDENT.repeat(2)}`;
  for (const item of items) {
    yield before + jsonAt(toJson(item), 2);
    before = `,\n${INDENT.repeat(2)}`;
  }
  yield `\n${INDENT}]`;
}

function invoiceToJson(invoice: Invoice) {
  const where = `invoice ${invoice.number}`;
  return {
    number: invoice.number,
    kind: invoice.kind,
    payer: {
      type: invoice.payer.kind,
      id: invoice.payer.id,
      name: invoice.payer.name,
      account_code: invoice.payer.accountCode,
      payment_method: invoice.payer.paymentMethod,
    },
    location: invoice.location,
    service_users: [...invoice.serviceUsers],
    issue_date: formatDay(invoice.issueDate),
    due_date: formatDay(invoice.dueDate),
    lines: invoice.lines.map((line) => lineToJson(line, where)),
    total_pence: penceOf(invoice.totalPence, `${where} total`),
    payment_instructions: invoice.paymentInstructions,
    delivery: {
      email: [...invoice.delivery.email],
      post: invoice.delivery.post,
      large_print: invoice.delivery.largePrint,
    },
    warnings: [...invoice.warnings],
  };
}

function lineToJson(line: InvoiceLine, where: string) {
  return {
    booking: line.booking,
    contract: line.contract,
    basis: line.basis,
    service_user: line.serviceUser,
    label: line.label,
    description: line.description,
    from: formatDay(line.from),
    to: formatDay(line.to),
    days: line.days,
    amount_pence: penceOf(line.amountPence, `${where} line of booking ${line.booking}`),
    provisional: line.provisional,
    adjusts: line.adjusts === null ? null : rangeToJson(line.adjusts),
    was_pence: optionalPence(line.wasPence, `${where} line of booking ${line.booking} was`),
    now_pence: optionalPence(line.nowPence, `${where} line of booking ${line.booking} now`),
  };
}

function unallocatedToJson(entry: UnallocatedEntry) {
  return {
    booking: entry.booking,
    service_user: entry.serviceUser,
    from: formatDay(entry.from),
    to: formatDay(entry.to),
    days: entry.days,
    amount_pence: penceOf(entry.amountPence, `unallocated of booking ${entry.booking}`),
    reason: entry.reason,
  };
}

function unbilledToJson(entry: UnbilledEntry) {
  return {
    booking: entry.booking,
    contract: entry.contract,
    payer: entry.payer,
    from: formatDay(entry.from),
    to: formatDay(entry.to),
    days: entry.days,
    amount_pence: penceOf(entry.amountPence, `unbilled of booking ${entry.booking}`),
    reason: entry.reason,
    adjusts: entry.adjusts === null ? null : rangeToJson(entry.adjusts),
    was_pence: optionalPence(entry.wasPence, `unbilled of booking ${entry.booking} was`),
    now_pence: optionalPence(entry.nowPence, `unbilled of booking ${entry.booking} now`),
  };
}

function rangeToJson(range: DayRange) {
  return { from: formatDay(range.from), to: formatDay(range.to) };
}

function optionalPence(amount: number | null, where: string): number | null {
  return amount === null ? null : penceOf(amount, where);
}

function penceOf(amount: number, where: string): number {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`${where}: ${amount} is not a whole number of pence`);
  }
  return amount === 0 ? 0 : amount; // never -0
}

function checkTotals(totals: PreviewTotals): void {
  const sum =
    totals.invoicedPence - totals.adjustmentsPence + totals.unbilledPence + totals.unallocatedPence;
  if (sum !== totals.feesPence) {
    throw new RangeError(
      `preview totals do not add up: fees ${totals.feesPence} ≠ invoiced ${totals.invoicedPence} − adjustments ${totals.adjustmentsPence} + unbilled ${totals.unbilledPence} + unallocated ${totals.unallocatedPence}`,
    );
  }
}
