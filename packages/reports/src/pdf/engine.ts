/**
 * The one PDF setup of this package (invoices, print packs, the runway). A {@link PdfEngine}
 * is a pdfmake instance of its own, so the `require('pdfmake')` singleton a caller uses for
 * their own documents keeps pdfmake's defaults: its fonts, its access policies, its virtual
 * file system. pdfmake's Node entry exports one instance of its class; an engine makes
 * another instance of that class and gives it its own virtual file system (the class's
 * default is one shared by the module).
 *
 * Each engine: no URL or local file is ever fetched (access policies that refuse
 * everything, so pdfmake prints no warning), and Roboto, the Unicode TrueType face pdfmake
 * ships, embedded so Welsh ŵ/ŷ and Polish Ł render (the standard PDF fonts only cover
 * Windows-1252).
 *
 * Each Roboto face is parsed once per engine and shared by all its documents
 * (reference/libraries.md: 27 ms → about 10 ms an invoice; pdfkit #1094). pdfkit 0.19 only
 * takes font bytes, so the engine hands it a small token instead, and a fontkit format
 * answers that token with the already-parsed font. fontkit's public `registerFormat` is
 * the hook; the format is added once per process and claims only token objects this module
 * made (by identity), so every other font anyone opens parses exactly as before.
 *
 * Each face is subset once per engine, to a fixed repertoire of characters, and every
 * document embeds those same bytes (`repertoire.ts`).
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writeInto } from '../streams.js';
import { layOutSections, type PdfmakeSetup } from './layout-once.js';
import { embedWithRepertoire, type SubsetFont, useRepertoire } from './repertoire.js';
import { boundText } from './text.js';

/** A pdfmake document definition (pdfmake ships no types; the builders here are tested). */
export type DocDefinition = Record<string, unknown>;
/** A pdfmake content node. */
export type Content = string | { readonly [key: string]: unknown } | readonly Content[];

/** The font family name documents use. */
export const FONT = 'Roboto';

/** The parts of a pdfmake 0.3 Node instance used here. */
interface Pdfmake extends PdfmakeSetup {
  virtualfs: VirtualFs;
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: DocDefinition): {
    /** The pdfkit document: a readable stream of the PDF once `end()` is called. */
    getStream(): Promise<Readable & { end(): void }>;
  };
}

interface VirtualFs {
  writeFileSync(name: string, content: Uint8Array): void;
}

interface Fontkit {
  create(buffer: Uint8Array): unknown;
  registerFormat(format: unknown): void;
}

const require = createRequire(import.meta.url);
const PDFMAKE_DIR = dirname(require.resolve('pdfmake/package.json'));
const ROBOTO_DIR = join(PDFMAKE_DIR, 'fonts', 'Roboto');
const FACES = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf' } as const;
/** The bytes of a token: no font format starts so, should one ever reach another reader. */
const TOKEN_BYTES = [0x63, 0x62, 0x66, 0x6e, 0x74]; // "cbfnt"

/** Each token this module made, with the parsed font it stands for. */
const parsedFonts = new WeakMap<object, LayoutFont>();
let formatRegistered = false;

/**
 * A PDF renderer with its own pdfmake instance and its own parsed fonts (and, as they are
 * added, its own caches). Nothing it does changes pdfmake's module-wide instance.
 *
 * @internal Used through `renderInvoicePdf`, `renderPrintPack` and `renderRunwayPdf`.
 * @example
 * const engine = new PdfEngine();
 * const pdf = await engine.render({ content: ['Hello'], defaultStyle: { font: FONT } });
 */
export class PdfEngine {
  readonly #pdfmake: Pdfmake;

  constructor() {
    const pdfmake = ownPdfmake();
    const fontkit = fontkitOfPdfkit();
    if (!formatRegistered) {
      fontkit.registerFormat(ParsedFontFormat);
      formatRegistered = true;
    }
    const family: Record<string, string> = {};
    for (const [style, file] of Object.entries(FACES)) {
      const font = fontkit.create(readFileSync(join(ROBOTO_DIR, file))) as LayoutFont;
      const token = Uint8Array.from(TOKEN_BYTES);
      parsedFonts.set(token, memoiseLayout(fixGlyphCodePoints(font)));
      useRepertoire(font as unknown as SubsetFont);
      const name = `carebill/${file}`;
      pdfmake.virtualfs.writeFileSync(name, token);
      family[style] = name;
    }
    pdfmake.addFonts({ [FONT]: family });
    this.#pdfmake = pdfmake;
  }

  /**
   * Renders a document definition to PDF bytes.
   *
   * @example const pdf = await engine.render({ content: ['Hello'], defaultStyle: { font: FONT } });
   */
  async render(doc: DocDefinition): Promise<Buffer> {
    return bytesOf(await this.#open(doc));
  }

  /**
   * Renders several documents of sections at once: the bytes {@link render} gives each, in
   * about three quarters of the time for a few dozen one-page documents, as they are laid
   * out in one pass (`layout-once.ts`). The documents must agree on all but their content
   * (sections only) and `info`.
   *
   * @example const [a, b] = await engine.renderEach([invoiceDocument(x), invoiceDocument(y)]);
   */
  async renderEach(docs: readonly DocDefinition[]): Promise<Buffer[]> {
    const laidOut = this.layOutTogether(docs);
    const pdfs: Buffer[] = [];
    for (let i = 0; i < laidOut.count; i++) pdfs.push(await laidOut.render(i));
    return pdfs;
  }

  /**
   * The layout pass of {@link renderEach}, and the rendering of each document (or of
   * several documents' pages as one) from it, apart: the benchmark times the rendering
   * alone as the floor of a separate document.
   *
   * @internal
   * @example const laidOut = engine.layOutTogether(docs); const first = await laidOut.render(0);
   */
  layOutTogether(docs: readonly DocDefinition[]): {
    readonly count: number;
    render(index: number | readonly number[]): Promise<Buffer>;
  } {
    const laidOut = layOutSections(docs.map(bounded), this.#pdfmake);
    return {
      count: laidOut.count,
      render(index) {
        const pdf = laidOut.render(index);
        embedWithRepertoire(pdf);
        return bytesOf(pdf);
      },
    };
  }

  /**
   * Renders a document definition into a writable stream, ends the stream and resolves
   * once it has finished (rejects, destroying the stream, if either side fails).
   *
   * @example await engine.write(doc, createWriteStream('hello.pdf'));
   */
  write(doc: DocDefinition, output: NodeJS.WritableStream): Promise<void> {
    return writeInto(output, async () => {
      const pdf = await this.#open(doc);
      const written = pipeline(pdf, output);
      pdf.end();
      await written;
    });
  }

  /**
   * The laid-out pdfkit document of `doc` (its text bounded), not yet ended, its fonts
   * embedding the repertoire.
   */
  async #open(doc: DocDefinition): Promise<Readable & { end(): void }> {
    const pdf = await this.#pdfmake.createPdf(bounded(doc)).getStream();
    embedWithRepertoire(pdf);
    return pdf;
  }
}

/** Ends a pdfkit document and resolves with all its bytes. */
async function bytesOf(pdf: Readable & { end(): void }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(pdf, 'end');
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * The document with no text too long to lay out in linear time (`boundText`: pdfmake's
 * layout is quadratic in a paragraph's words).
 */
function bounded(doc: DocDefinition): DocDefinition {
  return { ...doc, content: boundText(doc['content']) };
}

/** A new instance of pdfmake's Node class, with its own virtual file system and policies. */
function ownPdfmake(): Pdfmake {
  const shared = require('pdfmake') as Pdfmake; // read, never changed
  const PdfmakeClass = shared.constructor as new () => Pdfmake;
  const VirtualFsClass = shared.virtualfs.constructor as new () => VirtualFs;
  const pdfmake = new PdfmakeClass();
  pdfmake.virtualfs = new VirtualFsClass();
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  return pdfmake;
}

let defaultEngine: PdfEngine | undefined;

/**
 * The engine this package's renderers share, made on first use.
 *
 * @internal
 * @example const pdf = await defaultPdfEngine().render(doc);
 */
export function defaultPdfEngine(): PdfEngine {
  defaultEngine ??= new PdfEngine();
  return defaultEngine;
}

/**
 * Renders a document definition to PDF bytes with the shared engine.
 *
 * @internal
 * @example const pdf = await renderPdf({ content: ['Hello'], defaultStyle: { font: FONT } });
 */
export function renderPdf(doc: DocDefinition): Promise<Buffer> {
  return defaultPdfEngine().render(doc);
}

/**
 * Renders a document definition into a writable stream with the shared engine (see
 * {@link PdfEngine.write}).
 *
 * @internal
 * @example await writePdf(doc, createWriteStream('hello.pdf'));
 */
export function writePdf(doc: DocDefinition, output: NodeJS.WritableStream): Promise<void> {
  return defaultPdfEngine().write(doc, output);
}

/** The fontkit module pdfkit itself loads (pdfmake → pdfkit → fontkit). */
function fontkitOfPdfkit(): Fontkit {
  const fromPdfmake = createRequire(join(PDFMAKE_DIR, 'package.json'));
  const pdfkitEntry = fromPdfmake.resolve('pdfkit');
  return createRequire(pdfkitEntry)('fontkit') as Fontkit;
}

/**
 * Creates every mapped glyph up front, each with its lowest code point. fontkit keeps one
 * glyph object per id for the life of the font and never corrects its code points; the
 * subsetter creates component glyphs (the W inside a composite Ŵ) with none, so on a font
 * shared by many documents a later "W" went into the ToUnicode map as nothing — unsearchable
 * text, and bytes that depended on which invoices the process had rendered before.
 *
 * The ligature glyphs (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ: U+FB00–FB06, which the layout puts in place of "fi"
 * and the rest) get the letters they stand for, as a freshly parsed font gives them:
 * otherwise "Kingfisher" and an email address holding "fi" copy out of the PDF as
 * "Kingﬁsher", which no search or mail client matches.
 */
function fixGlyphCodePoints(font: LayoutFont): LayoutFont {
  const codePoints = [...font.characterSet].sort((a, b) => a - b);
  for (const codePoint of codePoints) {
    const glyph = font.glyphForCodePoint(codePoint);
    if (codePoint >= 0xfb00 && codePoint <= 0xfb06) {
      const letters = String.fromCodePoint(codePoint).normalize('NFKD');
      glyph.codePoints = [...letters].map((letter) => letter.codePointAt(0) ?? 0);
    }
  }
  return font;
}

interface GlyphPosition {
  readonly xAdvance: number;
  readonly yAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
}
interface GlyphRun {
  positions: readonly GlyphPosition[];
  readonly glyphs: readonly { readonly advanceWidth: number }[];
}
interface LayoutFont {
  layout(text: string, features?: unknown): GlyphRun;
  readonly unitsPerEm: number;
  readonly characterSet: readonly number[];
  glyphForCodePoint(codePoint: number): { codePoints: number[] };
}

/** Distinct words kept shaped; the cache is dropped and refilled when it reaches this. */
const MAX_SHAPED_WORDS = 20_000;

/**
 * Shapes each distinct word once for all documents (GSUB/GPOS shaping was about 10 ms of
 * each invoice), and hands every document the same run. pdfkit scales a run's positions
 * in place the first time a document uses a word (`position[key] *= scale`, then sets
 * `advanceWidth`): the positions here are already in its 1000-unit space, computed as it
 * computes them (see {@link ScaledPosition}), so no document copies or rescales a word
 * another has used. The glyphs are the font's own, shared and never
 * changed.
 */
function memoiseLayout(font: LayoutFont): LayoutFont {
  const shape = font.layout.bind(font);
  const scale = 1000 / font.unitsPerEm; // pdfkit's EmbeddedFont.scale
  const cache = new Map<string, GlyphRun>();
  font.layout = (text: string, features?: unknown): GlyphRun => {
    const key = features === undefined ? text : `${text}\u0000${JSON.stringify(features)}`;
    let run = cache.get(key);
    if (run === undefined) {
      if (cache.size >= MAX_SHAPED_WORDS) cache.clear();
      const shaped = shape(text, features);
      shaped.positions = shaped.positions.map(
        (position, i) => new ScaledPosition(position, shaped.glyphs[i]?.advanceWidth ?? 0, scale),
      );
      run = shaped;
      cache.set(key, run);
    }
    return run;
  };
  return font;
}

/**
 * A glyph position in pdfkit's units, shared by every document. Its fields are getters
 * (not enumerable, so pdfkit's `for (key in position) position[key] *= scale` finds nothing
 * to rescale), and pdfkit's one write, `advanceWidth = glyph.advanceWidth * scale`, is the
 * value it already holds. pdfkit's only other loop over a position's keys copies the last
 * position of each word for its own word spacing (`align: 'justify'` in pdfkit's text
 * layout), which pdfmake never uses: it justifies lines itself.
 */
class ScaledPosition implements GlyphPosition {
  readonly #xAdvance: number;
  readonly #yAdvance: number;
  readonly #xOffset: number;
  readonly #yOffset: number;
  readonly #advanceWidth: number;

  constructor(position: GlyphPosition, advanceWidth: number, scale: number) {
    this.#xAdvance = position.xAdvance * scale;
    this.#yAdvance = position.yAdvance * scale;
    this.#xOffset = position.xOffset * scale;
    this.#yOffset = position.yOffset * scale;
    this.#advanceWidth = advanceWidth * scale;
  }

  get xAdvance(): number {
    return this.#xAdvance;
  }
  get yAdvance(): number {
    return this.#yAdvance;
  }
  get xOffset(): number {
    return this.#xOffset;
  }
  get yOffset(): number {
    return this.#yOffset;
  }
  get advanceWidth(): number {
    return this.#advanceWidth;
  }
  set advanceWidth(_sameValue: number) {
    // pdfkit sets the glyph's advance width scaled as it was here: keep the stored value.
  }
}

/** A fontkit "format" whose constructor returns the font a token of this module stands for. */
class ParsedFontFormat {
  static probe(buffer: unknown): boolean {
    return typeof buffer === 'object' && buffer !== null && parsedFonts.has(buffer);
  }

  constructor(stream: { buffer: object }) {
    const font = parsedFonts.get(stream.buffer);
    if (font === undefined) throw new Error('carebill: unknown parsed-font token');
    // biome-ignore lint/correctness/noConstructorReturn: hands fontkit the parsed font.
    return font as unknown as ParsedFontFormat;
  }
}
