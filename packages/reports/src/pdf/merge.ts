/**
 * A print pack made of invoice PDFs already rendered: their pages, copied as they are
 * (pdf-lib), with each font that several invoices share embedded once. Laying a pack out
 * again costs as much as rendering its invoices; copying their pages costs a fraction.
 */
import { createHash } from 'node:crypto';
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFObjectCopier,
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib';

const N = {
  BaseFont: PDFName.of('BaseFont'),
  DescendantFonts: PDFName.of('DescendantFonts'),
  Font: PDFName.of('Font'),
  FontDescriptor: PDFName.of('FontDescriptor'),
  Info: PDFName.of('Info'),
  Subtype: PDFName.of('Subtype'),
  Title: PDFName.of('Title'),
  ToUnicode: PDFName.of('ToUnicode'),
  W: PDFName.of('W'),
} as const;
/** The page entries copied as they are (MediaBox may be inherited; Resources is rebuilt). */
const PAGE_KEYS = ['CropBox', 'BleedBox', 'TrimBox', 'ArtBox', 'Rotate', 'Contents', 'Annots'];

/** A Type 0 font of the pack that pages of several invoices use. */
interface SharedFont {
  readonly ref: PDFRef;
  /** Its CID font dictionary, whose `W` is written once every page is in. */
  readonly cidFont: PDFDict;
  /** Every glyph width any of its invoices gave (CID → width). */
  readonly widths: Map<number, number>;
}

/**
 * The pages of `pdfs` in order as one PDF, each font that several of them share embedded
 * once (see `mergeInvoicePdfs` in invoice-pdf.ts, which loads this module on first use).
 * Each PDF is taken when its turn comes and nothing of it is kept once its pages are
 * copied, so an async iterable that reads them one at a time holds one input at a time.
 */
export async function mergePdfs(
  pdfs: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<Uint8Array> {
  const pack = await PDFDocument.create({ updateMetadata: false });
  const shared = new Map<string, SharedFont>();
  let info: PDFDict | undefined;
  let count = 0;
  for await (const bytes of pdfs) {
    const invoice = await PDFDocument.load(bytes, { updateMetadata: false });
    const copier = PDFObjectCopier.for(invoice.context, pack.context);
    if (count === 0) info = copyInfo(invoice, pack, copier);
    count += 1;
    const fonts = new Map<PDFRef, PDFRef>(); // this invoice's font → the pack's
    for (const page of invoice.getPages()) {
      const copy = pack.addPage();
      for (const key of PAGE_KEYS) {
        const value = page.node.get(PDFName.of(key));
        if (value !== undefined) copy.node.set(PDFName.of(key), copier.copy(value));
      }
      const mediaBox = page.node.MediaBox(); // may be inherited
      copy.node.set(PDFName.of('MediaBox'), copier.copy(mediaBox));
      const resources = page.node.Resources();
      const ownResources = pack.context.obj({});
      for (const [key, value] of resources?.entries() ?? []) {
        if (key !== N.Font) {
          ownResources.set(key, copier.copy(value));
          continue;
        }
        const pageFonts = pack.context.obj({});
        for (const [name, font] of invoice.context.lookup(value, PDFDict).entries()) {
          if (!(font instanceof PDFRef)) {
            pageFonts.set(name, copier.copy(font));
            continue;
          }
          let target = fonts.get(font);
          if (target === undefined) {
            target = packFont(invoice.context, pack.context, font, copier, shared);
            fonts.set(font, target);
          }
          pageFonts.set(name, target);
        }
        ownResources.set(key, pageFonts);
      }
      copy.node.set(PDFName.of('Resources'), ownResources);
    }
  }
  if (info === undefined) throw new RangeError('a print pack needs at least one invoice');
  info.set(N.Title, PDFString.of(`Print pack: ${count} invoices`)); // counted once all are in
  for (const font of shared.values()) font.cidFont.set(N.W, widthsArray(pack.context, font.widths));
  return pack.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity });
}

/** The pack's font for an invoice's font: one shared copy when it can be, else its own. */
function packFont(
  invoice: PDFContext,
  pack: PDFContext,
  ref: PDFRef,
  copier: PDFObjectCopier,
  shared: Map<string, SharedFont>,
): PDFRef {
  const identity = sharedFontIdentity(invoice, ref);
  if (identity === undefined) return copier.copy(ref);
  let font = shared.get(identity.key);
  if (font === undefined) {
    const copy = copier.copy(ref);
    const descendants = pack.lookup(copy, PDFDict).lookup(N.DescendantFonts, PDFArray);
    font = { ref: copy, cidFont: descendants.lookup(0, PDFDict), widths: new Map() };
    shared.set(identity.key, font);
  }
  addWidths(font.widths, invoice, identity.cidFont.get(N.W));
  return font.ref;
}

/**
 * A key that is the same for two Type 0 fonts exactly when they can be one font in the
 * pack: the same font program, text map, encoding and base name. Undefined for any other
 * kind of font (copied for each invoice).
 */
function sharedFontIdentity(
  context: PDFContext,
  ref: PDFRef,
): { key: string; cidFont: PDFDict } | undefined {
  const type0 = context.lookup(ref);
  if (!(type0 instanceof PDFDict) || type0.get(N.Subtype)?.toString() !== '/Type0') return;
  const descendants = type0.lookup(N.DescendantFonts);
  const cidFont = descendants instanceof PDFArray ? descendants.lookup(0) : undefined;
  if (!(cidFont instanceof PDFDict)) return;
  const descriptor = cidFont.lookup(N.FontDescriptor);
  if (!(descriptor instanceof PDFDict)) return;
  const program = ['FontFile2', 'FontFile3', 'FontFile']
    .map((key) => descriptor.lookup(PDFName.of(key)))
    .find((stream) => stream instanceof PDFRawStream);
  const toUnicode = type0.lookup(N.ToUnicode);
  if (!(program instanceof PDFRawStream) || !(toUnicode instanceof PDFRawStream)) return;
  const hash = createHash('sha256');
  for (const stream of [program, toUnicode]) {
    hash.update(stream.dict.toString()).update(stream.getContents());
  }
  // Everything but the widths: those are gathered from every invoice.
  const cidEntries = cidFont
    .entries()
    .filter(([key]) => key !== N.W && key !== N.FontDescriptor)
    .map(([key, value]) => `${key}${value}`);
  const type0Entries = type0
    .entries()
    .filter(([key]) => key !== N.DescendantFonts && key !== N.ToUnicode)
    .map(([key, value]) => `${key}${value}`);
  const descriptorEntries = descriptor
    .entries()
    .filter(([key]) => !key.toString().startsWith('/FontFile'))
    .map(([key, value]) => `${key}${value}`);
  hash.update([...type0Entries, ...cidEntries, ...descriptorEntries].join('\n'));
  return { key: hash.digest('hex'), cidFont };
}

/** Reads a `W` array (`c [w …]` and `first last w` entries) into `widths`. */
function addWidths(widths: Map<number, number>, context: PDFContext, w: PDFObject | undefined) {
  const array = w instanceof PDFRef ? context.lookup(w) : w;
  if (!(array instanceof PDFArray)) return;
  const items = array
    .asArray()
    .map((item) => (item instanceof PDFRef ? context.lookup(item) : item));
  for (let i = 0; i < items.length; ) {
    const first = numberOf(items[i]);
    const next = items[i + 1];
    if (next instanceof PDFArray) {
      for (const [offset, width] of next.asArray().entries())
        setWidth(widths, first + offset, numberOf(width));
      i += 2;
    } else {
      const last = numberOf(next);
      const width = numberOf(items[i + 2]);
      for (let cid = first; cid <= last; cid++) setWidth(widths, cid, width);
      i += 3;
    }
  }
}

function setWidth(widths: Map<number, number>, cid: number, width: number): void {
  const known = widths.get(cid);
  if (known !== undefined && known !== width)
    throw new Error(`glyph ${cid} has two widths (${known}, ${width}) in one font program`);
  widths.set(cid, width);
}

function numberOf(item: PDFObject | undefined): number {
  if (!(item instanceof PDFNumber)) throw new Error(`not a number in a W array: ${item}`);
  return item.asNumber();
}

/** A `W` array of runs of consecutive CIDs: `first [w w …]`. */
function widthsArray(context: PDFContext, widths: ReadonlyMap<number, number>): PDFArray {
  const entries: (number | number[])[] = [];
  let run: number[] = [];
  let previous = Number.NaN;
  for (const cid of [...widths.keys()].sort((a, b) => a - b)) {
    if (cid !== previous + 1) {
      run = [];
      entries.push(cid, run);
    }
    run.push(widths.get(cid) as number);
    previous = cid;
  }
  return context.obj(entries);
}

/** The first invoice's document information, as the pack's (retitled once all are in). */
function copyInfo(invoice: PDFDocument, pack: PDFDocument, copier: PDFObjectCopier): PDFDict {
  const info = invoice.context.lookup(invoice.context.trailerInfo.Info);
  const copy = info instanceof PDFDict ? copier.copy(info) : pack.context.obj({});
  pack.context.trailerInfo.Info = pack.context.register(copy);
  return copy;
}
