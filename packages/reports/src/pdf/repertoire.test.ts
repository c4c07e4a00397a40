import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  HAS_POPPLER,
  HAS_QPDF,
  pdfFonts,
  pdfText,
  qpdfCheck,
  savePdf,
} from '../../test/poppler.js';
import { NOV_FROM, NOV_TO, SAMPLE_INVOICES } from '../../test/sample-preview.js';
import { FONT, PdfEngine } from './engine.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { REPERTOIRE } from './repertoire.js';

const period = { from: NOV_FROM, to: NOV_TO };
const doc = (text: string) => ({
  content: [text, { text, bold: true }],
  defaultStyle: { font: FONT },
  info: { creationDate: new Date(Date.UTC(2024, 10, 1)), modDate: new Date(Date.UTC(2024, 10, 1)) },
});

/** The SHA-256 of each embedded font program (`/FontFile2` streams), as stored. */
function fontFiles(pdf: Uint8Array): string[] {
  const bytes = Buffer.from(pdf);
  const text = bytes.toString('latin1');
  return [...text.matchAll(/\/FontFile2 (\d+) 0 R/g)]
    .map(([, id]) => {
      const object = new RegExp(`\\n${id} 0 obj\\n<<([^]*?)>>\\nstream\\n`).exec(text);
      if (object === null) throw new Error(`no font file object ${id}`);
      const length = Number(/\/Length (\d+)/.exec(object[1] ?? '')?.[1]);
      const start = object.index + object[0].length;
      const stored = bytes.subarray(start, start + length);
      inflateSync(stored); // a whole deflated stream, or this throws
      return createHash('sha256').update(stored).digest('hex');
    })
    .sort();
}

describe('the repertoire subset', () => {
  it('covers the Welsh, Polish and typographic characters invoices print', () => {
    for (const ch of 'ŵŷŴŶŁłąśżẁẃẅỳșț£€–—‘’“”…\u00A0\u200B\u2011') {
      expect(REPERTOIRE, ch).toContain(ch.codePointAt(0));
    }
  });

  it('embeds the same font bytes in every invoice whose text it covers', async () => {
    const files = await Promise.all(
      [SAMPLE_INVOICES.council, SAMPLE_INVOICES.family, SAMPLE_INVOICES.largePrint].map(
        async (invoice) => fontFiles(await renderInvoicePdf(invoice, { period })),
      ),
    );
    expect(files[0]).toHaveLength(2); // Roboto Regular and Medium
    expect(new Set(files.map((f) => f.join()))).toHaveLength(1);
    // A new engine builds the same subset.
    const engine = new PdfEngine();
    expect(fontFiles(await engine.render(doc('Wales')))).toEqual(files[0]);
  });

  it.skipIf(!HAS_POPPLER)(
    'embeds Roboto and reads back ŵ ŷ Ł, and W after Ŵ, from the shared subset',
    async () => {
      const engine = new PdfEngine();
      const shared = fontFiles(await engine.render(doc('Wales')));
      const text = 'Ŵy Ŷ ŵ ŷ Łukasz Wales Wrexham – £1,234.56 “Tŷ’r Ysgol”';
      const pdf = await engine.render(doc(text));
      expect(fontFiles(pdf)).toEqual(shared); // nothing beyond the repertoire
      const path = savePdf(pdf, 'repertoire-welsh');
      const page = pdfText(path)[0] ?? '';
      expect(page.match(new RegExp(text, 'g'))).toHaveLength(2); // regular and bold
      for (const face of ['Roboto-Regular', 'Roboto-Medium'])
        expect(pdfFonts(path)).toMatch(
          new RegExp(`[A-Z]{6}\\+${face}\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes`),
        );
      if (HAS_QPDF) qpdfCheck(path);
    },
  );

  it.skipIf(!HAS_POPPLER)(
    'gives a document with characters beyond it a subset of its own, text intact',
    async () => {
      const engine = new PdfEngine();
      const shared = fontFiles(await engine.render(doc('Ŵales Łódź')));
      const text = 'Ωmega Жук ŵ Wales ﬁ Kingfisher';
      const beyond = await engine.render(doc(text));
      const path = savePdf(beyond, 'beyond-repertoire');
      const page = pdfText(path)[0] ?? '';
      expect(page).toContain('Ωmega Жук ŵ Wales fi Kingfisher'); // the ligature reads as letters
      expect(pdfFonts(path)).toMatch(
        /Roboto-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/,
      );
      if (HAS_QPDF) qpdfCheck(path);
      const own = fontFiles(beyond);
      expect(own).toHaveLength(2);
      for (const file of own) expect(shared).not.toContain(file);
      // The next document is back on the shared subset, and the fallback is repeatable.
      expect(fontFiles(await engine.render(doc('Wales')))).toEqual(shared);
      expect(Buffer.compare(await engine.render(doc(text)), beyond)).toBe(0);
    },
  );
});
