/**
 * Several one-section documents laid out in one pdfmake pass and rendered each into a
 * pdfkit document of its own: the same bytes as rendering each alone, for ~0.75× the CPU
 * (docs/performance.md, "Invoices laid out together").
 *
 * Why it is cheaper: pdfmake lays a document out in passes (text measured, then placed,
 * then footers), and a pass over 25 invoices costs about 1.5 ms of CPU an invoice against
 * 2.6 ms for one invoice alone (measured, the home month, `--single-threaded-gc`): the
 * same functions run hot on the same style and font objects, and the per-document set-up
 * (the pdfkit document, its fonts) is paid once. Rendering the laid-out pages into a
 * document per invoice then costs what a separate document must: its pages' text, its
 * fonts' objects and its cross-reference table.
 *
 * How: this is pdfmake 0.3's `Printer.createPdfKitDocument` split in two, from the same
 * classes (`pdfmake/js/*`): the layout into one measuring document, then, for each run of
 * pages that a section began, pdfmake's `Renderer` into a fresh document with that
 * section's metadata. The text runs hold the measuring document's fonts; each is swapped
 * for the new document's font of the same face while its pages render, so each document
 * embeds and maps exactly the glyphs it shows. Only what carebill's documents use is
 * carried over: no images, attachments, patterns, page-level header, watermark or
 * `pageBreakBefore`; {@link layOutSections} refuses a definition that has any of them.
 * The engine's tests hold every fixture invoice and print-pack mix to the bytes of a
 * separate render.
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';

/** A pdfmake document definition (as `engine.ts`). */
type DocDefinition = Record<string, unknown>;

/** The parts of pdfmake's instance a layout needs: its fonts, files and local policy. */
export interface PdfmakeSetup {
  readonly fonts: Record<string, Record<string, string>>;
  readonly virtualfs: unknown;
  readonly localAccessPolicy: ((path: string) => boolean) | undefined;
}

/** A pdfkit document as pdfmake's `PDFDocument` makes it: a readable stream of the PDF. */
export type PdfkitDocument = Readable & { end(): void };

interface LayoutFont {
  readonly __brand?: 'font';
}
interface Inline {
  font: LayoutFont;
}
interface Page {
  readonly items: readonly { readonly type: string; readonly item: { inlines?: Inline[] } }[];
  readonly customProperties: object;
}
interface MeasuringDocument {
  readonly fontCache: Record<string, Record<string, LayoutFont>>;
}
interface PdfmakeDocument extends PdfkitDocument, MeasuringDocument {
  provideFont(family: string, bold: boolean, italics: boolean): LayoutFont;
}
interface PdfmakeClasses {
  readonly PDFDocument: new (
    fonts: PdfmakeSetup['fonts'],
    images: object,
    patterns: object,
    attachments: object,
    options: object,
    virtualfs: unknown,
    localAccessPolicy: PdfmakeSetup['localAccessPolicy'],
  ) => PdfmakeDocument;
  readonly LayoutBuilder: new (
    pageSize: object,
    pageMargins: object,
    svgMeasure: object,
  ) => {
    registerTableLayouts(layouts: object): void;
    layoutDocument(
      content: unknown,
      document: MeasuringDocument,
      styles: object,
      defaultStyle: object,
      ...rest: unknown[]
    ): Page[];
  };
  readonly Renderer: new (document: PdfkitDocument) => { renderPages(pages: Page[]): void };
  readonly SVGMeasure: new () => object;
  readonly normalizePageSize: (size: unknown, orientation: unknown) => object;
  readonly normalizePageMargin: (margin: unknown) => object;
  readonly tableLayouts: object;
}

let classes: PdfmakeClasses | undefined;

/** pdfmake's own classes, from the same copy of pdfmake the engine uses. */
function pdfmakeClasses(): PdfmakeClasses {
  if (classes !== undefined) return classes;
  const require = createRequire(import.meta.url);
  const load = (name: string) => require(`pdfmake/js/${name}.js`) as Record<string, unknown>;
  const pageSize = load('PageSize');
  classes = {
    PDFDocument: load('PDFDocument')['default'],
    LayoutBuilder: load('LayoutBuilder')['default'],
    Renderer: load('Renderer')['default'],
    SVGMeasure: load('SVGMeasure')['default'],
    normalizePageSize: pageSize['normalizePageSize'],
    normalizePageMargin: pageSize['normalizePageMargin'],
    tableLayouts: load('tableLayouts')['tableLayouts'],
  } as PdfmakeClasses;
  return classes;
}

/** What pdfmake's Printer reads from a definition that carebill's documents never set. */
const UNSUPPORTED = [
  'header',
  'footer',
  'background',
  'watermark',
  'pageBreakBefore',
  'images',
  'attachments',
  'files',
  'patterns',
  'maxPagesNumber',
  'userPassword',
  'ownerPassword',
  'permissions',
  'version',
  'subset',
  'tagged',
  'displayTitle',
  'compress',
  'language',
  'pageOrientation',
] as const;

/** Documents laid out together, each rendered into a pdfkit document of its own on demand. */
export interface LaidOut {
  /** How many documents were laid out. */
  readonly count: number;
  /**
   * The pdfkit document of `docs[index]` (its pages rendered, not yet ended); given several
   * indexes, one document of all their pages in turn, with the first one's metadata (the
   * benchmark's pack floor). Each call renders afresh.
   */
  render(index: number | readonly number[]): PdfkitDocument;
}

/**
 * Lays out `docs` (each a definition of one or more sections, as pdfmake renders it
 * alone) in one pass. The documents must agree on everything but their content and `info`
 * (page size, styles, and the page margins of any section without its own): they are
 * laid out as one.
 *
 * @example const laidOut = layOutSections([docA, docB], setup); const a = laidOut.render(0); a.end();
 */
export function layOutSections(docs: readonly DocDefinition[], setup: PdfmakeSetup): LaidOut {
  const first = docs[0];
  if (first === undefined)
    return {
      count: 0,
      render: () => {
        throw new RangeError('nothing laid out');
      },
    };
  for (const doc of docs) {
    for (const key of UNSUPPORTED)
      if (doc[key] !== undefined) throw new Error(`carebill: layOutSections does not carry ${key}`);
    // A document's own page margins are only those of a section that sets none.
    const margins = sectionsOnly(doc['content']).every((node) => 'pageMargins' in node)
      ? []
      : ['pageMargins'];
    for (const key of ['pageSize', 'styles', 'defaultStyle', ...margins])
      if (!sameValue(doc[key], first[key]))
        throw new Error(`carebill: documents laid out together differ in ${key}`);
  }
  const pdfmake = pdfmakeClasses();
  const pageSize = pdfmake.normalizePageSize(first['pageSize'], undefined);
  const newDocument = (info: unknown) =>
    new pdfmake.PDFDocument(
      setup.fonts,
      {},
      {},
      {},
      printerOptions(pageSize, info),
      setup.virtualfs,
      setup.localAccessPolicy,
    );
  // Section starts, per document: the layout's pages are split where each began.
  const sectionsOf = docs.map((doc) => sectionsOnly(doc['content']).length);
  const measuring = newDocument(first['info']);
  const builder = new pdfmake.LayoutBuilder(
    pageSize,
    pdfmake.normalizePageMargin(first['pageMargins'] ?? 40),
    new pdfmake.SVGMeasure(),
  );
  builder.registerTableLayouts(pdfmake.tableLayouts);
  const pages = builder.layoutDocument(
    docs.flatMap((doc) => doc['content'] as unknown[]),
    measuring,
    (first['styles'] as object | undefined) ?? {},
    (first['defaultStyle'] as object | undefined) ?? { fontSize: 12, font: 'Roboto' },
  );
  const runs = splitBySection(pages, sectionsOf);
  return {
    count: docs.length,
    render(index) {
      const indexes = typeof index === 'number' ? [index] : index;
      const own = indexes.flatMap((i) => runs[i] ?? []);
      const document = newDocument(docs[indexes[0] ?? 0]?.['info']);
      withFontsOf(document, measuring, own, (fontsSet) =>
        new pdfmake.Renderer(document).renderPages(fontsSet),
      );
      return document;
    },
  };
}

/** The options pdfmake 0.3's Printer gives pdfkit for a definition with only these set. */
function printerOptions(pageSize: object, info: unknown): object {
  const { width, height } = pageSize as { width: number; height: number };
  return {
    size: [width, height],
    pdfVersion: '1.3',
    subset: undefined,
    tagged: false,
    displayTitle: false,
    compress: true,
    userPassword: undefined,
    ownerPassword: undefined,
    permissions: undefined,
    lang: undefined,
    fontLayoutCache: true,
    bufferPages: false,
    autoFirstPage: false,
    info: metadata(info),
    font: null,
  };
}

/** pdfmake's `createMetadata`: its defaults, then each set key, capitalised when standard. */
function metadata(info: unknown): Record<string, unknown> {
  const standard = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'];
  standard.push('CreationDate', 'ModDate', 'Trapped');
  const result: Record<string, unknown> = { Producer: 'pdfmake', Creator: 'pdfmake' };
  for (const [key, value] of Object.entries((info as Record<string, unknown>) ?? {})) {
    if (!value) continue;
    const capitalised = key.charAt(0).toUpperCase() + key.slice(1);
    result[standard.includes(capitalised) ? capitalised : key.replace(/\s+/g, '')] = value;
  }
  return result;
}

/** The sections at the top of a definition's content; throws if anything else is there. */
function sectionsOnly(content: unknown): object[] {
  const nodes: unknown[] = Array.isArray(content) ? content : [content];
  return nodes.map((node) => {
    if (typeof node !== 'object' || node === null || !('section' in node))
      throw new Error('carebill: documents laid out together must be sections only');
    return node;
  });
}

/**
 * The pages in runs, one per document: a section begins a page with its own properties
 * (pdfmake gives each section's first page a new `customProperties`, which the pages it
 * overflows onto share), and each document takes as many sections as it has.
 */
function splitBySection(pages: readonly Page[], sectionsOf: readonly number[]): Page[][] {
  const runs: Page[][] = sectionsOf.map(() => []);
  let doc = 0;
  let sectionsLeft = sectionsOf[0] ?? 0;
  let previous: object | undefined;
  for (const page of pages) {
    if (previous !== undefined && page.customProperties !== previous) {
      sectionsLeft -= 1;
      if (sectionsLeft === 0) {
        doc += 1;
        sectionsLeft = sectionsOf[doc] ?? 0;
      }
    }
    previous = page.customProperties;
    const run = runs[doc];
    if (run === undefined) throw new Error('carebill: more sections laid out than given');
    run.push(page);
  }
  if (doc !== sectionsOf.length - 1 || sectionsLeft !== 1)
    throw new Error('carebill: a section laid out no page');
  return runs;
}

/**
 * Runs `render` with every text run of `pages` set in `document`'s font of the same face
 * (the layout set them in the measuring document's), then sets them back.
 */
function withFontsOf(
  document: PdfmakeDocument,
  measuring: MeasuringDocument,
  pages: Page[],
  render: (pages: Page[]) => void,
): void {
  const inlines = pages.flatMap((page) =>
    page.items.flatMap(({ type, item }) => (type === 'line' ? (item.inlines ?? []) : [])),
  );
  const used = new Set(inlines.map((inline) => inline.font));
  // The faces this document uses, in the order the layout first asked for them (the order
  // pdfkit numbers them, /F1, /F2: a document alone asks in the same order, as carebill's
  // sections all begin alike).
  const own = new Map<LayoutFont, LayoutFont>();
  for (const [family, faces] of Object.entries(measuring.fontCache))
    for (const [face, font] of Object.entries(faces))
      if (used.has(font))
        own.set(
          font,
          document.provideFont(family, face.startsWith('bold'), face.endsWith('italics')),
        );
  const measured = inlines.map((inline) => inline.font);
  for (const inline of inlines) inline.font = own.get(inline.font) ?? inline.font;
  try {
    render(pages);
  } finally {
    inlines.forEach((inline, i) => {
      inline.font = measured[i] ?? inline.font;
    });
  }
}

/** Equal as JSON (the settings compared are plain data or the same object). */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
