/**
 * Invoice previews for the export tests: a realistic month, bulk previews for file
 * splitting, previews with formula-like text, a fast-check arbitrary, and exact pounds
 * parsing for checking totals without floats.
 */
import type {
  Address,
  Day,
  Invoice,
  InvoiceLine,
  InvoicePayer,
  Location,
  Preview,
} from '@carebill/core';
import { addDays, dayFromYmd, sumPence } from '@carebill/core/internal';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';

export const NOV_1 = dayFromYmd(2024, 11, 1);
export const NOV_30 = dayFromYmd(2024, 11, 30);
const OCT_1 = dayFromYmd(2024, 10, 1);
const OCT_31 = dayFromYmd(2024, 10, 31);

export const OAKS: Location = {
  id: 'loc-oaks',
  name: 'The Oaks',
  companyName: 'Oaks Care Ltd',
  companyRegNo: '01234567',
  email: 'accounts@oaks.example',
  phone: '01632 960000',
  invoiceAddress: null,
  paymentInstructions: 'BACS to 12-34-56 87654321',
  paymentInstructionsByMethod: {},
};

const ADDRESS: Address = {
  address1: '12 High Street',
  address2: 'Flat 3',
  town: 'Canterbury',
  county: 'Kent',
  postcode: 'CT1 2AB',
  country: 'United Kingdom',
};

/** A payer, with overrides. */
export function makePayer(overrides: Partial<InvoicePayer> = {}): InvoicePayer {
  return {
    kind: 'service_user_contact',
    id: 'suc-1',
    name: "Margaret O'Brien",
    accountCode: 'OBR001',
    paymentMethod: 'bac',
    postalAddress: ADDRESS,
    email: 'margaret@example.com',
    ...overrides,
  };
}

/** A line covering November 2024 unless told otherwise. */
export function makeLine(overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    booking: 'bk-1',
    contract: 'bc-1',
    basis: 'contract',
    serviceUser: 'su-1',
    label: "Ann O'Brien",
    description: 'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £1,385.54 per week',
    from: NOV_1,
    to: NOV_30,
    days: 30,
    amountPence: 593803,
    provisional: false,
    adjusts: null,
    wasPence: null,
    nowPence: null,
    ...overrides,
  };
}

/** An invoice whose total is the sum of its lines. */
export function makeInvoice(
  number: string,
  lines: readonly InvoiceLine[],
  overrides: Partial<Omit<Invoice, 'lines' | 'totalPence' | 'number'>> = {},
): Invoice {
  const totalPence = sumPence(lines.map((line) => line.amountPence));
  return {
    kind: totalPence < 0 ? 'credit_note' : 'invoice',
    number,
    payer: makePayer(),
    location: OAKS.id,
    issuer: OAKS,
    serviceUsers: [
      ...new Set(lines.flatMap((line) => (line.serviceUser ? [line.serviceUser] : []))),
    ],
    issueDate: NOV_1,
    dueDate: addDays(NOV_1, 14),
    lines,
    totalPence,
    paymentInstructions: OAKS.paymentInstructions,
    delivery: { email: ['margaret@example.com'], post: false, largePrint: false },
    warnings: [],
    ...overrides,
  };
}

/** A preview of some invoices for November 2024, its totals worked out. */
export function makePreview(invoices: readonly Invoice[]): Preview {
  const invoicedPence = sumPence(invoices.map((invoice) => invoice.totalPence));
  return {
    period: { from: NOV_1, to: NOV_30 },
    options: { dayRule: 'day', monthly52: false, prefix: 'PREVIEW', dueDays: 14 },
    invoices,
    unallocated: [],
    unbilled: [],
    parked: [],
    warnings: [],
    totals: {
      feesPence: invoicedPence,
      invoicedPence,
      unbilledPence: 0,
      unallocatedPence: 0,
      adjustmentsPence: 0,
      unbilledAdjustmentsPence: 0,
    },
  };
}

/**
 * A realistic month: a daughter paying for her mother, a council paying for two residents on
 * one consolidated invoice (with a negative adjustment and a provisional line), and a
 * self-funder without an account code whose name needs quoting.
 */
export function samplePreview(): Preview {
  const obrien = makeInvoice('PREVIEW-202411-0001', [makeLine()]);
  const council = makeInvoice(
    'PREVIEW-202411-0002',
    [
      makeLine({
        booking: 'bk-2',
        contract: 'bc-2',
        serviceUser: 'su-2',
        label: 'Brown, Arthur (NHS 943 476 5919)',
        description: 'Council contribution 1 Nov 2024 – 30 Nov 2024, 30 days at £850.00 per week',
        amountPence: 364286,
      }),
      makeLine({
        booking: 'bk-3',
        contract: 'bc-3',
        serviceUser: 'su-3',
        label: 'Patel, Ravi',
        description:
          'Council contribution 1 Nov 2024 – 14 Nov 2024, 14 days at £850.00 per week\n"Room 4"',
        to: addDays(NOV_1, 13),
        days: 14,
        amountPence: 170000,
        provisional: true,
      }),
      makeLine({
        booking: 'bk-3',
        contract: 'bc-3',
        serviceUser: 'su-3',
        label: 'Patel, Ravi',
        description: 'Hospital absence adjustment',
        from: addDays(NOV_1, 9),
        to: addDays(NOV_1, 11),
        days: 3,
        amountPence: -12345,
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
  const jones = makeInvoice(
    'PREVIEW-202411-0003',
    [
      makeLine({
        booking: 'bk-4',
        contract: null,
        basis: 'default',
        serviceUser: 'su-4',
        label: 'Siân Jones',
        description: 'Care fees 1 Nov 2024 – 14 Nov 2024, 14 days at £1,385.54 per week',
        to: addDays(NOV_1, 13),
        days: 14,
        amountPence: 277108,
      }),
    ],
    {
      payer: makePayer({
        kind: 'service_user',
        id: 'su-4',
        name: 'Jones, Siân',
        accountCode: '',
        postalAddress: null,
        email: '',
      }),
    },
  );
  return makePreview([obrien, council, jones]);
}

/**
 * `count` invoices for as many payers, each with 1–3 lines (line count and amounts vary
 * with the index; a third line is often negative, but no invoice totals below zero, so
 * none is a credit note), numbered PREVIEW-202411-0001 onwards.
 */
export function bulkPreview(count: number): Preview {
  const invoices: Invoice[] = [];
  for (let i = 0; i < count; i += 1) {
    const lineCount = (i % 3) + 1;
    const lines = Array.from({ length: lineCount }, (_, j) =>
      makeLine({
        booking: `bk-${i}-${j}`,
        serviceUser: `su-${i}`,
        label: `Resident ${i}`,
        amountPence: 100_000 + ((i * 7919 + j * 104_729) % 500_000) - (j === 2 ? 250_000 : 0),
      }),
    );
    invoices.push(
      makeInvoice(`PREVIEW-202411-${String(i + 1).padStart(4, '0')}`, lines, {
        payer: makePayer({ id: `suc-${i}`, name: `Payer ${i}`, accountCode: `AC${i}` }),
      }),
    );
  }
  return makePreview(invoices);
}

/** The formula-like texts of the injection tests. */
export const FORMULA_TEXTS = [
  '=HYPERLINK("http://x","y")',
  '+44 1234',
  '@SUM(A1)',
  '-2+3',
  '\tTab led',
  '\rCR led',
] as const;

/**
 * One invoice per formula-like text, used as the payer's name and the resident's label; the
 * first totals below zero yet is an invoice, as a caller could build one by hand.
 */
export function formulaPreview(): Preview {
  return makePreview(
    FORMULA_TEXTS.map((text, i) =>
      makeInvoice(
        `PREVIEW-202411-${String(i + 1).padStart(4, '0')}`,
        [makeLine({ label: text, amountPence: i === 0 ? -1234 : 10_000 + i })],
        {
          payer: makePayer({ id: `p-${i}`, name: text, accountCode: `F${i}` }),
          // A hand-built invoice below zero, which core would make a credit note: the
          // exports write it as it is and warn NEGATIVE_TOTAL.
          ...(i === 0 && { kind: 'invoice' as const }),
        },
      ),
    ),
  );
}

/**
 * Pieces of awkward text: separators, quotes, line breaks, formula leads, accents, and
 * characters Windows-1252 cannot hold (ŵ, Ł, a minus sign that becomes a formula lead once
 * transliterated, an accent written as a combining mark, a CJK character).
 */
const PIECES = [
  'a',
  'Z',
  ' ',
  ',',
  '"',
  "'",
  '\n',
  '\r',
  '\r\n',
  '=',
  '+',
  '-',
  '@',
  '\t',
  'é',
  '£',
  ';',
  'ŵ',
  'Ł',
  '\u2212',
  'e\u0301',
  '東',
];
export const awkwardText = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 12 })
  .map((p) => p.join(''));

/**
 * Random previews: 0–6 invoices of 1–4 lines from a pool of up to 4 payers, amounts of
 * either sign, awkward names, labels, descriptions and account codes; some lines adjust
 * October (SPEC §10: `adjusts`, was, now), and an invoice below zero is a credit note.
 */
export const arbPreview: fc.Arbitrary<Preview> = fc
  .record({
    payers: fc.array(
      fc.record({ name: awkwardText, accountCode: fc.oneof(fc.constant(''), awkwardText) }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    invoices: fc.array(
      fc.record({
        payer: fc.nat(),
        lines: fc.array(
          fc.record({
            label: awkwardText,
            description: awkwardText,
            amountPence: fc.integer({ min: -10_000_000, max: 10_000_000 }),
            days: fc.integer({ min: 1, max: 30 }),
            wasPence: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
      }),
      { maxLength: 6 },
    ),
  })
  .map(({ payers, invoices }) =>
    makePreview(
      invoices.map((spec, i) => {
        const index = spec.payer % payers.length;
        const payer = payers[index]!;
        return makeInvoice(
          `PREVIEW-202411-${String(i + 1).padStart(4, '0')}`,
          spec.lines.map((line, j) =>
            makeLine({
              booking: `bk-${i}-${j}`,
              label: line.label,
              description: line.description,
              amountPence: line.amountPence,
              days: line.days,
              to: addDays(NOV_1, line.days - 1) as Day,
              ...(line.wasPence !== null && {
                from: OCT_1,
                to: addDays(OCT_1, line.days - 1) as Day,
                adjusts: { from: OCT_1, to: OCT_31 },
                wasPence: line.wasPence,
                nowPence: line.wasPence + line.amountPence,
              }),
            }),
          ),
          {
            payer: makePayer({
              id: `p-${index}`,
              name: payer.name,
              accountCode: payer.accountCode,
            }),
          },
        );
      }),
    ),
  );

/**
 * Exact pence of a written pounds amount (`-12.34` ⇒ -1234); throws on anything else, so
 * totals are summed as integers, never as floats.
 *
 * @example parsePounds('1385.54') === 138554
 */
export function parsePounds(text: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a pounds amount: ${JSON.stringify(text)}`);
  const magnitude = Number(match[2]) * 100 + Number(match[3]);
  return match[1] === '-' ? -magnitude : magnitude;
}

/**
 * Reads CSV text back with a second, independent reader (csv-parse): the header and the
 * records as objects keyed by header. Checks every record has the header's width.
 */
export function readCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const records: string[][] = parse(text, { bom: true, relax_column_count: false });
  const [header, ...body] = records;
  if (!header) throw new Error('no header row');
  return {
    header,
    rows: body.map((record) => Object.fromEntries(header.map((name, i) => [name, record[i]!]))),
  };
}
