import { describe, expect, it } from 'vitest';
import { HAS_POPPLER, pdfText, savePdf } from '../../test/poppler.js';
import { FONT, renderPdf } from './engine.js';

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
