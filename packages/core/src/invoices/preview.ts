/**
 * The invoice preview of a billing period (SPEC §4), from a loaded dataset.
 */
import { addDays, ymdOfDay } from '../calendar/day.js';
import { computeCharges, type PayerLine } from '../charges/compute.js';
import { findParty } from '../charges/parties.js';
import type { LoadedDataset } from '../dataset/load-types.js';
import type { BillingParty, PayerKind, ResourceName } from '../dataset/model.js';
import { type Problem, type ProblemCode, sortProblems } from '../dataset/problems.js';
import { checkLoaded } from '../dataset/usable.js';
import { internalError } from '../errors/carebill-error.js';
import { invoiceDelivery } from './delivery.js';
import { lineDescription } from './describe.js';
import { groupInvoices, invoiceNumber } from './group.js';
import { residentLabel } from './label.js';
import { type PreviewOptions, resolvePreviewOptions } from './options.js';
import { mergeParked } from './parked.js';
import { paymentInstructions } from './payment.js';
import type { Invoice, InvoiceLine, Preview } from './types.js';

/**
 * Bills every booking of the dataset for the period and groups the lines into numbered
 * invoices, with everything not invoiced listed as unbilled or unallocated, and the load's
 * parked residents and warnings carried into the preview.
 *
 * Takes the whole load result (a load with dataset errors is refused: `DATASET_ERRORS`) and
 * checks every option first (see `checkPreviewOptions`); a bad one throws a
 * `CarebillError` naming it. Exact: `totals.feesPence` equals invoiced + unbilled +
 * unallocated to the penny, or it throws (`INTERNAL`).
 *
 * @example
 * const loaded = loadDataset(files);
 * const preview = buildPreview(loaded, { period: monthPeriod(2024, 11), prefix: 'INV', dueDays: 28 });
 * preview.invoices[0].number // 'INV-202411-0001'
 * preview.totals.feesPence === preview.totals.invoicedPence + preview.totals.unbilledPence + preview.totals.unallocatedPence
 */
export function buildPreview(loaded: LoadedDataset, options: PreviewOptions): Preview {
  const { dataset } = checkLoaded(loaded);
  const { period, dayRule, monthly52, dueDays, prefix } = resolvePreviewOptions(options);
  const charges = computeCharges(dataset, loaded.parkedServiceUsers, period, {
    dayRule,
    monthly52,
  });
  const issueDate = period.from;
  const dueDate = addDays(issueDate, dueDays);
  const { year, month } = ymdOfDay(issueDate);

  const findPayer = (line: PayerLine): BillingParty => {
    const party = findParty(dataset, line.payer);
    // Stryker disable next-line all: unreachable: computeCharges invoices only payers with a billing-enabled record
    if (party === undefined)
      // Stryker disable next-line all: unreachable: computeCharges invoices only payers with a billing-enabled record
      throw internalError(`invoiced line of booking ${line.booking.id} has no payer record`);
    return party;
  };
  const invoiceWarnings: Problem[] = [];
  const invoices = groupInvoices(charges.lines, dataset, findPayer).map((draft, index): Invoice => {
    const number = invoiceNumber(prefix, year, month, index);
    const issuer = draft.location === null ? undefined : dataset.locations.get(draft.location);
    const { delivery, warnings } = invoiceDelivery(draft.payer);
    if (draft.payer.paymentMethod === 'direct_debit' && !draft.payer.hasDirectDebitMandate)
      warnings.unshift('DD_WITHOUT_MANDATE');
    for (const code of warnings) invoiceWarnings.push(invoiceWarning(code, draft.payer, number));
    const lines = draft.lines.map(
      (line): InvoiceLine => ({
        booking: line.booking.id,
        contract: line.contract?.id ?? null,
        basis: line.basis,
        serviceUser: line.serviceUser,
        label: residentLabel(
          line.serviceUser === null ? undefined : dataset.serviceUsers.get(line.serviceUser),
          line.serviceUser,
          draft.payer.idFields,
        ),
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
      }),
    );
    return {
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
      paymentInstructions: paymentInstructions(issuer, draft.payer.paymentMethod),
      delivery,
      warnings,
    };
  });

  const sum = (amounts: readonly { amountPence?: number; totalPence?: number }[]) =>
    amounts.reduce((total, a) => total + (a.totalPence ?? a.amountPence ?? 0), 0);
  const totals = {
    feesPence: charges.feesPence,
    invoicedPence: sum(invoices),
    unbilledPence: sum(charges.unbilled),
    unallocatedPence: sum(charges.unallocated),
  };
  // Stryker disable all: an invariant guard, unreachable while computeCharges conserves fees (it asserts the same)
  if (totals.feesPence !== totals.invoicedPence + totals.unbilledPence + totals.unallocatedPence) {
    throw internalError(`preview does not conserve fees: ${JSON.stringify(totals)}`);
  }
  // Stryker restore all
  return {
    period,
    invoices,
    unallocated: charges.unallocated,
    unbilled: charges.unbilled,
    parked: mergeParked(loaded.parked, charges.parked),
    warnings: sortProblems([...loaded.warnings, ...charges.warnings, ...invoiceWarnings]),
    totals,
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
