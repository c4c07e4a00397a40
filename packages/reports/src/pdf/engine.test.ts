import { describe, expect, it } from 'vitest';
import { runScript } from '../../test/child.js';
import { HAS_POPPLER, pdfFonts, pdfText, savePdf } from '../../test/poppler.js';
import { NOV_FROM, NOV_TO, SAMPLE_INVOICES } from '../../test/sample-preview.js';
import { FONT, PdfEngine, renderPdf } from './engine.js';
import { renderInvoicePdf } from './invoice-pdf.js';

const doc = (text: string) => ({
  content: [text],
  defaultStyle: { font: FONT },
  info: { creationDate: new Date(Date.UTC(2024, 10, 1)), modDate: new Date(Date.UTC(2024, 10, 1)) },
});

describe.skipIf(!HAS_POPPLER)('the shared font', () => {
  it('keeps W searchable after a composite Ŵ was embedded in an earlier document', async () => {
    // Embedding Ŵ adds its component W to the subset; fontkit used to keep that W glyph,
    // with no code points, for every later document of the process.
    await renderPdf(doc('Ŵ ŷ Ł'));
    const later = await renderPdf(doc('Wales Way'));
    expect(pdfText(savePdf(later, 'w-after-circumflex'))[0]).toContain('Wales Way');
    expect(Buffer.compare(later, await renderPdf(doc('Wales Way')))).toBe(0);
  });

  it('copies ligatures out as their letters, as a freshly parsed font does', async () => {
    // The layout sets "fi", "ffi", "fl" and "ff" as one ligature glyph each; the text
    // behind it must stay the letters, or an email address copies out wrong.
    const text = 'Kingfisher accounts@kingfisherview.example Griffiths Waffle Staff';
    const page = pdfText(savePdf(await renderPdf(doc(text)), 'ligatures'))[0];
    expect(page).toContain(text);
    expect(page).not.toMatch(/[\uFB00-\uFB06]/);
  });
});

interface Coexistence {
  readonly ours: string;
  readonly theirs: string;
  readonly singleton: {
    readonly fonts: unknown;
    readonly urlAccessPolicy: string;
    readonly localAccessPolicy: string;
    readonly virtualFiles: readonly string[];
  };
  readonly roboto: unknown;
}

describe("a caller's own pdfmake, in the same process", () => {
  for (const order of ['ours-first', 'theirs-first'] as const) {
    it(`keeps pdfmake's defaults and renders both documents (${order})`, async () => {
      const run = await runScript<Coexistence>('pdfmake-coexist.ts', order);
      // The singleton is exactly as the caller left it: their fonts, no policy, no files.
      expect(run.singleton).toEqual({
        fonts: run.roboto,
        urlAccessPolicy: 'undefined',
        localAccessPolicy: 'undefined',
        virtualFiles: [],
      });
      // Our invoice is the same bytes it is in a process with no caller at all.
      const alone = await renderInvoicePdf(SAMPLE_INVOICES.council, {
        period: { from: NOV_FROM, to: NOV_TO },
      });
      expect(Buffer.compare(Buffer.from(run.ours, 'base64'), alone)).toBe(0);
      const theirs = Buffer.from(run.theirs, 'base64');
      expect(theirs.subarray(0, 5).toString()).toBe('%PDF-');
      if (HAS_POPPLER) {
        const path = savePdf(theirs, `caller-${order}`);
        expect(pdfText(path)[0]).toMatch(/Caller plain Wales\s+Caller italic\s+Caller bold italic/);
        const fonts = pdfFonts(path);
        for (const face of ['Roboto-Regular', 'Roboto-Italic', 'Roboto-MediumItalic']) {
          expect(fonts).toContain(face);
        }
      }
    });
  }
});

describe('PdfEngine', () => {
  it('gives the same bytes from separate engines, each with its own fonts', async () => {
    // pdfmake annotates a document definition as it lays it out: a fresh one per render.
    const text = 'Gwenllian Ŷwen, Łukasz, Kingfisher';
    const fromA = await new PdfEngine().render(doc(text));
    expect(Buffer.compare(await new PdfEngine().render(doc(text)), fromA)).toBe(0);
    expect(Buffer.compare(await renderPdf(doc(text)), fromA)).toBe(0);
  });
});
