/**
 * What was not invoiced: unbilled lines (a payer not billed) and unallocated amounts (no
 * payer, a shortfall, or a negative over-contracted excess), in one table.
 */
import type { Preview } from '@carebill/core';
import type { Column } from './columns.js';

export interface LeftoverRow {
  readonly kind: 'Unbilled' | 'Unallocated';
  readonly booking: string;
  readonly contract: string | null;
  /** The payer's id for unbilled; the resident's id for unallocated. */
  readonly party: string | null;
  /** The payer's name for unbilled; the resident's name for unallocated. */
  readonly partyName: string;
  readonly from: number;
  readonly to: number;
  readonly days: number;
  readonly amountPence: number;
  readonly reason: string;
}

/** The columns of the Unbilled & unallocated table. */
export const LEFTOVER_COLUMNS: readonly Column<LeftoverRow>[] = [
  { header: 'Kind', kind: 'text', value: (r) => r.kind },
  { header: 'Booking', kind: 'text', value: (r) => r.booking },
  { header: 'Contract', kind: 'text', value: (r) => r.contract ?? '' },
  { header: 'Payer / resident', kind: 'text', value: (r) => r.party ?? '' },
  { header: 'Name', kind: 'text', value: (r) => r.partyName },
  { header: 'From', kind: 'day', value: (r) => r.from },
  { header: 'To', kind: 'day', value: (r) => r.to },
  { header: 'Days', kind: 'count', value: (r) => r.days },
  { header: 'Amount', kind: 'pence', value: (r) => r.amountPence },
  { header: 'Reason', kind: 'text', value: (r) => r.reason },
];

/**
 * Unbilled entries, then unallocated ones, as table rows.
 *
 * @example leftoverRows(preview).length === preview.unbilled.length + preview.unallocated.length
 */
export function leftoverRows(preview: Preview): LeftoverRow[] {
  return [
    ...preview.unbilled.map(
      (e): LeftoverRow => ({
        kind: 'Unbilled',
        booking: e.booking,
        contract: e.contract,
        party: e.payer,
        partyName: e.payerName,
        from: e.from,
        to: e.to,
        days: e.days,
        amountPence: e.amountPence,
        reason: e.reason,
      }),
    ),
    ...preview.unallocated.map(
      (e): LeftoverRow => ({
        kind: 'Unallocated',
        booking: e.booking,
        contract: null,
        party: e.serviceUser,
        partyName: e.serviceUserName,
        from: e.from,
        to: e.to,
        days: e.days,
        amountPence: e.amountPence,
        reason: e.reason,
      }),
    ),
  ];
}
