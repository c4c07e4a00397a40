/**
 * The tables every sheet and CSV export is written from: each column's header, in order,
 * and a blank cell where the value is null; what a spreadsheet cell can hold (SPEC §6).
 */
import type { Invoice, InvoiceLine } from '@carebill/core';
import { describe, expect, it } from 'vitest';
import { adjustedPreview } from '../../test/adjusted-preview.js';
import { SAMPLE_INVOICES } from '../../test/sample-preview.js';
import { ADJUSTMENT_COLUMNS, adjustmentRows, isAdjustment, splitLines } from './adjustments.js';
import { cleanCellText, MAX_CELL_CHARS } from './cell-text.js';
import { INVOICE_COLUMNS } from './invoices.js';
import { invoiceKindLabel, payerKindLabel, paymentMethodLabel } from './labels.js';
import { LEFTOVER_COLUMNS, type LeftoverRow } from './leftovers.js';
import { LINE_COLUMNS, locationName } from './lines.js';
import { WARNING_COLUMNS, type WarningRow } from './warnings.js';

const headers = (columns: readonly { header: string }[]) => columns.map((c) => c.header);
const cell = <Row>(
  columns: readonly { header: string; value: (r: Row) => unknown }[],
  header: string,
  row: Row,
) => columns.find((c) => c.header === header)?.value(row);

describe('the Invoices table', () => {
  it('has its sixteen columns in order', () => {
    expect(headers(INVOICE_COLUMNS)).toEqual([
      'Invoice',
      'Kind',
      'Payer',
      'Payer type',
      'Account code',
      'Location',
      'Residents',
      'Issue date',
      'Due date',
      'Payment method',
      'Email to',
      'Post',
      'Large print',
      'Warnings',
      'Lines',
      'Total',
    ]);
  });

  it('says "Not set" for a payer with no payment method', () => {
    expect(paymentMethodLabel(null)).toBe('Not set');
  });
});

describe('the Unbilled & unallocated table', () => {
  const row: LeftoverRow = {
    kind: 'Unallocated',
    booking: 'b1',
    contract: null,
    party: null,
    partyName: 'Ann Smith',
    from: 0 as LeftoverRow['from'],
    to: 0 as LeftoverRow['to'],
    days: 1,
    amountPence: 100,
    reason: 'no payer',
  };

  it('has its ten columns in order', () => {
    expect(headers(LEFTOVER_COLUMNS)).toEqual([
      'Kind',
      'Booking',
      'Contract',
      'Payer / resident',
      'Name',
      'From',
      'To',
      'Days',
      'Amount',
      'Reason',
    ]);
  });

  it('leaves the contract and the party blank where there is none', () => {
    expect(cell(LEFTOVER_COLUMNS, 'Contract', row)).toBe('');
    expect(cell(LEFTOVER_COLUMNS, 'Payer / resident', row)).toBe('');
  });

  it('shows the contract and the party where there is one', () => {
    const named = { ...row, contract: 'c1', party: 'su1' };
    expect(cell(LEFTOVER_COLUMNS, 'Contract', named)).toBe('c1');
    expect(cell(LEFTOVER_COLUMNS, 'Payer / resident', named)).toBe('su1');
  });
});

describe('lines and adjustments', () => {
  const invoice = SAMPLE_INVOICES.family;
  const own = invoice.lines[0] as InvoiceLine;
  const adjusting: InvoiceLine = { ...own, adjusts: { from: own.from, to: own.to } } as InvoiceLine;

  it('a line is an adjustment exactly when it names the period it adjusts', () => {
    expect(isAdjustment(own)).toBe(false);
    expect(isAdjustment(adjusting)).toBe(true);
    const split = splitLines({ ...invoice, lines: [own, adjusting, own] } as Invoice);
    expect(split).toEqual({ own: [own, own], adjustments: [adjusting] });
  });

  it('a line with no contract and no resident leaves both cells blank', () => {
    const bare = { ...own, contract: null, serviceUser: null } as InvoiceLine;
    expect(cell(LINE_COLUMNS, 'Contract', { invoice, line: bare })).toBe('');
    expect(cell(LINE_COLUMNS, 'Resident id', { invoice, line: bare })).toBe('');
    const named = { ...own, contract: 'c1', serviceUser: 'su1' } as InvoiceLine;
    expect(cell(LINE_COLUMNS, 'Contract', { invoice, line: named })).toBe('c1');
    expect(cell(LINE_COLUMNS, 'Resident id', { invoice, line: named })).toBe('su1');
  });

  it('an invoice from no named home shows its location id, else nothing', () => {
    expect(locationName({ ...invoice, issuer: null, location: 'loc9' } as Invoice)).toBe('loc9');
    expect(locationName({ ...invoice, issuer: null, location: null } as unknown as Invoice)).toBe(
      '',
    );
  });

  it('an adjustment row with no contract and no resident id leaves both blank', () => {
    const row = { contract: null, residentId: null } as unknown as Parameters<
      (typeof ADJUSTMENT_COLUMNS)[number]['value']
    >[0];
    expect(cell(ADJUSTMENT_COLUMNS, 'Contract', row)).toBe('');
    expect(cell(ADJUSTMENT_COLUMNS, 'Resident id', row)).toBe('');
    const named = { ...row, contract: 'c1', residentId: 'su1' };
    expect(cell(ADJUSTMENT_COLUMNS, 'Contract', named)).toBe('c1');
    expect(cell(ADJUSTMENT_COLUMNS, 'Resident id', named)).toBe('su1');
  });
});

describe('cleanCellText: at most 32,767 characters a cell', () => {
  it('leaves a text of exactly the limit whole and not truncated', () => {
    const text = 'a'.repeat(MAX_CELL_CHARS);
    expect(cleanCellText(text)).toEqual({ text, removed: 0, truncated: false });
  });

  it('cuts a plain text one over the limit at the limit', () => {
    expect(cleanCellText(`${'a'.repeat(MAX_CELL_CHARS)}b`)).toEqual({
      text: 'a'.repeat(MAX_CELL_CHARS),
      removed: 0,
      truncated: true,
    });
  });

  it('keeps a pair that ends exactly at the limit', () => {
    const text = `${'a'.repeat(MAX_CELL_CHARS - 2)}\udbff\udfff`;
    expect(cleanCellText(`${text}b`)).toEqual({ text, removed: 0, truncated: true });
  });

  it.each([
    ['U+D800 U+DC00', '\ud800\udc00'],
    ['U+DBFF U+DFFF', '\udbff\udfff'],
  ])('never splits the pair %s that straddles the limit', (_label, pair) => {
    const cut = cleanCellText(`${'a'.repeat(MAX_CELL_CHARS - 1)}${pair}`);
    expect(cut.text).toBe('a'.repeat(MAX_CELL_CHARS - 1));
    expect(cut.truncated).toBe(true);
  });
});

describe('the Warnings table', () => {
  it('has its seven columns in order, and a warning parks no resident', () => {
    expect(headers(WARNING_COLUMNS)).toEqual([
      'Kind',
      'Code',
      'Resource',
      'Id',
      'Field',
      'Resident parked',
      'Message',
    ]);
    const row = { kind: 'Warning', serviceUser: null, problem: {} } as unknown as WarningRow;
    expect(cell(WARNING_COLUMNS, 'Resident parked', row)).toBe('');
    expect(
      cell(WARNING_COLUMNS, 'Resident parked', { ...row, kind: 'Parked', serviceUser: 'su1' }),
    ).toBe('su1');
  });
});

describe('adjustmentRows', () => {
  it('names each adjustment’s payer as kind/id, as the Payer id column prints it', () => {
    const preview = adjustedPreview();
    const expected = preview.invoices.flatMap((invoice) =>
      invoice.lines
        .filter((line) => line.adjusts !== null)
        .map(() => `${invoice.payer.kind}/${invoice.payer.id}`),
    );
    const rows = adjustmentRows(preview).slice(0, expected.length);
    expect(rows.map((r) => r.payer)).toEqual(expected);
    expect(expected.every((payer) => /^[a-z_]+\/.+$/.test(payer))).toBe(true);
  });
});

describe('an adjustment left unbilled', () => {
  it('is a row of its own: where and payer from the entry, no invoice, nothing to print of one', () => {
    const preview = adjustedPreview();
    const entry = preview.unbilled.find((e) => e.adjusts !== null);
    const row = adjustmentRows(preview).at(-1);
    expect(row).toMatchObject({
      invoice: null,
      where: `Unbilled (${entry?.reason})`,
      payer: `${entry?.payerKind}/${entry?.payer}`,
      accountCode: '',
      location: '',
      resident: '',
      residentId: null,
      description: '',
    });
  });
});

describe('labels', () => {
  it.each([
    ['bac', 'BACS'],
    ['card', 'Card'],
    ['cash', 'Cash'],
    ['cheque', 'Cheque'],
    ['direct_debit', 'Direct debit'],
    ['standing_order', 'Standing order'],
  ] as const)('payment method %s is %j', (method, label) => {
    expect(paymentMethodLabel(method)).toBe(label);
  });

  it.each([
    ['location_contact', 'Location contact'],
    ['service_user_contact', 'Resident contact'],
    ['service_user', 'Resident'],
  ] as const)('payer kind %s is %j', (kind, label) => {
    expect(payerKindLabel(kind)).toBe(label);
  });

  it('an invoice and a credit note by name', () => {
    expect([invoiceKindLabel('invoice'), invoiceKindLabel('credit_note')]).toEqual([
      'Invoice',
      'Credit note',
    ]);
  });
});
