/**
 * The invoice preview of a billing period: what §6 of the spec calls `preview.json`, in
 * camelCase with {@link Day}s; `@carebill/reports` writes the JSON with the spec's names.
 */
import type { Day } from '../calendar/day.js';
import type { DayRange } from '../calendar/range.js';
import type { DayRule } from '../charges/options.js';
import type { ParkedEntry } from '../dataset/load-types.js';
import type { Address, Location, PayerKind, PaymentMethod } from '../dataset/model.js';
import type { Problem, ProblemCode } from '../dataset/problems.js';

export interface InvoicePayer {
  readonly kind: PayerKind;
  readonly id: string;
  readonly name: string;
  readonly accountCode: string;
  readonly paymentMethod: PaymentMethod | null;
  /** The payer's postal address, for the window envelope; null when unknown. */
  readonly postalAddress: Address | null;
  readonly email: string;
}

/**
 * A line of an invoice. Most bill the preview's own period (`adjusts` null); an
 * **adjustment line** (SPEC §10) corrects an earlier issued period: `adjusts` is that
 * period, `from`/`to` its bounds, `days` the days billed now, and
 * `amountPence === nowPence − wasPence`.
 */
export interface InvoiceLine {
  readonly booking: string;
  readonly contract: string | null;
  readonly basis: 'contract' | 'default';
  readonly serviceUser: string | null;
  /** The resident as the payer asked to see them named (`invoices_service_user_id_fields`). */
  readonly label: string;
  readonly description: string;
  readonly from: Day;
  readonly to: Day;
  readonly days: number;
  readonly amountPence: number;
  readonly provisional: boolean;
  /** Null for the preview's own period; the issued period this line corrects otherwise. */
  readonly adjusts: DayRange | null;
  /** On an adjustment line, what the adjusted period invoiced this key; null on own lines. */
  readonly wasPence: number | null;
  /** On an adjustment line, what today's data bills this key for that period; null on own lines. */
  readonly nowPence: number | null;
}

/** An invoice, or a credit note when its total is below zero (SPEC §10). */
export type InvoiceKind = 'invoice' | 'credit_note';

export interface InvoiceDelivery {
  readonly email: readonly string[];
  readonly post: boolean;
  readonly largePrint: boolean;
}

export interface Invoice {
  /** `credit_note` exactly when `totalPence < 0`. */
  readonly kind: InvoiceKind;
  readonly number: string;
  readonly payer: InvoicePayer;
  readonly location: string | null;
  /** The home issuing the invoice (its company, address, payment details); null if unknown. */
  readonly issuer: Location | null;
  readonly serviceUsers: readonly string[];
  readonly issueDate: Day;
  readonly dueDate: Day;
  readonly lines: readonly InvoiceLine[];
  readonly totalPence: number;
  /**
   * How to pay (the location's instructions for the payer's method); on a credit note,
   * how the credit will be applied or refunded instead.
   */
  readonly paymentInstructions: string;
  readonly delivery: InvoiceDelivery;
  readonly warnings: readonly ProblemCode[];
}

export type UnallocatedReason = 'SHORTFALL' | 'OVER_CONTRACTED' | 'NO_PAYER';
export type UnbilledReason = 'BILLING_NOT_ENABLED' | 'PAYER_PARKED';

export interface UnallocatedEntry {
  readonly booking: string;
  readonly serviceUser: string | null;
  /** The resident's name, for people reading the lists; `''` when unknown. */
  readonly serviceUserName: string;
  readonly from: Day;
  readonly to: Day;
  readonly days: number;
  /** Negative for `OVER_CONTRACTED`. */
  readonly amountPence: number;
  readonly reason: UnallocatedReason;
}

/**
 * A payer's amount that cannot be invoiced: this period's own (`adjusts` null) or an
 * adjustment to an issued period (`adjusts` that period), which is offered again next month.
 */
export interface UnbilledEntry {
  readonly booking: string;
  readonly contract: string | null;
  /** The kind of payer record `payer` names. */
  readonly payerKind: PayerKind;
  readonly payer: string;
  /** The payer's name (as an invoice would be addressed), for people reading the lists. */
  readonly payerName: string;
  readonly from: Day;
  readonly to: Day;
  readonly days: number;
  readonly amountPence: number;
  readonly reason: UnbilledReason;
  /** Null for the preview's own period; the issued period this adjustment corrects otherwise. */
  readonly adjusts: DayRange | null;
  /** On an adjustment, what the adjusted period invoiced this key; null otherwise. */
  readonly wasPence: number | null;
  /** On an adjustment, what today's data bills this key for that period; null otherwise. */
  readonly nowPence: number | null;
}

/**
 * The preview's totals. The period's own identity holds exactly:
 * `feesPence = invoicedPence − adjustmentsPence + unbilledPence + unallocatedPence`.
 */
export interface PreviewTotals {
  /** The period's own fees. */
  readonly feesPence: number;
  /** Every invoice's total, adjustment lines included. */
  readonly invoicedPence: number;
  /** The period's own unbilled amounts (adjustments parked in unbilled are not here). */
  readonly unbilledPence: number;
  readonly unallocatedPence: number;
  /** The sum of the invoiced adjustment lines. */
  readonly adjustmentsPence: number;
  /** The sum of the adjustments parked in `unbilled` (payer cannot be invoiced now). */
  readonly unbilledAdjustmentsPence: number;
}

/** The options a preview was made with, recorded in it (`preview.json` `options`). */
export interface PreviewRecordedOptions {
  readonly dayRule: DayRule;
  readonly monthly52: boolean;
  readonly prefix: string;
  readonly dueDays: number;
}

export interface Preview {
  readonly period: DayRange;
  /** The resolved options the preview was made with. */
  readonly options: PreviewRecordedOptions;
  readonly invoices: readonly Invoice[];
  readonly unallocated: readonly UnallocatedEntry[];
  readonly unbilled: readonly UnbilledEntry[];
  readonly parked: readonly ParkedEntry[];
  readonly warnings: readonly Problem[];
  /** `feesPence = invoicedPence − adjustmentsPence + unbilledPence + unallocatedPence`, exactly. */
  readonly totals: PreviewTotals;
}

/** The key a line is compared by (SPEC §10): payer type, payer id, booking, contract, basis. */
export interface IssuedLine {
  readonly payerKind: PayerKind;
  readonly payer: string;
  readonly booking: string;
  readonly contract: string | null;
  readonly basis: 'contract' | 'default';
  /** The resident the line names (null for a block bed). */
  readonly serviceUser: string | null;
  /** The location of the invoice the line is on. */
  readonly location: string | null;
  /** Null for the issued preview's own period; the period an adjustment line corrects. */
  readonly adjusts: DayRange | null;
  readonly days: number;
  readonly amountPence: number;
}

/**
 * What an issued preview invoiced, read from its `preview.json` by `readIssuedPreview`:
 * its period, the options it was made with and its invoice lines.
 */
export interface IssuedPreview {
  readonly period: DayRange;
  readonly options: PreviewRecordedOptions;
  readonly lines: readonly IssuedLine[];
}
