/**
 * Payer lines become invoices (SPEC §4 "Grouping", "Numbering", "Lines").
 *
 * - A location contact with `billing_consolidate_invoices` gets one invoice per location
 *   covering every resident it pays for; every other payer one per (location, resident).
 * - Invoices are sorted by payer display name, payer id, location id, first resident's full
 *   name, resident id, and numbered `{prefix}-{YYYYMM}-{NNNN}` from 0001.
 * - Lines are sorted by resident full name, resident id, from, booking id, contract id.
 * - Adjustments to issued periods (SPEC §10) join the invoice of the same grouping, after
 *   the period's own lines, ordered by the period they adjust, then as lines are.
 * - An invoice with no line, or whose lines total 0, is not produced — unless it carries
 *   adjustments: those must be issued to count as invoiced (docs/billing.md).
 */
import type { PayerLine } from '../charges/compute.js';
import type { BillingParty, Dataset } from '../dataset/model.js';
import { compareText } from '../dataset/problems.js';
import type { AdjustmentDraft } from './adjustments.js';

/** The lines of one future invoice, before numbering and rendering. */
export interface InvoiceDraft {
  readonly payer: BillingParty;
  readonly location: string | null;
  readonly lines: readonly PayerLine[];
  /** Adjustments to issued periods, after the lines. */
  readonly adjustments: readonly AdjustmentDraft[];
  readonly totalPence: number;
}

interface Group {
  payer: BillingParty;
  location: string | null;
  lines: PayerLine[];
  adjustments: AdjustmentDraft[];
}

/**
 * Groups invoiceable lines (and adjustments to issued periods) into invoice drafts in
 * numbering order. Every line's payer must have a record (computeCharges only passes on
 * lines of billing-enabled payers; adjustments are placed only for those).
 *
 * @example groupInvoices(charges.lines, [], dataset, findPayer).map((draft) => draft.payer.displayName)
 */
export function groupInvoices(
  lines: readonly PayerLine[],
  adjustments: readonly AdjustmentDraft[],
  dataset: Dataset,
  findPayer: (payer: PayerLine['payer']) => BillingParty,
): InvoiceDraft[] {
  const groups = new Map<string, Group>();
  const groupOf = (
    payerRef: PayerLine['payer'],
    location: string | null,
    serviceUser: string | null,
  ): Group => {
    const payer = findPayer(payerRef);
    const perResident = !(payer.kind === 'location_contact' && payer.consolidateInvoices);
    const key = `${payer.kind}\u0000${payer.id}\u0000${orEmpty(location)}\u0000${orEmpty(perResident ? serviceUser : null)}`;
    let group = groups.get(key);
    if (!group) {
      group = { payer, location, lines: [], adjustments: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const line of lines)
    groupOf(line.payer, line.booking.location, line.serviceUser).lines.push(line);
  for (const adjustment of adjustments)
    groupOf(adjustment.payer, adjustment.location, adjustment.serviceUser).adjustments.push(
      adjustment,
    );
  const residentName = (id: string | null) =>
    orEmpty(id === null ? null : (dataset.serviceUsers.get(id)?.fullName ?? null));
  const compareLines = (a: PayerLine, b: PayerLine) =>
    compareText(residentName(a.serviceUser), residentName(b.serviceUser)) ||
    compareText(orEmpty(a.serviceUser), orEmpty(b.serviceUser)) ||
    a.from - b.from ||
    compareText(a.booking.id, b.booking.id) ||
    compareText(orEmpty(a.contract?.id), orEmpty(b.contract?.id));
  // The periods adjusted are the issued ones, which never overlap: the first day names one.
  const compareAdjustments = (a: AdjustmentDraft, b: AdjustmentDraft) =>
    a.adjusts.from - b.adjusts.from ||
    compareText(residentName(a.serviceUser), residentName(b.serviceUser)) ||
    compareText(orEmpty(a.serviceUser), orEmpty(b.serviceUser)) ||
    compareText(a.bookingId, b.bookingId) ||
    compareText(orEmpty(a.contractId), orEmpty(b.contractId));

  // The keys are read once per draft, not once per comparison (27,889 invoices a group).
  const keyed: SortableDraft[] = [];
  for (const group of groups.values()) {
    group.lines.sort(compareLines);
    group.adjustments.sort(compareAdjustments);
    let totalPence = 0;
    for (const line of group.lines) totalPence += line.amountPence;
    for (const adjustment of group.adjustments) totalPence += adjustment.amountPence;
    if (totalPence === 0 && group.adjustments.length === 0) continue;
    const first = group.lines[0]?.serviceUser ?? group.adjustments[0]?.serviceUser ?? null;
    keyed.push({
      draft: {
        payer: group.payer,
        location: group.location,
        lines: group.lines,
        adjustments: group.adjustments,
        totalPence,
      },
      name: group.payer.displayName,
      payer: group.payer.id,
      location: orEmpty(group.location),
      residentName: residentName(first),
      resident: orEmpty(first),
    });
  }
  return keyed.sort(compareDrafts).map((k) => k.draft);
}

/** A draft and its numbering keys, side by side so that comparing them follows no pointer. */
interface SortableDraft {
  readonly draft: InvoiceDraft;
  /** The payer's display name. */
  readonly name: string;
  /** The payer's id. */
  readonly payer: string;
  /** The home's id ('' for none). */
  readonly location: string;
  /** The first resident's full name ('' for none). */
  readonly residentName: string;
  /** The first resident's id ('' for none). */
  readonly resident: string;
}

/** Numbering order: payer name, payer id, home, first resident's name, first resident's id. */
function compareDrafts(a: SortableDraft, b: SortableDraft): number {
  return (
    compareText(a.name, b.name) ||
    compareText(a.payer, b.payer) ||
    compareText(a.location, b.location) ||
    compareText(a.residentName, b.residentName) ||
    compareText(a.resident, b.resident)
  );
}

/** A missing resident, contract or home sorts first, as an empty name or id. */
function orEmpty(value: string | null | undefined): string {
  return value ?? '';
}

/**
 * The invoice number of the `index`-th invoice (0-based) of a period.
 *
 * @example invoiceNumber('PREVIEW', 2024, 11, 0) === 'PREVIEW-202411-0001'
 */
export function invoiceNumber(prefix: string, year: number, month: number, index: number): string {
  return `${prefix}-${year}${String(month).padStart(2, '0')}-${String(index + 1).padStart(4, '0')}`;
}
