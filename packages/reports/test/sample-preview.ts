/**
 * Hand-built {@link Preview} objects for the renderers' tests: a council's consolidated
 * invoice for several residents, a family invoice, a large-print invoice, Welsh and Polish
 * names, a negative OVER_CONTRACTED entry, unbilled and parked records and warnings.
 * The amounts agree with each other (every total is the sum of its lines, and
 * fees = invoiced + unbilled + unallocated), so the renderers' totals can be checked.
 */
import type {
  Address,
  Day,
  Invoice,
  InvoiceLine,
  Location,
  Preview,
  Problem,
} from '@carebill/core';
import { parseDay } from '@carebill/core';

/** A day from `YYYY-MM-DD`, throwing on a typo in the test data. */
export function day(text: string): Day {
  const parsed = parseDay(text);
  if (parsed === undefined) throw new Error(`bad test date ${text}`);
  return parsed;
}

export const NOV_FROM = day('2024-11-01');
export const NOV_TO = day('2024-11-30');
const DUE = day('2024-11-15');

const homeAddress: Address = {
  address1: 'Bryn Awel Care Home',
  address2: '12 Ffordd yr Orsaf',
  town: 'Aberystwyth',
  county: 'Ceredigion',
  postcode: 'SY23 1AB',
  country: 'United Kingdom',
};

export const HOME: Location = {
  id: 'loc-1',
  name: 'Bryn Awel',
  companyName: 'Bryn Awel Care Ltd',
  companyRegNo: '01234567',
  email: 'accounts@brynawel.example',
  phone: '01970 123456',
  invoiceAddress: homeAddress,
  paymentInstructions: 'Pay by bank transfer to Bryn Awel Care Ltd, sort code 12-34-56.',
  paymentInstructionsByMethod: {
    bac: 'BACS to Bryn Awel Care Ltd, sort code 12-34-56, account 12345678; quote the invoice number.',
    direct_debit: 'Collected by direct debit on or after the due date.',
  },
};

/** A line of a weekly booking billed for `days` days of November 2024. */
function line(
  partial: Pick<InvoiceLine, 'booking' | 'serviceUser' | 'label' | 'amountPence' | 'days'> &
    Partial<InvoiceLine>,
): InvoiceLine {
  const from = partial.from ?? NOV_FROM;
  const to = partial.to ?? ((from + partial.days - 1) as Day);
  return {
    contract: null,
    basis: 'contract',
    description: `Care fees 1 Nov 2024 – 30 Nov 2024, ${partial.days} days at £1,385.54 per week`,
    provisional: false,
    ...partial,
    from,
    to,
  };
}

function total(lines: readonly InvoiceLine[]): number {
  return lines.reduce((sum, l) => sum + l.amountPence, 0);
}

const councilLines: InvoiceLine[] = [
  line({
    booking: 'bk-1',
    contract: 'ct-la-1',
    serviceUser: 'su-1',
    label: 'Gwenllian Ŷwen',
    days: 30,
    amountPence: 593803,
    description:
      'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £1,385.54 per week, Room 4 (Ystafell Ŵy), council share',
  }),
  line({
    booking: 'bk-2',
    contract: 'ct-la-2',
    serviceUser: 'su-2',
    label: 'Łukasz Wróbel',
    days: 30,
    amountPence: 428571,
    description: 'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £1,000.00 per week, Room 7',
  }),
  line({
    booking: 'bk-3',
    contract: 'ct-la-3',
    serviceUser: 'su-3',
    label: 'Margaret Jones',
    days: 14,
    from: day('2024-11-17'),
    amountPence: 200000,
    description: 'Care fees 17 Nov 2024 – 30 Nov 2024, 14 days at £1,000.00 per week, Room 2',
  }),
  line({
    booking: 'bk-4',
    contract: 'ct-la-4',
    serviceUser: 'su-4',
    label: 'Dafydd ap Gruffydd',
    days: 9,
    from: day('2024-11-22'),
    amountPence: 128571,
    description:
      'Respite care 22 Nov 2024 – 30 Nov 2024, 9 days at £1,000.00 per week (provisional end date)',
    provisional: true,
  }),
];

const council: Invoice = {
  number: 'PREVIEW-202411-0001',
  payer: {
    kind: 'location_contact',
    id: 'lc-ceredigion',
    name: 'Cyngor Sir Ceredigion County Council',
    accountCode: 'CCC01',
    paymentMethod: 'bac',
    postalAddress: {
      address1: 'Adult Services Finance, Canolfan Rheidol',
      address2: 'Rhodfa Padarn, Llanbadarn Fawr',
      town: 'Aberystwyth',
      county: 'Ceredigion',
      postcode: 'SY23 3UE',
      country: 'United Kingdom',
    },
    email: 'finance@ceredigion.example',
  },
  location: 'loc-1',
  issuer: HOME,
  serviceUsers: ['su-1', 'su-2', 'su-3', 'su-4'],
  issueDate: NOV_FROM,
  dueDate: DUE,
  lines: councilLines,
  totalPence: total(councilLines),
  paymentInstructions: HOME.paymentInstructionsByMethod.bac ?? '',
  delivery: { email: ['finance@ceredigion.example'], post: false, largePrint: false },
  warnings: [],
};

const familyLines: InvoiceLine[] = [
  line({
    booking: 'bk-1',
    contract: 'ct-fam-1',
    serviceUser: 'su-1',
    label: 'Gwenllian Ŷwen',
    days: 30,
    amountPence: 42857,
    description: 'Third-party top-up 1 Nov 2024 – 30 Nov 2024, 30 days at £100.00 per week',
  }),
];

const family: Invoice = {
  number: 'PREVIEW-202411-0002',
  payer: {
    kind: 'service_user_contact',
    id: 'suc-1',
    name: 'Rhys Ŷwen',
    accountCode: 'YWE01',
    paymentMethod: 'direct_debit',
    postalAddress: {
      address1: '3 Heol y Bont',
      address2: '',
      town: 'Machynlleth',
      county: 'Powys',
      postcode: 'SY20 8AA',
      country: '',
    },
    email: 'rhys@example.org',
  },
  location: 'loc-1',
  issuer: HOME,
  serviceUsers: ['su-1'],
  issueDate: NOV_FROM,
  dueDate: DUE,
  lines: familyLines,
  totalPence: total(familyLines),
  paymentInstructions: HOME.paymentInstructionsByMethod.direct_debit ?? '',
  delivery: { email: [], post: true, largePrint: false },
  warnings: ['DD_WITHOUT_MANDATE'],
};

const largePrintLines: InvoiceLine[] = [
  line({
    booking: 'bk-2',
    contract: 'ct-fam-2',
    serviceUser: 'su-2',
    label: 'Łukasz Wróbel',
    days: 30,
    amountPence: 64286,
    description: 'Resident contribution 1 Nov 2024 – 30 Nov 2024, 30 days at £150.00 per week',
  }),
  line({
    booking: 'bk-5',
    contract: null,
    basis: 'default',
    serviceUser: 'su-2',
    label: 'Łukasz Wróbel',
    days: 2,
    from: day('2024-11-29'),
    amountPence: 9000,
    description: 'Hairdressing and chiropody 29 Nov 2024 – 30 Nov 2024, 2 days at £45.00 per day',
  }),
];

const largePrint: Invoice = {
  number: 'PREVIEW-202411-0003',
  payer: {
    kind: 'service_user_contact',
    id: 'suc-2',
    name: 'Zofia Wróblewska-Kowalczyk',
    accountCode: 'WRO01',
    paymentMethod: 'cheque',
    postalAddress: {
      address1: 'Flat 2, 41 Ffordd Llanbadarn',
      address2: '',
      town: 'Aberystwyth',
      county: '',
      postcode: 'SY23 1HB',
      country: '',
    },
    email: '',
  },
  location: 'loc-1',
  issuer: HOME,
  serviceUsers: ['su-2'],
  issueDate: NOV_FROM,
  dueDate: DUE,
  lines: largePrintLines,
  totalPence: total(largePrintLines),
  paymentInstructions: HOME.paymentInstructions,
  delivery: { email: [], post: true, largePrint: true },
  warnings: [],
};

/** Unbilled: a contact without billing enabled. Unallocated: shortfall, over-contracted. */
const UNBILLED_PENCE = 21429;
const SHORTFALL_PENCE = 12345;
const OVER_PENCE = -4286;

function warning(
  code: Problem['code'],
  resource: Problem['resource'],
  id: string,
  field: string,
  message: string,
): Problem {
  return { severity: 'warning', code, resource, id, field, value: '', message };
}

/**
 * The sample preview: three invoices, one unbilled entry, two unallocated entries (one
 * negative), a parked resident and three warnings, with totals that add up.
 */
export function samplePreview(): Preview {
  const invoices = [council, family, largePrint];
  const invoicedPence = invoices.reduce((sum, i) => sum + i.totalPence, 0);
  const unallocatedPence = SHORTFALL_PENCE + OVER_PENCE;
  return {
    period: { from: NOV_FROM, to: NOV_TO },
    invoices,
    unallocated: [
      {
        booking: 'bk-3',
        serviceUser: 'su-3',
        serviceUserName: 'Margaret Jones',
        from: day('2024-11-17'),
        to: NOV_TO,
        days: 14,
        amountPence: SHORTFALL_PENCE,
        reason: 'SHORTFALL',
      },
      {
        booking: 'bk-1',
        serviceUser: 'su-1',
        serviceUserName: 'Gwenllian Ŷwen',
        from: NOV_FROM,
        to: NOV_TO,
        days: 30,
        amountPence: OVER_PENCE,
        reason: 'OVER_CONTRACTED',
      },
    ],
    unbilled: [
      {
        booking: 'bk-6',
        contract: 'ct-9',
        payer: 'suc-9',
        payerName: 'Dafydd Ŵyn & Sons',
        from: NOV_FROM,
        to: NOV_TO,
        days: 30,
        amountPence: UNBILLED_PENCE,
        reason: 'BILLING_NOT_ENABLED',
      },
    ],
    parked: [
      {
        serviceUser: 'su-7',
        problems: [
          {
            severity: 'record',
            code: 'BAD_MONEY',
            resource: 'bookings',
            id: 'bk-7',
            field: 'rate',
            value: '"1385.54"',
            message:
              'Booking bk-7: rate "1385.54" is not a whole number of pence; write 138554 for £1,385.54.',
          },
        ],
      },
    ],
    warnings: [
      warning(
        'DD_WITHOUT_MANDATE',
        'service-user-contacts',
        'suc-1',
        'has_direct_debit_mandate',
        'Contact suc-1 pays by direct debit but has no mandate; set has_direct_debit_mandate or change payment_method.',
      ),
      warning(
        'OVER_CONTRACTED',
        'bookings',
        'bk-1',
        '',
        'Booking bk-1: contracts pay £42.86 more than the fee in November 2024; check the contributions.',
      ),
      warning(
        'FORMULA_TEXT',
        'service-users',
        'su-9',
        'last_name',
        '=HYPERLINK("http://evil.example","click") starts like a spreadsheet formula; it is written as text.',
      ),
    ],
    totals: {
      feesPence: invoicedPence + UNBILLED_PENCE + unallocatedPence,
      invoicedPence,
      unbilledPence: UNBILLED_PENCE,
      unallocatedPence,
    },
  };
}

/**
 * A preview of `count` family invoices for timing and scale tests, numbered from 0001.
 *
 * @example manyInvoices(200).invoices.length === 200
 */
export function manyInvoices(count: number): Preview {
  const base = samplePreview();
  const invoices: Invoice[] = [];
  for (let i = 0; i < count; i++) {
    const template = base.invoices[i % base.invoices.length]!;
    invoices.push({
      ...template,
      number: `PREVIEW-202411-${String(i + 1).padStart(4, '0')}`,
    });
  }
  const invoicedPence = invoices.reduce((sum, inv) => sum + inv.totalPence, 0);
  return {
    ...base,
    invoices,
    totals: {
      ...base.totals,
      invoicedPence,
      feesPence: invoicedPence + base.totals.unbilledPence + base.totals.unallocatedPence,
    },
  };
}

export const SAMPLE_INVOICES = { council, family, largePrint } as const;
