/**
 * Payer lines become invoices (SPEC §4 "Grouping", "Numbering", "Lines").
 *
 * - A location contact with `billing_consolidate_invoices` gets one invoice per location
 *   covering every resident it pays for; every other payer one per (location, resident).
 * - Invoices are sorted by payer display name, payer id, location id, first resident's full
 *   name, resident id, and numbered `{prefix}-{YYYYMM}-{NNNN}` from 0001.
 * - Lines are sorted by resident full name, resident id, from, booking id, contract id.
 * - An invoice with no line, or whose lines total 0, is not produced.
 */
import type { PayerLine } from '../charges/compute.js';
import type { BillingParty, Dataset } from '../dataset/model.js';
import { compareText } from '../dataset/problems.js';

/** The lines of one future invoice, before numbering and rendering. */
export interface InvoiceDraft {
  readonly payer: BillingParty;
  readonly location: string | null;
  readonly lines: readonly PayerLine[];
  readonly totalPence: number;
}

/**
 * Groups invoiceable lines into invoice drafts in numbering order. Every line's payer must
 * have a record (computeCharges only passes on lines of billing-enabled payers).
 *
 * @example groupInvoices(charges.lines, dataset).map((draft) => draft.payer.displayName)
 */
export function groupInvoices(
  lines: readonly PayerLine[],
  dataset: Dataset,
  findPayer: (line: PayerLine) => BillingParty,
): InvoiceDraft[] {
  const groups = new Map<
    string,
    { payer: BillingParty; location: string | null; lines: PayerLine[] }
  >();
  for (const line of lines) {
    const payer = findPayer(line);
    const location = line.booking.location;
    const perResident = !(payer.kind === 'location_contact' && payer.consolidateInvoices);
    const key = JSON.stringify([
      payer.kind,
      payer.id,
      location,
      perResident ? line.serviceUser : null,
    ]);
    const group = groups.get(key);
    if (group) group.lines.push(line);
    else groups.set(key, { payer, location, lines: [line] });
  }
  const residentName = (id: string | null) =>
    orEmpty(id === null ? null : (dataset.serviceUsers.get(id)?.fullName ?? null));
  const compareLines = (a: PayerLine, b: PayerLine) =>
    compareText(residentName(a.serviceUser), residentName(b.serviceUser)) ||
    compareText(orEmpty(a.serviceUser), orEmpty(b.serviceUser)) ||
    a.from - b.from ||
    compareText(a.booking.id, b.booking.id) ||
    compareText(orEmpty(a.contract?.id ?? null), orEmpty(b.contract?.id ?? null));

  // Sort keys are read once per draft, not once per comparison (27,889 invoices a group).
  const keyed: { draft: InvoiceDraft; keys: readonly string[] }[] = [];
  for (const group of groups.values()) {
    group.lines.sort(compareLines);
    let totalPence = 0;
    for (const line of group.lines) totalPence += line.amountPence;
    if (totalPence === 0) continue;
    const first = (group.lines[0] as PayerLine).serviceUser;
    keyed.push({
      draft: { payer: group.payer, location: group.location, lines: group.lines, totalPence },
      keys: [
        group.payer.displayName,
        group.payer.id,
        orEmpty(group.location),
        residentName(first),
        orEmpty(first),
      ],
    });
  }
  return keyed.sort((a, b) => compareKeys(a.keys, b.keys)).map((k) => k.draft);
}

/** A missing resident, contract or home sorts first, as an empty name or id. */
function orEmpty(value: string | null): string {
  return value ?? '';
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  return a.reduce((order, key, i) => order || compareText(key, b[i] as string), 0);
}

/**
 * The invoice number of the `index`-th invoice (0-based) of a period.
 *
 * @example invoiceNumber('PREVIEW', 2024, 11, 0) === 'PREVIEW-202411-0001'
 */
export function invoiceNumber(prefix: string, year: number, month: number, index: number): string {
  return `${prefix}-${year}${String(month).padStart(2, '0')}-${String(index + 1).padStart(4, '0')}`;
}
