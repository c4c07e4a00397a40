/**
 * The invoice preview of a billing period: what §6 of the spec calls `preview.json`, in
 * camelCase with {@link Day}s; `@carebill/reports` writes the JSON with the spec's names.
 */
import type { Day } from '../calendar/day.js';
import type { DayRange } from '../calendar/range.js';
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
}

export interface InvoiceDelivery {
  readonly email: readonly string[];
  readonly post: boolean;
  readonly largePrint: boolean;
}

export interface Invoice {
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

export interface UnbilledEntry {
  readonly booking: string;
  readonly contract: string | null;
  readonly payer: string;
  /** The payer's name (as an invoice would be addressed), for people reading the lists. */
  readonly payerName: string;
  readonly from: Day;
  readonly to: Day;
  readonly days: number;
  readonly amountPence: number;
  readonly reason: UnbilledReason;
}

export interface PreviewTotals {
  readonly feesPence: number;
  readonly invoicedPence: number;
  readonly unbilledPence: number;
  readonly unallocatedPence: number;
}

export interface Preview {
  readonly period: DayRange;
  readonly invoices: readonly Invoice[];
  readonly unallocated: readonly UnallocatedEntry[];
  readonly unbilled: readonly UnbilledEntry[];
  readonly parked: readonly ParkedEntry[];
  readonly warnings: readonly Problem[];
  /** `feesPence = invoicedPence + unbilledPence + unallocatedPence`, exactly. */
  readonly totals: PreviewTotals;
}
