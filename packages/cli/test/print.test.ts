/**
 * The demo's workbooks as an accountant prints them: LibreOffice (headless, as Debian's
 * libreoffice-calc-nogui) converts preview.xlsx, runway.xlsx and report.xlsx to PDF in one run, and
 * poppler reads the pages back — how many, which way round, what the header and footer say.
 * Skips, saying why, when `soffice` or poppler is missing; CI installs both (.ci/run).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildManagementPack, buildPreview, parseDay } from '@carebill/core';
import { renderManagementPackWorkbook, renderPreviewWorkbook } from '@carebill/reports/xlsx';
import { describe, expect, it } from 'vitest';
import { previewOptionsFrom } from '../src/commands/preview.js';
import { loadFolderOrReport } from '../src/io/load.js';
import { DEMO as demo } from './cli-process.js';
import { runCliCaptured as run } from './run-cli.js';
import { tempDirs } from './scratch.js';

function has(tool: string, flag: string): boolean {
  try {
    execFileSync(tool, [flag], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

const HAS_SOFFICE = has('soffice', '--version');
const HAS_POPPLER = has('pdftotext', '-v');
const SKIP_REASON = !HAS_SOFFICE
  ? ' (skipped: no soffice; install libreoffice-calc-nogui)'
  : !HAS_POPPLER
    ? ' (skipped: no pdftotext; install poppler-utils)'
    : '';

const tempDir = tempDirs('carebill-print-');

/** Each page's size in points, from `pdfinfo`. */
function pageSizes(pdf: string): { width: number; height: number }[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
}

/** Each page's text, from `pdftotext -layout`, with runs of spaces made one. */
function pageTexts(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, -1)
    .map((page) => page.replace(/[ \u00A0]+/g, ' '));
}

/** The middle height of the words on a page, in points (about 1.3 × the font size). */
function medianWordHeight(pdf: string, page: number): number {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', `${page}`, '-l', `${page}`, pdf, '-'], {
    encoding: 'utf8',
  });
  const heights = [...xml.matchAll(/<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"/g)]
    .map((m) => Number(m[2]) - Number(m[1]))
    .sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)] ?? 0;
}

/** A4 landscape in points: 842 × 595. */
const A4_LANDSCAPE = { width: 841.89, height: 595.3 };

describe.skipIf(SKIP_REASON !== '')(
  `the demo workbooks, printed by LibreOffice${SKIP_REASON}`,
  async () => {
    const out = tempDir();
    const pdfs = tempDir();
    const profile = tempDir();
    if (SKIP_REASON === '') {
      // The workbook as `carebill preview` writes it, without the PDFs it also renders.
      const loaded = await loadFolderOrReport(demo);
      writeFileSync(
        join(out, 'preview.xlsx'),
        await renderPreviewWorkbook(
          buildPreview(loaded!, previewOptionsFrom({ month: '2024-11' })),
        ),
      );
      expect(
        (await run(['runway', '--data', demo, '--as-of', '2024-11-22', '--out', out])).code,
      ).toBe(0);
      const month = (m: string, last: string) => ({
        from: parseDay(`2024-${m}-01`)!,
        to: parseDay(`2024-${m}-${last}`)!,
      });
      writeFileSync(
        join(out, 'report.xlsx'),
        await renderManagementPackWorkbook(
          buildManagementPack(loaded!, { period: month('11', '30'), compare: month('10', '31') }),
        ),
      );
      // Its own profile, so a LibreOffice the user has open (or another test run) is no matter.
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          pdfs,
          join(out, 'preview.xlsx'),
          join(out, 'runway.xlsx'),
          join(out, 'report.xlsx'),
        ],
        { stdio: 'ignore', timeout: 180_000 },
      );
    }
    const preview = join(pdfs, 'preview.pdf');
    const runway = join(pdfs, 'runway.pdf');
    const report = join(pdfs, 'report.pdf');

    it('prints preview.xlsx as one landscape A4 page a sheet, titled, with the sheet and page in the footer', () => {
      const sizes = pageSizes(preview);
      expect(sizes).toHaveLength(6); // 21 portrait Letter pages before
      for (const size of sizes) {
        expect(size.width).toBeCloseTo(A4_LANDSCAPE.width, 0);
        expect(size.height).toBeCloseTo(A4_LANDSCAPE.height, 0);
      }
      const pages = pageTexts(preview);
      const sheets = [
        'Invoices',
        'Lines',
        'Adjustments',
        'By payment method',
        'Unbilled & unallocated',
        'Warnings',
      ];
      pages.forEach((page, i) => {
        expect(page).toContain('Invoice preview 1 Nov 2024 – 30 Nov 2024');
        const footer = page.trim().split('\n').at(-1)!.trim();
        expect(footer).toBe(`${sheets[i]} Page ${i + 1} of 6`);
      });
      // Every column on the page: the first and the last heading of each wide sheet.
      expect(pages[0]).toMatch(/Invoice Kind Payer Payer type .* Lines Total/);
      // Lines prints up to Provisional: its adjustment columns stay on screen (print area).
      expect(pages[1]).toMatch(/Invoice Payer Account code .* Amount Provisional ?\n/);
      expect(pages[1]).not.toContain('Adjusts from');
      expect(pages[2]).toMatch(/Adjusts from Adjusts to .* Was Now Adjustment ?\n/);
      // The unbilled payer by name, beside the id.
      expect(pages[4]).toMatch(/Unbilled \S+ \S+ 6724fbcb4f73a2cebf638772 Keith Moss/);
    });

    it('prints runway.xlsx landscape: the summary, then a year of months a page, resident and fund on each', () => {
      const sizes = pageSizes(runway);
      expect(sizes).toHaveLength(5); // 12 portrait Letter pages before
      for (const size of sizes) expect(size.width).toBeGreaterThan(size.height);
      const pages = pageTexts(runway);
      expect(pages[0]).toContain('Care fund runway as of 22 Nov 2024');
      expect(pages[0]!.trim().split('\n').at(-1)!.trim()).toBe('Summary Page 1 of 5');
      for (const [i, page] of pages.entries()) {
        if (i === 0) continue;
        expect(page.trim().split('\n').at(-1)!.trim()).toBe(`Monthly balances Page ${i + 1} of 5`);
        // The header row and the first two columns, repeated on every page across.
        expect(page).toMatch(/Resident Fund /);
        expect(page).toContain('Edith Wall 6724fbd04f73a2cebf638e06');
      }
      expect(pages[1]).toMatch(/Nov 2024 Dec 2024/);
      expect(pages[4]).toContain('Nov 2027');
    });

    it('prints report.xlsx as one landscape A4 page a sheet, every column on it, titled', () => {
      const sizes = pageSizes(report);
      expect(sizes).toHaveLength(2);
      for (const size of sizes) {
        expect(size.width).toBeCloseTo(A4_LANDSCAPE.width, 0);
        expect(size.height).toBeCloseTo(A4_LANDSCAPE.height, 0);
      }
      const pages = pageTexts(report);
      ['Summary', 'Fee income'].forEach((sheet, i) => {
        expect(pages[i]).toContain('Management pack Nov 2024');
        expect(pages[i]!.trim().split('\n').at(-1)!.trim()).toBe(`${sheet} Page ${i + 1} of 2`);
      });
      expect(pages[0]).toMatch(/Rectory Gardens .*£71,753\.75/);
      expect(pages[0]).toMatch(/Group \(1 home\) .*75\.9%/);
      expect(pages[0]).toContain('+2.3 pts'); // the last columns fit on the page
      expect(pages[1]).toMatch(/Nov 2024 Rectory Gardens \S+ private Private £40,232\.32/);
    });

    it('keeps the widest sheets at a readable size when set in Calibri’s metrics (Carlito)', (context) => {
      const fonts = execFileSync('pdffonts', [preview], { encoding: 'utf8' });
      if (!fonts.includes('Carlito')) {
        context.skip(
          'Carlito is not installed (fonts-crosextra-carlito): LibreOffice set a wider font',
        );
      }
      // 11 pt text at full size is about 14.3 pt tall; fitted to the page it must keep at
      // least 45 % of that (uncapped 60-character columns gave 33 %).
      for (const page of [1, 2]) expect(medianWordHeight(preview, page)).toBeGreaterThan(6.4);
    });
  },
);
