/**
 * A November 2024 preview carrying adjustments to an issued October (SPEC §10), built by
 * hand so the renderers' tests need no core computation: a family's invoice with a
 * back-dated uplift, a council's consolidated invoice with an uplift and a late-recorded
 * discharge (a negative line on a positive invoice), an NHS credit note for FNC no longer
 * due, and an adjustment left unbilled. The amounts agree: every total is the sum of its
 * lines, every adjustment is now − was, and
 * fees = invoiced − adjustments + unbilled + unallocated.
 */
import type { DayRange, Invoice, InvoiceLine, Preview, UnbilledEntry } from '@carebill/core';
import { dayFromYmd, sumPence } from '@carebill/core/internal';
import { makeInvoice, makeLine, makePayer, makePreview } from './exports-sample.js';

export const OCTOBER: DayRange = { from: dayFromYmd(2024, 10, 1), to: dayFromYmd(2024, 10, 31) };

/** An adjustment line for October: `amountPence = nowPence − wasPence`. */
export function makeAdjustment(
  overrides: Partial<InvoiceLine> & { wasPence: number; nowPence: number; days: number },
): InvoiceLine {
  const adjusts = overrides.adjusts ?? OCTOBER;
  return makeLine({
    from: adjusts.from,
    to: adjusts.to,
    adjusts,
    amountPence: overrides.nowPence - overrides.wasPence,
    description: `Adjustment for 1–31 Oct 2024: invoiced £${(overrides.wasPence / 100).toFixed(2)}, now £${(overrides.nowPence / 100).toFixed(2)} for ${overrides.days} days`,
    ...overrides,
  });
}

export const CREDIT_WORDING =
  'This credit will be deducted from your next invoice; ask us if you would rather have it refunded.';

/** The adjusted November: invoices 0001 and 0002, credit note 0003, one unbilled adjustment. */
export function adjustedPreview(): Preview {
  const family = makeInvoice('PREVIEW-202411-0001', [
    makeLine(),
    makeAdjustment({ wasPence: 593803, nowPence: 602143, days: 31 }),
  ]);
  const council = makeInvoice(
    'PREVIEW-202411-0002',
    [
      makeLine({
        booking: 'bk-2',
        contract: 'bc-2',
        serviceUser: 'su-2',
        label: 'Brown, Arthur',
        description: 'Council contribution 1 Nov 2024 – 30 Nov 2024, 30 days at £850.00 per week',
        amountPence: 364286,
      }),
      makeAdjustment({
        booking: 'bk-2',
        contract: 'bc-2',
        serviceUser: 'su-2',
        label: 'Brown, Arthur',
        wasPence: 376429,
        nowPence: 388572,
        days: 31,
      }),
      makeAdjustment({
        booking: 'bk-3',
        contract: 'bc-3',
        serviceUser: 'su-3',
        label: 'Patel, Ravi',
        wasPence: 376429,
        nowPence: 170000,
        days: 14,
      }),
    ],
    {
      payer: makePayer({
        kind: 'location_contact',
        id: 'lc-kent',
        name: 'Kent County Council',
        accountCode: 'KCC',
        email: 'adult.finance@kent.example',
      }),
    },
  );
  const nhs = makeInvoice(
    'PREVIEW-202411-0003',
    [
      makeAdjustment({
        booking: 'bk-3',
        contract: 'bc-fnc-3',
        serviceUser: 'su-3',
        label: 'Patel, Ravi',
        wasPence: 104571,
        nowPence: 47226,
        days: 14,
      }),
    ],
    {
      kind: 'credit_note',
      paymentInstructions: CREDIT_WORDING,
      payer: makePayer({
        kind: 'location_contact',
        id: 'lc-icb',
        name: 'NHS Kent and Medway ICB',
        accountCode: 'ICB01',
        email: 'fnc@icb.example',
      }),
    },
  );
  const invoices: Invoice[] = [family, council, nhs];
  const unbilled: UnbilledEntry = {
    booking: 'bk-9',
    contract: 'bc-9',
    payerKind: 'service_user_contact',
    payer: 'suc-9',
    payerName: 'Dafydd Ŵyn',
    from: OCTOBER.from,
    to: OCTOBER.to,
    days: 31,
    amountPence: 4286,
    reason: 'BILLING_NOT_ENABLED',
    adjusts: OCTOBER,
    wasPence: 0,
    nowPence: 4286,
  };
  const base = makePreview(invoices);
  const adjustmentsPence = sumPence(
    invoices.flatMap((i) => i.lines.filter((l) => l.adjusts !== null).map((l) => l.amountPence)),
  );
  return {
    ...base,
    unbilled: [unbilled],
    totals: {
      ...base.totals,
      feesPence: base.totals.invoicedPence - adjustmentsPence,
      adjustmentsPence,
      unbilledAdjustmentsPence: unbilled.amountPence,
    },
  };
}
