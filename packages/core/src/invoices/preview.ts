/**
 * The invoice preview of a billing period (SPEC §4), from a loaded dataset.
 */
import { addDays, ymdOfDay } from '../calendar/day.js';
import { computeCharges } from '../charges/compute.js';
import { createChargeContext } from '../charges/context.js';
import { findParty, unbilledReasonOf } from '../charges/parties.js';
import type { LoadedDataset } from '../dataset/load-types.js';
import type { BillingParty, PayerKind, PayerRef, ResourceName } from '../dataset/model.js';
import { type Problem, type ProblemCode, sortProblems } from '../dataset/problems.js';
import { checkLoaded } from '../dataset/usable.js';
import { internalError } from '../errors/carebill-error.js';
import { type AdjustmentDraft, adjustmentDescription, compareIssued } from './adjustments.js';
import { invoiceDelivery } from './delivery.js';
import { lineDescription } from './describe.js';
import { groupInvoices, invoiceNumber } from './group.js';
import { residentLabel } from './label.js';
import { type PreviewOptions, resolvePreviewOptions } from './options.js';
import { mergeParked } from './parked.js';
import { creditInstructions, paymentInstructions } from './payment.js';
import type { Invoice, InvoiceLine, Preview, UnbilledEntry, UnbilledReason } from './types.js';

/**
 * Bills every booking of the dataset for the period and groups the lines into numbered
 * invoices, with everything not invoiced listed as unbilled or unallocated, and the load's
 * parked residents and warnings carried into the preview.
 *
 * With `invoiced` (the previews already issued, read with `readIssuedPreview`), each issued
 * period is billed again with today's data and its own options, and every difference per
 * key (payer, booking, contract, basis) becomes an adjustment line on this run's invoices
 * (SPEC §10), or an unbilled adjustment when the payer cannot be invoiced now. An invoice
 * whose total is below zero is a credit note (`kind: 'credit_note'`).
 *
 * Takes the whole load result (a load with dataset errors is refused: `DATASET_ERRORS`) and
 * checks every option first (see `checkPreviewOptions`); a bad one throws a
 * `CarebillError` naming it. Exact: `totals.feesPence` equals invoiced − adjustments +
 * unbilled + unallocated to the penny, or it throws (`INTERNAL`).
 *
 * @example
 * const loaded = loadDataset(files);
 * const preview = buildPreview(loaded, { period: monthPeriod(2024, 11), prefix: 'INV', dueDays: 28 });
 * preview.invoices[0].number // 'INV-202411-0001'
 * const { feesPence, invoicedPence, adjustmentsPence, unbilledPence, unallocatedPence } = preview.totals;
 * feesPence === invoicedPence - adjustmentsPence + unbilledPence + unallocatedPence // true
 *
 * @example
 * // November, correcting October as it was issued (its preview.json, parsed):
 * const october = readIssuedPreview(JSON.parse(octoberPreviewJson));
 * if (!october.ok) throw new Error(october.problems.join('; '));
 * const november = buildPreview(loaded, { period: monthPeriod(2024, 11), invoiced: [october.issued] });
 * november.invoices.flatMap((invoice) => invoice.lines).filter((line) => line.adjusts !== null)
 */
export function buildPreview(loaded: LoadedDataset, options: PreviewOptions): Preview {
  const { dataset } = checkLoaded(loaded);
  const { period, dayRule, monthly52, dueDays, prefix, invoiced } = resolvePreviewOptions(options);
  const context = createChargeContext(dataset);
  const charges = computeCharges(
    dataset,
    loaded.parkedServiceUsers,
    period,
    { dayRule, monthly52 },
    context,
  );
  const comparison = compareIssued(dataset, loaded.parkedServiceUsers, invoiced, context);
  const issueDate = period.from;
  const dueDate = addDays(issueDate, dueDays);
  const { year, month } = ymdOfDay(issueDate);

  const findPayer = (payer: PayerRef): BillingParty => {
    const party = findParty(dataset, payer);
    // Stryker disable next-line all: unreachable: computeCharges invoices only payers with a billing-enabled record
    if (party === undefined)
      // Stryker disable next-line all: unreachable: computeCharges invoices only payers with a billing-enabled record
      throw internalError(`invoiced line of payer ${payer.kind} ${payer.id} has no payer record`);
    return party;
  };
  const invoiceable: AdjustmentDraft[] = [];
  const unbilledAdjustments: UnbilledEntry[] = [];
  for (const adjustment of comparison.adjustments) {
    const party = findParty(dataset, adjustment.payer);
    const reason = unbilledReasonOf(party);
    if (reason === null) invoiceable.push(adjustment);
    else unbilledAdjustments.push(unbilledAdjustment(adjustment, party, reason));
  }

  const invoiceWarnings: Problem[] = [];
  const drafts = groupInvoices(charges.lines, invoiceable, dataset, findPayer);
  const invoices = drafts.map((draft, index): Invoice => {
    const number = invoiceNumber(prefix, year, month, index);
    const issuer = draft.location === null ? undefined : dataset.locations.get(draft.location);
    const { delivery, warnings } = invoiceDelivery(draft.payer);
    if (draft.payer.paymentMethod === 'direct_debit' && !draft.payer.hasDirectDebitMandate)
      warnings.unshift('DD_WITHOUT_MANDATE');
    for (const code of warnings) invoiceWarnings.push(invoiceWarning(code, draft.payer, number));
    const label = (serviceUser: string | null) =>
      residentLabel(
        serviceUser === null ? undefined : dataset.serviceUsers.get(serviceUser),
        serviceUser,
        draft.payer.idFields,
      );
    const lines = draft.lines.map(
      (line): InvoiceLine => ({
        booking: line.booking.id,
        contract: line.contract?.id ?? null,
        basis: line.basis,
        serviceUser: line.serviceUser,
        label: label(line.serviceUser),
        description: lineDescription(
          line,
          line.booking.room === null ? undefined : dataset.rooms.get(line.booking.room),
          monthly52,
        ),
        from: line.from,
        to: line.to,
        days: line.days,
        amountPence: line.amountPence,
        provisional: line.provisional,
        adjusts: null,
        wasPence: null,
        nowPence: null,
      }),
    );
    for (const adjustment of draft.adjustments) {
      const room = adjustment.booking?.room ?? null;
      lines.push({
        booking: adjustment.bookingId,
        contract: adjustment.contractId,
        basis: adjustment.basis,
        serviceUser: adjustment.serviceUser,
        label: label(adjustment.serviceUser),
        description: [
          adjustmentDescription(adjustment),
          ...(room === null ? [] : [dataset.rooms.get(room)?.name ?? '']),
        ]
          .filter((part) => part !== '')
          .join(', '),
        from: adjustment.adjusts.from,
        to: adjustment.adjusts.to,
        days: adjustment.nowDays,
        amountPence: adjustment.amountPence,
        provisional: adjustment.provisional,
        adjusts: adjustment.adjusts,
        wasPence: adjustment.wasPence,
        nowPence: adjustment.nowPence,
      });
    }
    const kind = draft.totalPence < 0 ? 'credit_note' : 'invoice';
    return {
      kind,
      number,
      payer: {
        kind: draft.payer.kind,
        id: draft.payer.id,
        name: draft.payer.displayName,
        accountCode: draft.payer.accountCode,
        paymentMethod: draft.payer.paymentMethod,
        postalAddress: draft.payer.postalAddress,
        email: draft.payer.email,
      },
      location: draft.location,
      issuer: issuer ?? null,
      serviceUsers: uniqueInOrder(lines.map((l) => l.serviceUser)),
      issueDate,
      dueDate,
      lines,
      totalPence: draft.totalPence,
      paymentInstructions:
        kind === 'credit_note'
          ? creditInstructions(issuer, draft.totalPence)
          : paymentInstructions(issuer, draft.payer.paymentMethod),
      delivery,
      warnings,
    };
  });

  const sum = (amounts: readonly { amountPence: number }[]) =>
    amounts.reduce((total, a) => total + a.amountPence, 0);
  const totals = {
    feesPence: charges.feesPence,
    invoicedPence: invoices.reduce((total, invoice) => total + invoice.totalPence, 0),
    unbilledPence: sum(charges.unbilled),
    unallocatedPence: sum(charges.unallocated),
    adjustmentsPence: sum(invoiceable),
    unbilledAdjustmentsPence: sum(unbilledAdjustments),
  };
  // Stryker disable all: an invariant guard, unreachable while computeCharges conserves fees (it asserts the same)
  if (
    totals.feesPence !==
    totals.invoicedPence - totals.adjustmentsPence + totals.unbilledPence + totals.unallocatedPence
  ) {
    throw internalError(`preview does not conserve fees: ${JSON.stringify(totals)}`);
  }
  // Stryker restore all
  return {
    period,
    options: { dayRule, monthly52, prefix, dueDays },
    invoices,
    unallocated: charges.unallocated,
    unbilled: [...charges.unbilled, ...unbilledAdjustments],
    parked: mergeParked(loaded.parked, charges.parked),
    warnings: sortProblems([
      ...loaded.warnings,
      ...charges.warnings,
      ...comparison.warnings,
      ...invoiceWarnings,
    ]),
    totals,
  };
}

function unbilledAdjustment(
  adjustment: AdjustmentDraft,
  party: BillingParty | undefined,
  reason: UnbilledReason,
): UnbilledEntry {
  return {
    booking: adjustment.bookingId,
    contract: adjustment.contractId,
    payerKind: adjustment.payer.kind,
    payer: adjustment.payer.id,
    payerName: party?.displayName ?? '',
    from: adjustment.adjusts.from,
    to: adjustment.adjusts.to,
    days: adjustment.nowDays,
    amountPence: adjustment.amountPence,
    reason,
    adjusts: adjustment.adjusts,
    wasPence: adjustment.wasPence,
    nowPence: adjustment.nowPence,
  };
}

function uniqueInOrder(ids: readonly (string | null)[]): string[] {
  const seen = new Set<string>();
  for (const id of ids) if (id !== null) seen.add(id);
  return [...seen];
}

const PAYER_RESOURCE: Record<PayerKind, ResourceName> = {
  location_contact: 'location-contacts',
  service_user_contact: 'service-user-contacts',
  service_user: 'service-users',
};

const INVOICE_WARNING_TEXT: Partial<Record<ProblemCode, { field: string; fix: string }>> = {
  DD_WITHOUT_MANDATE: {
    field: 'has_direct_debit_mandate',
    fix: 'pays by direct debit but has no mandate in place; set up the mandate or change payment_method',
  },
  NO_EMAIL: {
    field: 'email_invoices_to',
    fix: 'asks for email but has no address; fill in email_invoices_to or email',
  },
  INCOMPLETE_ADDRESS: {
    field: 'postal_address',
    fix: 'asks for post but the postal address lacks address_1 or postcode; complete it',
  },
  NO_DELIVERY_CHANNEL: {
    field: 'billing_comms_preference',
    fix: 'has no complete postal address and no email, so the invoice cannot be sent; add one',
  },
};

function invoiceWarning(code: ProblemCode, payer: BillingParty, number: string): Problem {
  const text = INVOICE_WARNING_TEXT[code];
  return {
    severity: 'warning',
    code,
    resource: PAYER_RESOURCE[payer.kind],
    id: payer.id,
    // Stryker disable next-line StringLiteral: unreachable: every code passed here has a text in INVOICE_WARNING_TEXT
    field: text?.field ?? '',
    value: '',
    message: `Invoice ${number}: ${payer.displayName} ${text?.fix ?? code}.`,
  };
}
