/**
 * Invoices with adjustments to earlier periods, and credit notes (SPEC §10), rendered and
 * read back with poppler: the "Adjustments to earlier periods" section after the period's
 * own charges, a credit note titled "Credit note" that asks for no payment but says how
 * the credit will be used, and large print kept at 18 pt.
 */
import type { Invoice, InvoiceLine } from '@carebill/core';
import { dayFromYmd, sumPence } from '@carebill/core/internal';
import { describe, expect, it } from 'vitest';
import {
  HAS_POPPLER,
  HAS_QPDF,
  pdfText,
  pdfWords,
  qpdfCheck,
  robotoSize,
  savePdf,
} from '../../test/poppler.js';
import { SAMPLE_INVOICES, samplePreview } from '../../test/sample-preview.js';
import { MM } from './envelope.js';
import { LARGE_PRINT_BODY_PT } from './invoice-large-print.js';
import { DEFAULT_CREDIT_WORDING } from './invoice-parts.js';
import { renderInvoicePdf, renderPrintPack } from './invoice-pdf.js';

const { council, largePrint } = SAMPLE_INVOICES;
const period = samplePreview().period;
const OCTOBER = { from: dayFromYmd(2024, 10, 1), to: dayFromYmd(2024, 10, 31) };
const SEPTEMBER = { from: dayFromYmd(2024, 9, 1), to: dayFromYmd(2024, 9, 30) };

function adjustment(
  base: InvoiceLine,
  adjusts: typeof OCTOBER,
  wasPence: number,
  nowPence: number,
  days: number,
): InvoiceLine {
  return {
    ...base,
    from: adjusts.from,
    to: adjusts.to,
    days,
    adjusts,
    wasPence,
    nowPence,
    amountPence: nowPence - wasPence,
    provisional: false,
    description: `Adjustment: invoiced £${(wasPence / 100).toFixed(2)}, now £${(nowPence / 100).toFixed(2)} for ${days} days`,
  };
}

function withLines(invoice: Invoice, lines: InvoiceLine[], overrides: Partial<Invoice> = {}) {
  const totalPence = sumPence(lines.map((l) => l.amountPence));
  return {
    ...invoice,
    lines,
    totalPence,
    kind: totalPence < 0 ? 'credit_note' : 'invoice',
    ...overrides,
  } satisfies Invoice;
}

// The council's November, plus an uplift for Gwenllian's October and a late discharge of
// Łukasz in September: £13,509.45 − £2,142.85 + £83.40 = £11,450.00.
const adjustedCouncil = withLines(council, [
  ...council.lines,
  adjustment(council.lines[1]!, SEPTEMBER, 414285, 200000, 14),
  adjustment(council.lines[0]!, OCTOBER, 593803, 602143, 31),
]);

// Łukasz's contribution for October no longer due: a credit note of £642.86 − £90.00.
const creditNote = withLines(
  largePrint,
  [
    adjustment(largePrint.lines[0]!, OCTOBER, 64286, 0, 0),
    adjustment(largePrint.lines[1]!, OCTOBER, 0, 9000, 2),
  ],
  { paymentInstructions: 'We will take this credit off your next invoice.' },
);
const standardCredit = {
  ...creditNote,
  delivery: { ...creditNote.delivery, largePrint: false },
} satisfies Invoice;

describe.skipIf(!HAS_POPPLER)('adjustments and credit notes read back with poppler', () => {
  it('puts the adjustments after the period’s charges: period, invoiced, now, adjustment', async () => {
    expect(adjustedCouncil.totalPence).toBe(1145000);
    const path = savePdf(await renderInvoicePdf(adjustedCouncil, { period }), 'adjusted');
    const text = pdfText(path).join('\n');
    const charges = text.indexOf('Charges for 1 Nov 2024 to 30 Nov 2024');
    const adjustments = text.indexOf('Adjustments to earlier periods');
    expect(charges).toBeGreaterThan(0);
    expect(adjustments).toBeGreaterThan(charges);
    expect(text).toMatch(/Charges for this period\s+£13,509\.45/);
    expect(text).toMatch(
      /Łukasz Wróbel\s+1 Sep 2024 – 30 Sep 2024\s+£4,142\.85\s+£2,000\.00\s+-£2,142\.85/,
    );
    expect(text).toMatch(
      /Gwenllian Ŷwen\s+1 Oct 2024 – 31 Oct 2024\s+£5,938\.03\s+£6,021\.43\s+£83\.40/,
    );
    expect(text).toMatch(/Total adjustments\s+-£2,059\.45/);
    expect(text).toMatch(/Total due\s+£11,450\.00/);
    expect(text).toMatch(/Please pay\s+£11,450\.00/);
    expect(text).toContain('How to pay');
    expect(text.indexOf('Total due')).toBeGreaterThan(adjustments);
    if (HAS_QPDF) expect(qpdfCheck(path)).toMatch(/No syntax or stream encoding errors/);
  });

  it('titles a credit note "Credit note", asks for no payment and says how the credit is used', async () => {
    const path = savePdf(await renderInvoicePdf(standardCredit, { period }), 'credit');
    const [page, ...more] = pdfText(path);
    expect(more).toEqual([]);
    expect(page).toContain('Credit note');
    expect(page).toContain('Credit note number');
    expect(page).not.toMatch(/\bInvoice\b/);
    expect(page).not.toContain('Due date');
    expect(page).not.toContain('How to pay');
    expect(page).not.toContain('Please pay');
    expect(page).toContain('How this credit will be used');
    expect(page).toContain('We will take this credit off your next invoice.');
    expect(page).toMatch(
      /Please quote credit note number PREVIEW-202411-0003 and your account code/,
    );
    expect(page).toMatch(/Total credit\s+£552\.86/);
    expect(page).toMatch(/1 Oct 2024 – 31 Oct 2024\s+£642\.86\s+£0\.00\s+-£642\.86/);
    expect(page).toContain(`${creditNote.number} · Page 1 of 1`);
  });

  it('words a credit note without instructions of the home’s own', async () => {
    const bare = { ...standardCredit, paymentInstructions: '' } satisfies Invoice;
    const text = pdfText(savePdf(await renderInvoicePdf(bare, { period }), 'credit-bare'))
      .join('\n')
      .replace(/\s+/g, ' ');
    expect(text).toContain(DEFAULT_CREDIT_WORDING);
  });

  it('sets a large-print credit note at 18 pt, left-aligned, titled and worded for a credit', async () => {
    const path = savePdf(await renderInvoicePdf(creditNote, { period }), 'credit-large');
    const words = pdfWords(path);
    expect(Math.min(...words.map(robotoSize))).toBeGreaterThanOrEqual(16 - 0.05);
    for (const word of words.filter((w) => w.yMin > 95 * MM))
      expect(robotoSize(word), word.text).toBeGreaterThanOrEqual(LARGE_PRINT_BODY_PT - 0.05);
    const text = pdfText(path).join('\n');
    for (const expected of [
      'Credit note',
      'Credit note number: PREVIEW-202411-0003',
      'Amount of credit: £552.86',
      'Adjustments to earlier periods',
      'Period: 1 Oct 2024 to 31 Oct 2024',
      'Invoiced before: £642.86',
      'Now: £0.00',
      'Adjustment: -£642.86',
      'Total credit: £552.86',
      'How this credit will be used',
      'Please quote credit note number PREVIEW-202411-0003.',
      'Credit note PREVIEW-202411-0003',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('How to pay');
    expect(text).not.toContain('Please pay by');
    expect(text).not.toContain('What this invoice is for');
  });

  it('sets a large-print invoice’s adjustments after its charges, before the total to pay', async () => {
    const large = {
      ...adjustedCouncil,
      delivery: { ...adjustedCouncil.delivery, largePrint: true },
    } satisfies Invoice;
    const path = savePdf(await renderInvoicePdf(large, { period }), 'adjusted-large');
    const words = pdfWords(path);
    for (const word of words.filter((w) => w.yMin > 95 * MM))
      expect(robotoSize(word), word.text).toBeGreaterThanOrEqual(LARGE_PRINT_BODY_PT - 0.05);
    const text = pdfText(path).join('\n');
    const order = [
      'Amount to pay: £11,450.00',
      'What this invoice is for',
      'Charge: Care fees 1 Nov 2024',
      'Adjustments to earlier periods',
      'Period: 1 Sep 2024 to 30 Sep 2024',
      'Invoiced before: £4,142.85',
      'Now: £2,000.00',
      'Adjustment: -£2,142.85',
      'Period: 1 Oct 2024 to 31 Oct 2024',
      'Adjustment: £83.40',
      'Total to pay: £11,450.00',
      'How to pay',
    ];
    let at = -1;
    for (const expected of order) {
      const next = text.indexOf(expected, at + 1);
      expect(next, expected).toBeGreaterThan(at);
      at = next;
    }
  });

  it('asks for nothing on an invoice whose adjustments cancel out', async () => {
    const zero = withLines(council, [
      adjustment(council.lines[0]!, OCTOBER, 593803, 602143, 31),
      adjustment(council.lines[1]!, OCTOBER, 428571, 420231, 31),
    ]);
    expect(zero.totalPence).toBe(0);
    for (const invoice of [zero, { ...zero, delivery: { ...zero.delivery, largePrint: true } }]) {
      const text = pdfText(savePdf(await renderInvoicePdf(invoice, { period }), 'zero'))
        .join('\n')
        .replace(/\s+/g, ' ');
      expect(text).toContain('Nothing to pay');
      expect(text).toContain('cancel each other out');
      expect(text).not.toContain('How to pay');
      expect(text).not.toContain('Please pay');
    }
  });

  it('puts a credit note in a print pack with its own title and page numbers', async () => {
    const path = savePdf(
      await renderPrintPack([adjustedCouncil, standardCredit], { period }),
      'pack-credit',
    );
    const pages = pdfText(path);
    const last = pages.at(-1)!;
    expect(last).toContain('Credit note');
    expect(last).toContain(`${creditNote.number} · Page 1 of 1`);
  });
});

describe('invoices without adjustments', () => {
  it('render as before: no adjustments section', async () => {
    if (!HAS_POPPLER) return;
    const text = pdfText(savePdf(await renderInvoicePdf(council, { period }), 'plain')).join('\n');
    expect(text).not.toContain('Adjustments to earlier periods');
    expect(text).not.toContain('Charges for this period');
    expect(text).toMatch(/Total due\s+£13,509\.45/);
  });
});
