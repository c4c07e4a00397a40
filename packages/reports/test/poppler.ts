/**
 * Reading PDFs back with poppler-utils and qpdf, as a person's PDF viewer would.
 * Tests skip (saying why) when `pdftotext` is not installed; CI installs it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function has(tool: string, flag: string): boolean {
  try {
    execFileSync(tool, [flag], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const HAS_POPPLER = has('pdftotext', '-v');
export const HAS_QPDF = has('qpdf', '--version');

const dir = mkdtempSync(join(tmpdir(), 'carebill-pdf-'));
let count = 0;

/** Writes the PDF to a temporary file and returns its path. */
export function savePdf(pdf: Uint8Array, name = 'doc'): string {
  count += 1;
  const path = join(dir, `${name}-${count}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

/** `pdftotext -layout`, with no-break spaces read as spaces; pages split on form feeds. */
export function pdfText(path: string): string[] {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
    .replace(/\u00A0/g, ' ')
    .split('\f')
    .slice(0, -1);
}

export interface Word {
  readonly page: number;
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

/** Every word with its box in points from the top-left of its page (`pdftotext -bbox`). */
export function pdfWords(path: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' });
  const words: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page += 1;
    const m =
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(
        line,
      );
    if (m) {
      words.push({
        page,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: m[5]!
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"'),
      });
    }
  }
  return words;
}

/** `pdffonts` output. */
export function pdfFonts(path: string): string {
  return execFileSync('pdffonts', [path], { encoding: 'utf8' });
}

/** `pdfinfo`'s page count. */
export function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

/** Runs `qpdf --check`; throws with qpdf's report when the file is damaged. */
export function qpdfCheck(path: string): string {
  return execFileSync('qpdf', ['--check', path], { encoding: 'utf8' });
}

/**
 * The font size a word was set in: pdftotext's box is the font's ascent to descent,
 * which for Roboto is (1900 + 500) / 2048 of the size.
 */
export function robotoSize(word: Word): number {
  return (word.yMax - word.yMin) / (2400 / 2048);
}
