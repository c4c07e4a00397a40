/**
 * The one pdfmake instance of the process, set up once: no URL or local file is ever
 * fetched (access policies that refuse everything, so pdfmake prints no warning), and
 * Roboto, the Unicode TrueType face pdfmake ships, embedded so Welsh ŵ/ŷ and Polish Ł
 * render (the standard PDF fonts only cover Windows-1252).
 *
 * Each fontkit font is parsed once and shared by every document (reference/libraries.md:
 * 27 ms → about 10 ms an invoice; pdfkit #1094). pdfkit 0.19 only takes font bytes, so the
 * bytes it is given are a short token that a fontkit format registered here recognises
 * and answers with the already-parsed font; fontkit's public `registerFormat` is the hook.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { boundText } from './text.js';

/** A pdfmake document definition (pdfmake ships no types; the builders here are tested). */
export type DocDefinition = Record<string, unknown>;
/** A pdfmake content node. */
export type Content = string | { readonly [key: string]: unknown } | readonly Content[];

interface PdfMake {
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: DocDefinition): { getBuffer(): Promise<Buffer> };
  virtualfs: { writeFileSync(name: string, content: Uint8Array): void };
}

interface Fontkit {
  create(buffer: Uint8Array): unknown;
  registerFormat(format: unknown): void;
}

/** The font family name documents use. */
export const FONT = 'Roboto';

const require = createRequire(import.meta.url);
const PDFMAKE_DIR = dirname(require.resolve('pdfmake/package.json'));
/** Where pdfmake keeps its Roboto files, found from the installed package. */
export const ROBOTO_DIR = join(PDFMAKE_DIR, 'fonts', 'Roboto');

const FACES = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf' } as const;
const TOKEN_MAGIC = [0x63, 0x62, 0x66, 0x6e, 0x74]; // "cbfnt", no font format starts so

let engine: PdfMake | undefined;

/**
 * The configured pdfmake singleton (set up on first use).
 *
 * @example const buffer = await pdfEngine().createPdf(doc).getBuffer();
 */
export function pdfEngine(): PdfMake {
  if (engine !== undefined) return engine;
  const pdfmake = require('pdfmake') as PdfMake;
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);

  const fontkit = fontkitOfPdfkit();
  const parsed: unknown[] = [];
  fontkit.registerFormat(memoFormat(parsed));
  const family: Record<string, string> = {};
  for (const [style, file] of Object.entries(FACES)) {
    const font = fontkit.create(readFileSync(join(ROBOTO_DIR, file))) as LayoutFont;
    parsed.push(memoiseLayout(fixGlyphCodePoints(font)));
    const name = `carebill/${file}`;
    pdfmake.virtualfs.writeFileSync(name, Uint8Array.from([...TOKEN_MAGIC, parsed.length - 1]));
    family[style] = name;
  }
  pdfmake.addFonts({ [FONT]: family });
  engine = pdfmake;
  return pdfmake;
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
 */
function fixGlyphCodePoints(font: LayoutFont): LayoutFont {
  const codePoints = [...font.characterSet].sort((a, b) => a - b);
  for (const codePoint of codePoints) font.glyphForCodePoint(codePoint);
  return font;
}

interface GlyphRun {
  readonly positions: readonly object[];
}
interface LayoutFont {
  layout(text: string, features?: unknown): GlyphRun;
  readonly characterSet: readonly number[];
  glyphForCodePoint(codePoint: number): unknown;
}

/** Distinct words kept shaped; the cache is dropped and refilled when it reaches this. */
const MAX_SHAPED_WORDS = 20_000;

/**
 * Shapes each distinct word once for all documents (GSUB/GPOS shaping was about 10 ms of
 * each invoice). pdfkit scales a run's positions in place, so each caller gets a copy of
 * the positions; the glyphs are the font's own, shared and never changed.
 */
function memoiseLayout(font: LayoutFont): LayoutFont {
  const shape = font.layout.bind(font);
  const cache = new Map<string, GlyphRun>();
  font.layout = (text: string, features?: unknown): GlyphRun => {
    const key = features === undefined ? text : `${text}\u0000${JSON.stringify(features)}`;
    let run = cache.get(key);
    if (run === undefined) {
      if (cache.size >= MAX_SHAPED_WORDS) cache.clear();
      run = shape(text, features);
      cache.set(key, run);
    }
    return Object.assign(Object.create(Object.getPrototypeOf(run)) as GlyphRun, run, {
      positions: run.positions.map((position) => ({ ...position })),
    });
  };
  return font;
}

/** A fontkit "format" whose constructor returns a font parsed earlier, chosen by token. */
function memoFormat(parsed: readonly unknown[]) {
  return class MemoisedFont {
    static probe(buffer: Uint8Array): boolean {
      return (
        buffer.length === TOKEN_MAGIC.length + 1 && TOKEN_MAGIC.every((b, i) => buffer[i] === b)
      );
    }

    constructor(stream: { buffer: Uint8Array }) {
      const font = parsed[stream.buffer[TOKEN_MAGIC.length] ?? -1];
      if (font === undefined) throw new Error('carebill: unknown memoised font token');
      // biome-ignore lint/correctness/noConstructorReturn: hands fontkit the parsed font.
      return font as MemoisedFont;
    }
  };
}

/**
 * Renders a document definition to PDF bytes.
 *
 * @example const pdf = await renderPdf({ content: ['Hello'], defaultStyle: { font: FONT } });
 */
export function renderPdf(doc: DocDefinition): Promise<Buffer> {
  return pdfEngine()
    .createPdf({ ...doc, content: boundText(doc['content']) })
    .getBuffer();
}
