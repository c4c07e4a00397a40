import { execFileSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import type { Invoice, InvoiceLine } from '@carebill/core';
import { describe, expect, it } from 'vitest';
import { runScriptWith } from '../../test/child.js';
import {
  HAS_POPPLER,
  HAS_QPDF,
  pdfFonts,
  pdfPages,
  pdfText,
  pdfWords,
  qpdfCheck,
  robotoSize,
  savePdf,
} from '../../test/poppler.js';
import { SAMPLE_INVOICES, samplePreview } from '../../test/sample-preview.js';
import { MM } from './envelope.js';
import { LARGE_PRINT_BODY_PT } from './invoice-large-print.js';
import {
  mergeInvoicePdfs,
  renderInvoicePdf,
  renderPrintPack,
  writeInvoicePdf,
  writePrintPack,
} from './invoice-pdf.js';

/** What a writer puts into a PassThrough, once the writer has ended it. */
async function collected(write: (stream: PassThrough) => Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  await write(stream);
  await ended;
  return Buffer.concat(chunks);
}

if (!HAS_POPPLER) {
  console.warn('Skipping PDF read-back tests: pdftotext (poppler-utils) is not installed.');
}

const { council, family, largePrint } = SAMPLE_INVOICES;
const period = samplePreview().period;

describe('renderInvoicePdf', () => {
  it('gives the same bytes for the same invoice', async () => {
    const a = await renderInvoicePdf(council, { period });
    const b = await renderInvoicePdf(council, { period });
    expect(Buffer.from(a.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('writes the same bytes into a stream, ending it', async () => {
    const bytes = await renderInvoicePdf(largePrint, { period });
    const streamed = await collected((s) => writeInvoicePdf(largePrint, s, { period }));
    expect(Buffer.compare(streamed, bytes)).toBe(0);
    const pack = await renderPrintPack([council, family], { period });
    const packStreamed = await collected((s) => writePrintPack([council, family], s, { period }));
    expect(Buffer.compare(packStreamed, pack)).toBe(0);
  });

  it('renders an invoice with no issuer, no address and no account code', async () => {
    for (const base of [family, largePrint]) {
      const bare: Invoice = {
        ...base,
        issuer: null,
        paymentInstructions: '',
        payer: { ...base.payer, postalAddress: null, accountCode: '', paymentMethod: null },
      };
      const pdf = await renderInvoicePdf(bare);
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
      if (HAS_POPPLER) {
        const text = pdfText(savePdf(pdf, 'bare')).join('\n');
        expect(text).toContain(base.number);
        expect(text).toContain('Please contact us to arrange payment.');
      }
    }
  });
});

describe.skipIf(!HAS_POPPLER)('invoice PDFs read back with poppler', () => {
  it('shows the number, dates, lines, total and Welsh and Polish names', async () => {
    const path = savePdf(await renderInvoicePdf(council, { period }), 'council');
    const [page, ...more] = pdfText(path);
    expect(more).toEqual([]);
    for (const expected of [
      'Invoice',
      'PREVIEW-202411-0001',
      'CCC01',
      '1 Nov 2024',
      '15 Nov 2024',
      'Gwenllian Ŷwen',
      'Łukasz Wróbel',
      'Ystafell Ŵy',
      '£5,938.03',
      '£13,509.45',
      'Bryn Awel Care Ltd',
      'Company registration number 01234567',
      'sort code 12-34-56',
      'Page 1 of 1',
    ]) {
      expect(page, expected).toContain(expected);
    }
    expect(pdfFonts(path)).toMatch(/Roboto-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    if (HAS_QPDF) expect(qpdfCheck(path)).toMatch(/No syntax or stream encoding errors/);
  });

  it('puts the payer address in the DL envelope window', async () => {
    const path = savePdf(await renderInvoicePdf(family, { period }), 'family');
    const words = pdfWords(path);
    const addressWords = ['Rhys', 'Ŷwen', 'Heol', 'Machynlleth', 'Powys', 'SY20', '8AA'];
    for (const text of addressWords) {
      const word = words.find((w) => w.text === text && w.page === 1);
      expect(word, text).toBeDefined();
      // Window: 20–110 mm from the left, 45–90 mm from the top.
      expect(word!.xMin).toBeGreaterThanOrEqual(20 * MM);
      expect(word!.xMax).toBeLessThanOrEqual(110 * MM);
      expect(word!.yMin).toBeGreaterThanOrEqual(45 * MM);
      expect(word!.yMax).toBeLessThanOrEqual(90 * MM);
    }
    const name = words.find((w) => w.text === 'Rhys')!;
    expect(name.xMin / MM).toBeCloseTo(22, 0);
    expect(name.yMin / MM).toBeCloseTo(50, 0);
  });

  it('sets large print at 18 pt, left-aligned, with page numbers as large as the body', async () => {
    const path = savePdf(await renderInvoicePdf(largePrint, { period }), 'large');
    const words = pdfWords(path);
    const sizes = words.map(robotoSize);
    // Nothing under 16 pt (the envelope address is 16 pt); the body is 18 pt.
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16 - 0.05);
    const body = words.filter((w) => w.yMin > 95 * MM);
    expect(body.length).toBeGreaterThan(50);
    for (const word of body)
      expect(robotoSize(word), word.text).toBeGreaterThanOrEqual(LARGE_PRINT_BODY_PT - 0.05);
    const pageWord = words.find((w) => w.text === 'Page')!;
    expect(robotoSize(pageWord)).toBeCloseTo(LARGE_PRINT_BODY_PT, 1);
    // Left-aligned, one column: every line starts at the left margin (or the window).
    const lineStarts = new Map<string, number>();
    for (const w of body) {
      const key = `${w.page}:${w.yMin.toFixed(1)}`;
      lineStarts.set(key, Math.min(lineStarts.get(key) ?? Infinity, w.xMin));
    }
    for (const x of lineStarts.values()) expect(x).toBeCloseTo(20 * MM, 0);

    const pages = pdfText(path);
    expect(pages.length).toBe(pdfPages(path));
    expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
    const all = pages.join('\n');
    // Amounts, dates and the invoice number each stay on one line.
    for (const whole of [
      '£732.86',
      '£642.86',
      '£90.00',
      '15 Nov 2024',
      '29 Nov 2024',
      'PREVIEW-202411-0003',
      '12‑34‑56',
    ]) {
      expect(all, whole).toContain(whole);
    }
    expect(all).toContain('Łukasz Wróbel');
    // No text in capitals (the invoice number and account code are codes, not text).
    const prose = all
      .replaceAll(largePrint.number, '')
      .replaceAll(largePrint.payer.accountCode, '');
    expect(prose).not.toMatch(/\b[A-Z]{4,}\b/);
    expect(pdfFonts(path)).not.toMatch(/Italic/);
    if (HAS_QPDF) qpdfCheck(path);
  });

  it('wraps long unbroken text and loses no row of a long table', async () => {
    const token = 'X'.repeat(120);
    const lines: InvoiceLine[] = Array.from({ length: 45 }, (_, i) => ({
      ...council.lines[0]!,
      booking: `bk-long-${i}`,
      label: i === 0 ? `Resident-${token}` : `Resident ${i + 1}`,
      // Line 2's description alone is taller than a page (about 200 lines of the column).
      description: i === 1 ? `Note: ${token.repeat(60)}` : council.lines[0]!.description,
      amountPence: 10000 + i,
    }));
    const invoice: Invoice = {
      ...council,
      lines,
      totalPence: lines.reduce((s, l) => s + l.amountPence, 0),
    };
    const path = savePdf(await renderInvoicePdf(invoice, { period }), 'long');
    const text = pdfText(path).join('\n');
    for (const line of lines) expect(text).toContain(`£${(line.amountPence / 100).toFixed(2)}`);
    expect(text.match(/X/g)?.length).toBe(120 * 61);
    expect(text).toContain('Page 2 of');
    // Nothing runs off the page: every word ends inside the right margin.
    for (const word of pdfWords(path)) expect(word.xMax).toBeLessThanOrEqual(595.28 - 19 * MM);
  });
});

describe.skipIf(!HAS_POPPLER)('renderPrintPack', () => {
  it('starts each invoice on a new page and numbers pages per invoice', async () => {
    const single = await Promise.all(
      [council, largePrint, family].map(async (i) =>
        pdfPages(savePdf(await renderInvoicePdf(i, { period }))),
      ),
    );
    const pack = await renderPrintPack([council, largePrint, family], { period });
    const path = savePdf(pack, 'pack');
    const pages = pdfText(path);
    expect(pages.length).toBe(single[0]! + single[1]! + single[2]!);
    expect(pages[0]).toContain('PREVIEW-202411-0001 · Page 1 of 1');
    expect(pages[1]).toContain('Page 1 of 2');
    expect(pages[1]).toContain('Invoice PREVIEW-202411-0003');
    expect(pages[2]).toContain('Page 2 of 2');
    expect(pages[3]).toContain('PREVIEW-202411-0002 · Page 1 of 1');
    expect(pages[3]).toContain('Rhys Ŷwen');
    const again = await renderPrintPack([council, largePrint, family], { period });
    expect(Buffer.compare(again, pack)).toBe(0);
    await expect(renderPrintPack([])).rejects.toThrow(/at least one invoice/);
    if (HAS_QPDF) qpdfCheck(path);
  });
});

describe('text too long to lay out', () => {
  it('a megabyte name and line description are cut, and the invoice still renders', async () => {
    // Unbounded, pdfmake's layout is quadratic in a paragraph's words: 300,000 characters
    // took 8.7 s and a megabyte never finished, so this test would time out.
    const long = 'Wa '.repeat(350_000);
    const huge: Invoice = {
      ...council,
      payer: { ...council.payer, name: long },
      lines: council.lines.map((line) => ({ ...line, label: long, description: long })),
    };
    const pdf = await renderInvoicePdf(huge, { period });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (HAS_POPPLER) {
      const text = pdfText(savePdf(pdf, 'huge-name')).join('\n');
      expect(text).toContain('Wa Wa Wa');
      expect(text.match(/…/g)?.length).toBeGreaterThanOrEqual(3); // name, label, description
      expect(text.length).toBeLessThan(long.length / 4);
    }
  });
});

describe('mergeInvoicePdfs', () => {
  const invoices = [council, largePrint, family];

  it('makes the pack renderPrintPack lays out, from the invoices already rendered', async () => {
    const singles = await Promise.all(invoices.map((i) => renderInvoicePdf(i, { period })));
    const merged = await mergeInvoicePdfs(singles);
    expect(Buffer.compare(await mergeInvoicePdfs(singles), merged)).toBe(0);
    // Taken one at a time (as the CLI reads the files): the same bytes, the same count.
    async function* oneAtATime(pdfs: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
      for (const pdf of pdfs) yield pdf;
    }
    expect(Buffer.compare(await mergeInvoicePdfs(oneAtATime(singles)), merged)).toBe(0);
    await expect(mergeInvoicePdfs([])).rejects.toThrow(RangeError);
    await expect(mergeInvoicePdfs(oneAtATime([]))).rejects.toThrow(RangeError);
    if (!HAS_POPPLER) return;
    const path = savePdf(merged, 'merged-pack');
    const laidOut = savePdf(await renderPrintPack(invoices, { period }), 'laid-out-pack');
    // The same words in the same places on the same pages, the same text out.
    expect(pdfWords(path)).toEqual(pdfWords(laidOut));
    expect(pdfText(path)).toEqual(pdfText(laidOut));
    // One embedded font per face, shared by all the invoices' pages.
    const fonts = pdfFonts(path).trim().split('\n').slice(2);
    expect(fonts).toHaveLength(2);
    for (const font of fonts) expect(font).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Print pack: 3 invoices/);
    expect(info).toMatch(/Author:\s+Bryn Awel Care Ltd/);
    if (HAS_QPDF) qpdfCheck(path);
  });

  it('keeps a font of its own for an invoice with characters beyond the shared subset', async () => {
    const greek: Invoice = { ...family, payer: { ...family.payer, name: 'Ωmega Παπαδόπουλος' } };
    const singles = await Promise.all(
      [council, greek, family].map((i) => renderInvoicePdf(i, { period })),
    );
    const merged = await mergeInvoicePdfs(singles);
    if (!HAS_POPPLER) return;
    const path = savePdf(merged, 'merged-beyond');
    expect(pdfText(path).join('\n')).toContain('Ωmega Παπαδόπουλος');
    expect(pdfText(path)).toEqual(
      pdfText(savePdf(await renderPrintPack([council, greek, family], { period }))),
    );
    // The shared faces, and the Greek invoice's own copy of the face its name is set in.
    expect(pdfFonts(path).trim().split('\n').slice(2).length).toBeGreaterThan(2);
  });
});

describe('PDF bytes in any time zone', () => {
  it('gives the same invoice, merged pack and laid-out pack bytes far behind and far ahead of UTC', async () => {
    const [behind, ahead] = await Promise.all(
      ['America/Los_Angeles', 'Pacific/Kiritimati'].map((TZ) =>
        runScriptWith<{ invoices: string[]; merged: string; laidOut: string }>(
          { TZ },
          'pdf-digests.ts',
        ),
      ),
    );
    expect(behind?.invoices).toHaveLength(3);
    expect(ahead).toEqual(behind);
    expect(new Set([behind?.merged, behind?.laidOut, ...(behind?.invoices ?? [])]).size).toBe(5);
  }, 60_000);
});
