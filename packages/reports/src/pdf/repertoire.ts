/**
 * One font subset per face, built once per engine and embedded as the same bytes in every
 * document: the glyphs of a fixed repertoire of characters (see {@link REPERTOIRE}).
 *
 * pdfkit subsets each font per document: the glyphs in the order the text first uses them,
 * encoded (fontkit's `TTFSubset.encode`) and deflated at the end of every document — about
 * a third of a one-page invoice's time. Here each face's subset glyph ids are fixed once,
 * so a document's text encodes against them as it is laid out, and its font file is the
 * same precomputed, already-deflated bytes in every document.
 *
 * A document that uses a glyph outside the repertoire (a character beyond it, or one the
 * shaper substitutes) gets those glyphs appended after the repertoire's, and its own font
 * file (the repertoire plus them) encoded at its end, as pdfkit would: right, only slower.
 *
 * How it plugs into pdfkit 0.19: the engine's parsed font answers `createSubset()` (which
 * pdfkit's `EmbeddedFont` calls once per document) with a {@link DocumentSubset}; before the
 * document is ended, {@link embedWithRepertoire} gives each such font of that one document
 * its own `embed`, which writes the font objects from the precomputed parts: the font file
 * and the text map (`ToUnicode`, every glyph of the subset) as stored bytes, the widths
 * (`W`) of the glyphs the document used, as pdfkit's own `embed` writes them.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const range = (first: number, last: number): number[] =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i);

/**
 * The characters every document's font subset holds. Chosen from the data: the generated
 * group month (27,889 invoices) uses ASCII, no-break and zero-width spaces, £ – · ‑ and
 * the Welsh and Polish letters ŷ Ŷ Ŵ Ł ł ą ś ż plus á é í ó ú â ë ü; real UK names and
 * addresses add the rest of Latin-1 and Latin Extended-A (Welsh ŵ ŷ and the Irish,
 * Scottish Gaelic, Polish, Lithuanian, Czech, Romanian and Turkish letters), the Welsh
 * ẁ ẃ ẅ ỳ and Romanian ș ț, and typographic punctuation and € from pasted text.
 */
export const REPERTOIRE: readonly number[] = [
  ...range(0x20, 0x7e), // ASCII
  ...range(0xa0, 0xff), // Latin-1 Supplement: no-break space, £, ·, ×, accented letters
  ...range(0x100, 0x17f), // Latin Extended-A: ŵ ŷ Ŵ Ŷ, Ł ł, ą ę ś ż, č š ž, ő ű, ğ ı ş …
  ...range(0x218, 0x21b), // Ș ș Ț ț (Romanian, comma below)
  ...range(0x1e80, 0x1e85), // Ẁ ẁ Ẃ ẃ Ẅ ẅ (Welsh)
  0x1ef2, // Ỳ (Welsh)
  0x1ef3, // ỳ
  0x200b, // zero-width space (the break opportunities of text.ts)
  0x2011, // non-breaking hyphen (large print)
  0x2013, // –
  0x2014, // —
  0x2018, // ‘
  0x2019, // ’
  0x201a, // ‚
  0x201c, // “
  0x201d, // ”
  0x201e, // „
  0x2022, // •
  0x2026, // …
  0x20ac, // €
  ...range(0xfb00, 0xfb04), // ﬀ ﬁ ﬂ ﬃ ﬄ: the glyphs the shaper sets for ff, fi, fl, ffi, ffl
];

/** The parts of a fontkit TrueType font used here. */
export interface SubsetFont {
  readonly unitsPerEm: number;
  readonly postscriptName: string;
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly italicAngle: number;
  readonly bbox: { minX: number; minY: number; maxX: number; maxY: number };
  readonly post: { isFixedPitch: number | boolean };
  readonly head: { macStyle: { italic?: boolean } };
  readonly 'OS/2'?: { sFamilyClass?: number };
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { readonly id: number };
  getGlyph(id: number): { readonly codePoints: readonly number[] };
  createSubset(): FontkitSubset;
}

interface FontkitSubset {
  readonly glyphs: readonly number[];
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Uint8Array;
}

/** What every document's copy of a face shares: the repertoire subset, encoded once. */
interface Repertoire {
  /** Glyph ids in subset order: .notdef, the repertoire's glyphs, then their components. */
  readonly glyphs: readonly number[];
  /** Glyph id → its id in the subset. */
  readonly subsetIds: ReadonlyMap<number, number>;
  /** The subset font file, deflated. */
  readonly fontFile: Buffer;
  /** Each subset glyph's `ToUnicode` entry (`<gid> <UTF-16BE>`), empty for none. */
  readonly unicodeEntries: readonly string[];
  /** The `ToUnicode` CMap of every glyph in the subset, deflated. */
  readonly toUnicode: Buffer;
  /** The 6-letter subset tag of the font name (from the font file's bytes). */
  readonly tag: string;
  /** The font descriptor's entries but the name and font file. */
  readonly descriptor: Readonly<Record<string, unknown>>;
  readonly makeSubset: () => FontkitSubset;
}

const repertoires = new WeakMap<object, Repertoire>();

/**
 * Makes every document's subset of `font` start from the repertoire: pdfkit's
 * `EmbeddedFont` then encodes text against fixed glyph ids. The repertoire is built on the
 * first document.
 *
 * @example useRepertoire(parsedFont); // once, right after parsing
 */
export function useRepertoire(font: SubsetFont): void {
  const makeSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    let repertoire = repertoires.get(font);
    if (repertoire === undefined) {
      repertoire = buildRepertoire(font, makeSubset);
      repertoires.set(font, repertoire);
    }
    return new DocumentSubset(repertoire) as unknown as FontkitSubset;
  };
}

function buildRepertoire(font: SubsetFont, makeSubset: () => FontkitSubset): Repertoire {
  const subset = makeSubset();
  // The cmap's glyphs. Shaping each character alone gives the same glyphs (less the
  // soft hyphen's and the zero-width space's, which it drops), and shaping every pair of
  // them adds only the ligatures; a glyph shaping makes beyond these falls back (above).
  for (const codePoint of REPERTOIRE)
    if (font.hasGlyphForCodePoint(codePoint))
      subset.includeGlyph(font.glyphForCodePoint(codePoint).id);
  const bytes = subset.encode(); // appends the components of composite glyphs
  const glyphs = [...subset.glyphs];
  const scale = 1000 / font.unitsPerEm;
  // The code points pdfkit records for a glyph are its glyph object's (one per id, for the
  // font's life); .notdef maps to U+0000 as pdfkit maps it.
  const unicodeEntries = glyphs.map((glyph, id) =>
    unicodeEntry(id, id === 0 ? [0] : font.getGlyph(glyph).codePoints),
  );
  return {
    glyphs,
    subsetIds: new Map(glyphs.map((glyph, index) => [glyph, index])),
    fontFile: deflateSync(bytes),
    unicodeEntries,
    toUnicode: deflateSync(toUnicodeCMap(unicodeEntries)),
    tag: subsetTag(bytes),
    descriptor: descriptorOf(font, scale),
    makeSubset,
  };
}

/** Six capital letters from the font file's bytes: the same subset, the same tag. */
function subsetTag(bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join(
    '',
  );
}

/** The font descriptor's metrics and flags (PDF 32000-1 §9.8), in glyph space. */
function descriptorOf(font: SubsetFont, scale: number): Record<string, unknown> {
  const familyClass = (font['OS/2']?.sFamilyClass ?? 0) >> 8;
  let flags = 1 << 2; // symbolic: the font's own glyph ids, not a standard encoding
  if (font.post.isFixedPitch) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1; // serif
  if (familyClass === 10) flags |= 1 << 3; // script
  if (font.head.macStyle.italic) flags |= 1 << 6;
  const { bbox } = font;
  return {
    Type: 'FontDescriptor',
    Flags: flags,
    FontBBox: [bbox.minX * scale, bbox.minY * scale, bbox.maxX * scale, bbox.maxY * scale],
    ItalicAngle: font.italicAngle,
    Ascent: font.ascent * scale,
    Descent: font.descent * scale,
    CapHeight: (font.capHeight || font.ascent) * scale,
    XHeight: (font.xHeight || 0) * scale,
    StemV: 0,
  };
}

/**
 * One document's subset: the repertoire's glyph ids, then any other glyph the document
 * uses, numbered after them in the order first used.
 */
class DocumentSubset {
  readonly repertoire: Repertoire;
  readonly extra: number[] = [];
  readonly #extraIds = new Map<number, number>();

  constructor(repertoire: Repertoire) {
    this.repertoire = repertoire;
  }

  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'object' ? glyph.id : glyph;
    const fixed = this.repertoire.subsetIds.get(id) ?? this.#extraIds.get(id);
    if (fixed !== undefined) return fixed;
    const next = this.repertoire.glyphs.length + this.extra.length;
    this.extra.push(id);
    this.#extraIds.set(id, next);
    return next;
  }

  encode(): never {
    // pdfkit's own embed would write this subset with holes in its widths: refuse loudly.
    throw new Error('carebill: a repertoire font was embedded without its embed (pdfkit changed?)');
  }
}

/** The parts of pdfkit 0.19's document and embedded font used here. */
interface PdfkitRef {
  data: Record<string, unknown>;
  end(chunk?: Uint8Array | string): void;
}
interface PdfkitDocument {
  ref(data?: Record<string, unknown>): PdfkitRef;
  readonly _fontFamilies?: Record<string, unknown>;
}
interface PdfkitFont {
  readonly document: PdfkitDocument;
  readonly subset: unknown;
  readonly widths: readonly (number | undefined)[];
  readonly unicode: readonly (readonly number[] | undefined)[];
  readonly font: SubsetFont;
  readonly dictionary: PdfkitRef;
  embed(): void;
}

/**
 * Gives each repertoire font of one pdfkit document (`pdfmake`'s `getStream()`, not yet
 * ended) the embed that writes the precomputed subset. Call it before ending the document.
 *
 * @example const pdf = await pdfmake.createPdf(doc).getStream(); embedWithRepertoire(pdf); pdf.end();
 */
export function embedWithRepertoire(document: object): void {
  const fonts = (document as PdfkitDocument)._fontFamilies;
  if (fonts === undefined) throw new Error('carebill: pdfkit document without _fontFamilies');
  for (const font of new Set(Object.values(fonts)) as Set<PdfkitFont>) {
    if (font.subset instanceof DocumentSubset) {
      const subset = font.subset;
      font.embed = () => embedFont(font, subset);
    }
  }
}

/** Writes a face's objects (PDF 32000-1 §9.7): font file, descriptor, CID font, Type 0. */
function embedFont(font: PdfkitFont, subset: DocumentSubset): void {
  const { document } = font;
  const { repertoire } = subset;
  let fontFile: PdfkitRef;
  let tag = repertoire.tag;
  if (subset.extra.length === 0) {
    fontFile = document.ref({ Filter: 'FlateDecode' }); // deflated already
    fontFile.end(repertoire.fontFile);
  } else {
    const own = repertoire.makeSubset();
    for (const glyph of [...repertoire.glyphs, ...subset.extra]) own.includeGlyph(glyph);
    const bytes = own.encode();
    tag = subsetTag(bytes);
    fontFile = document.ref(); // pdfkit deflates it
    fontFile.end(bytes);
  }
  const name = `${tag}+${font.font.postscriptName.replaceAll(' ', '_')}`;
  const descriptor = document.ref({
    ...repertoire.descriptor,
    FontName: name,
    FontFile2: fontFile,
  });
  descriptor.end();
  const descendant = document.ref({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: name,
    CIDSystemInfo: {
      Registry: new String('Adobe'),
      Ordering: new String('Identity'),
      Supplement: 0,
    },
    FontDescriptor: descriptor,
    W: widthsArray(font.widths),
    CIDToGIDMap: 'Identity',
  });
  descendant.end();
  let toUnicode: PdfkitRef;
  if (subset.extra.length === 0) {
    toUnicode = document.ref({ Filter: 'FlateDecode' });
    toUnicode.end(repertoire.toUnicode);
  } else {
    const extra = font.unicode
      .slice(repertoire.glyphs.length)
      .map((codePoints, i) => unicodeEntry(repertoire.glyphs.length + i, codePoints ?? []));
    toUnicode = document.ref();
    toUnicode.end(toUnicodeCMap([...repertoire.unicodeEntries, ...extra]));
  }
  font.dictionary.data = {
    Type: 'Font',
    Subtype: 'Type0',
    BaseFont: name,
    Encoding: 'Identity-H',
    DescendantFonts: [descendant],
    ToUnicode: toUnicode,
  };
  font.dictionary.end();
}

/**
 * The `W` array of the glyphs a document used (pdfkit fills `widths` as it encodes text):
 * one `first [w w …]` entry per run of consecutive ids.
 */
function widthsArray(widths: readonly (number | undefined)[]): unknown[] {
  const entries: unknown[] = [];
  let run: number[] | undefined;
  widths.forEach((width, id) => {
    if (width === undefined) {
      run = undefined;
      return;
    }
    if (run === undefined || widths[id - 1] === undefined) {
      run = [];
      entries.push(id, run);
    }
    run.push(width);
  });
  return entries;
}

/** One glyph's `ToUnicode` entry: its id and the UTF-16BE of its code points; '' for none. */
function unicodeEntry(id: number, codePoints: readonly number[]): string {
  if (codePoints.length === 0) return '';
  const text = String.fromCodePoint(...codePoints);
  let utf16 = '';
  for (let i = 0; i < text.length; i++) utf16 += hex4(text.charCodeAt(i));
  return `<${hex4(id)}> <${utf16}>`;
}

/**
 * A `ToUnicode` CMap (PDF 32000-1 §9.10.3): which text each glyph id stands for, so the
 * text copies and searches as written.
 */
function toUnicodeCMap(entries: readonly string[]): string {
  const pairs = entries.filter((entry) => entry !== '');
  const blocks: string[] = [];
  for (let i = 0; i < pairs.length; i += 100) {
    const block = pairs.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
