import type { PreviewTotals } from '@carebill/core';
import { describe, expect, it } from 'vitest';
import { totalsLine } from './preview.js';

/** Totals that satisfy fees = invoiced − adjustments + unbilled + unallocated. */
const totals = (adjustmentsPence: number): PreviewTotals => ({
  feesPence: 7175375,
  invoicedPence: 6614146 + adjustmentsPence,
  unbilledPence: 561429,
  unallocatedPence: 0,
  adjustmentsPence,
  unbilledAdjustmentsPence: 0,
});

describe('the summary totals line', () => {
  it('leaves adjustments out when there are none', () => {
    expect(totalsLine(totals(0))).toBe(
      '  fees £71,753.75 = invoiced £66,141.46 + unbilled £5,614.29 + unallocated £0.00',
    );
  });

  it('adds net credits back, as a positive amount', () => {
    expect(totalsLine(totals(-108286))).toBe(
      '  fees £71,753.75 = invoiced £65,058.60 + adjustments credited £1,082.86 + unbilled £5,614.29 + unallocated £0.00',
    );
  });

  it('takes net charges off, as a positive amount', () => {
    expect(totalsLine(totals(4512))).toBe(
      '  fees £71,753.75 = invoiced £66,186.58 − adjustments charged £45.12 + unbilled £5,614.29 + unallocated £0.00',
    );
  });
});
