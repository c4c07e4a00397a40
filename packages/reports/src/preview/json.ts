/**
 * `preview.json` (SPEC §6): the preview in snake_case, amounts in integer pence, dates as
 * `YYYY-MM-DD`. Every object is built with its keys in the spec's order, so the same
 * preview always gives the same bytes.
 */
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
import { parkedToJson, warningToJson } from './problems-json.js';

/**
 * The preview as the text of `preview.json`: 2-space indent, trailing newline.
 * Throws a `RangeError` when an amount is not a whole number of pence or the totals do
 * not satisfy `fees = invoiced − adjustments + unbilled + unallocated` (a bug upstream,
 * never data). Records the options the preview was made with and, on each line, what it
 * adjusts (SPEC §10), so the file can later be read back as an issued preview.
 *
 * @example
 * const text = renderPreviewJson(preview);
 * JSON.parse(text).totals.fees_pence === preview.totals.feesPence
 */
export function renderPreviewJson(preview: Preview): string {
  checkTotals(preview.totals);
  const document = {
    period: rangeToJson(preview.period),
    options: {
      day_rule: preview.options.dayRule,
      monthly52: preview.options.monthly52,
      prefix: preview.options.prefix,
      due_days: preview.options.dueDays,
    },
    invoices: preview.invoices.map(invoiceToJson),
    unallocated: preview.unallocated.map(unallocatedToJson),
    unbilled: preview.unbilled.map(unbilledToJson),
    parked: parkedToJson(preview.parked),
    warnings: preview.warnings.map(warningToJson),
    totals: {
      fees_pence: penceOf(preview.totals.feesPence, 'totals.fees_pence'),
      invoiced_pence: penceOf(preview.totals.invoicedPence, 'totals.invoiced_pence'),
      unbilled_pence: penceOf(preview.totals.unbilledPence, 'totals.unbilled_pence'),
      unallocated_pence: penceOf(preview.totals.unallocatedPence, 'totals.unallocated_pence'),
      adjustments_pence: penceOf(preview.totals.adjustmentsPence, 'totals.adjustments_pence'),
      unbilled_adjustments_pence: penceOf(
        preview.totals.unbilledAdjustmentsPence,
        'totals.unbilled_adjustments_pence',
      ),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
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
