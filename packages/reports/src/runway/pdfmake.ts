/**
 * pdfmake 0.3 for the runway PDF: the Node singleton with the Roboto faces that ship inside
 * the pdfmake package embedded (so any name renders, Welsh ŵ and Polish Ł included), no URL
 * access at all and local file access to those four font files only.
 *
 * (`src/preview/` has the same setup on another branch; the two can share one module.)
 */
import { createRequire } from 'node:module';

/** The subset of pdfmake's document definition this module builds. */
export type PdfContent = Record<string, unknown> | string | PdfContent[];
export interface PdfDocument {
  readonly content: PdfContent;
  readonly info?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

interface PdfMake {
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: PdfDocument): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let ready: PdfMake | null = null;

/**
 * The configured pdfmake singleton.
 *
 * @example const buffer = await pdfMake().createPdf({ content: 'Hello' }).getBuffer()
 */
export function pdfMake(): PdfMake {
  if (ready !== null) return ready;
  const pdfmake = require('pdfmake') as PdfMake;
  const roboto = (require('pdfmake/fonts/Roboto.js') as { Roboto: Record<string, string> }).Roboto;
  const allowed = new Set(Object.values(roboto));
  pdfmake.addFonts({ Roboto: roboto });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => allowed.has(path));
  ready = pdfmake;
  return pdfmake;
}
