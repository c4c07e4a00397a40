/**
 * Documents made of sections — one invoice each — every section starting on a new page
 * and numbering its own pages ("Page 1 of 2" of that invoice, even inside a print pack).
 *
 * pdfmake hands a footer only the document's page number and count. Each section's
 * `background` callback, which pdfmake calls as every page is added (before any footer is
 * laid out), records which section the page belongs to; the footers then read that record.
 */
import type { Content, DocDefinition } from './engine.js';

export interface Section {
  readonly content: Content;
  readonly pageMargins: readonly [number, number, number, number];
  /** The footer of the `page`-th of `pages` pages of this section. */
  readonly footer: (page: number, pages: number) => Content;
}

/**
 * One document of the sections in order, with per-section page numbers.
 *
 * @example sectionedDocument([section], { info: { title: 'Invoice' } })
 */
export function sectionedDocument(
  sections: readonly Section[],
  base: DocDefinition,
): DocDefinition {
  const pagesOf = sections.map(() => new Set<number>());
  return {
    ...base,
    pageSize: 'A4',
    pageMargins: sections[0]?.pageMargins ?? 40,
    content: sections.map((section, index) => ({
      section: section.content,
      pageMargins: section.pageMargins,
      background: (page: number) => {
        pagesOf[index]?.add(page);
        return null;
      },
      footer: (page: number) => {
        const pages = [...(pagesOf[index] ?? [])];
        const first = Math.min(...pages);
        return section.footer(page - first + 1, pages.length);
      },
    })),
  };
}
