import type { Invoice, InvoiceLine } from '@carebill/core';
import { describe, expect, it } from 'vitest';
import { HAS_POPPLER, pdfText, savePdf } from '../../test/poppler.js';
import { SAMPLE_INVOICES, samplePreview } from '../../test/sample-preview.js';
import { defaultPdfEngine, FONT } from './engine.js';
import { invoiceDocument, renderInvoicePdf, renderInvoicePdfs } from './invoice-pdf.js';

const { council, family, largePrint } = SAMPLE_INVOICES;
const period = samplePreview().period;

/** Invoices of every shape the layout has: standard, large print, credit note, multi-page, beyond the repertoire. */
function mixedInvoices(): Invoice[] {
  const lines: InvoiceLine[] = Array.from({ length: 45 }, (_, i) => ({
    ...(council.lines[0] as InvoiceLine),
    booking: `bk-long-${i}`,
    label: `Resident ${i + 1}`,
    amountPence: 10_000 + i,
  }));
  const long: Invoice = {
    ...council,
    number: 'PREVIEW-202411-0100',
    lines,
    totalPence: lines.reduce((sum, line) => sum + line.amountPence, 0),
  };
  const longLarge: Invoice = {
    ...long,
    number: 'PREVIEW-202411-0101',
    delivery: largePrint.delivery,
  };
  const credit: Invoice = { ...family, number: 'PREVIEW-202411-C001', kind: 'credit_note' };
  const greek: Invoice = { ...family, payer: { ...family.payer, name: 'Ωmega Παπαδόπουλος' } };
  return [council, long, largePrint, greek, family, credit, longLarge, ...samplePreview().invoices];
}

describe('renderInvoicePdfs (laid out together, rendered apart)', () => {
  it('gives each invoice the bytes renderInvoicePdf gives it alone', async () => {
    const invoices = mixedInvoices();
    const alone: Uint8Array[] = [];
    for (const invoice of invoices) alone.push(await renderInvoicePdf(invoice, { period }));
    const together = await renderInvoicePdfs(invoices, { period });
    expect(together).toHaveLength(invoices.length);
    together.forEach((pdf, i) => {
      expect(Buffer.compare(pdf, alone[i] as Uint8Array), invoices[i]?.number).toBe(0);
    });
    // In any grouping and order: the shapes above reversed, the last one alone.
    const reordered = invoices.slice(0, 7).reverse();
    const again = [
      ...(await renderInvoicePdfs(reordered.slice(0, 1), { period })),
      ...(await renderInvoicePdfs(reordered.slice(1), { period })),
    ];
    again.forEach((pdf, i) => {
      expect(Buffer.compare(pdf, alone[6 - i] as Uint8Array)).toBe(0);
    });
  }, 300_000); // ~25 invoices twice: seconds alone, minutes on a machine busy at idle priority

  it.skipIf(!HAS_POPPLER)('reads back Welsh and Polish names and W after Ŵ', async () => {
    const wales: Invoice = { ...family, payer: { ...family.payer, name: 'Ŵyn Wales Ŷr Łąka' } };
    const [pdf] = await renderInvoicePdfs([wales, council], { period });
    const text = pdfText(savePdf(pdf as Uint8Array, 'together-wales')).join('\n');
    expect(text).toContain('Ŵyn Wales Ŷr Łąka');
  });

  it('gives nothing for no invoices', async () => {
    expect(await renderInvoicePdfs([], { period })).toEqual([]);
  });

  it('refuses documents it cannot lay out as one', async () => {
    const engine = defaultPdfEngine();
    const doc = invoiceDocument(council, { period });
    await expect(engine.renderEach([doc, { ...doc, header: 'x' }])).rejects.toThrow(/header/);
    await expect(engine.renderEach([doc, { ...doc, pageSize: 'A5' }])).rejects.toThrow(/pageSize/);
    await expect(
      engine.renderEach([{ content: ['Hello'], defaultStyle: { font: FONT } }]),
    ).rejects.toThrow(/sections only/);
  });
});
