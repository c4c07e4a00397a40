/**
 * `carebill export --invoiced` on the demo's back-dated story (SPEC §10): the Xero credit
 * notes in their own file, listed by the command and by the export's manifest, removed
 * again by a rerun that has none; Sage 50's SC rows; every export agreeing with the preview
 * to the penny.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DEMO as demo, REPO } from '../../test/cli-process.js';
import { runCliCaptured as run } from '../../test/run-cli.js';
import { penceOf as pence, tempDirs } from '../../test/scratch.js';

const issued = join(REPO, 'fixtures/issued/2024-10');
const tempDir = tempDirs('carebill-credit-');

const rowsOf = (text: string) =>
  parse(text, { columns: true, bom: true }) as Record<string, string>[];

interface PreviewJson {
  invoices: { number: string; kind: string; total_pence: number }[];
  totals: { invoiced_pence: number };
}

describe('carebill export --invoiced: credit notes', async () => {
  const out = tempDir();
  const month = ['--data', demo, '--month', '2024-11', '--invoiced', issued];
  const previewRun = await run(['preview', ...month, '--out', join(out, 'preview')]);
  const preview = JSON.parse(
    readFileSync(join(out, 'preview', 'preview.json'), 'utf8'),
  ) as PreviewJson;
  const credits = preview.invoices.filter((i) => i.kind === 'credit_note');
  const exports = join(out, 'exports');
  const xero = await run(['export', ...month, '--format', 'xero', '--out', exports]);
  // UTF-8 so the test reads it without a Windows-1252 decoder (the encoding is tested in reports).
  const sage = await run([
    'export',
    ...month,
    '--format',
    'sage50',
    '--encoding',
    'utf-8',
    '--out',
    exports,
  ]);

  it('the demo story has a credit note to export', () => {
    expect(previewRun.code).toBe(0);
    expect(credits.length).toBeGreaterThan(0);
  });

  it('writes Xero credit notes to xero-credit-notes-001.csv, positive, and says so', () => {
    expect(xero.code).toBe(0);
    expect(xero.stdout).toContain(
      `${preview.invoices.length - credits.length} invoices and ${credits.length} credit note`,
    );
    expect(xero.stdout).toContain('xero-invoices-001.csv, xero-credit-notes-001.csv');
    const creditRows = rowsOf(readFileSync(join(exports, 'xero-credit-notes-001.csv'), 'utf8'));
    const invoiceRows = rowsOf(readFileSync(join(exports, 'xero-invoices-001.csv'), 'utf8'));
    expect(new Set(creditRows.map((r) => r['*InvoiceNumber']))).toEqual(
      new Set(credits.map((c) => c.number)),
    );
    for (const credit of credits) {
      const sum = creditRows
        .filter((r) => r['*InvoiceNumber'] === credit.number)
        .reduce((s, r) => s + pence(r['*UnitAmount']!), 0);
      expect(sum).toBe(-credit.total_pence);
      expect(sum).toBeGreaterThan(0);
    }
    const invoiced = invoiceRows.reduce((s, r) => s + pence(r['*UnitAmount']!), 0);
    const credited = creditRows.reduce((s, r) => s + pence(r['*UnitAmount']!), 0);
    expect(invoiced - credited).toBe(preview.totals.invoiced_pence);
  });

  it('lists the credit-note file in the export manifest', () => {
    const manifest = JSON.parse(
      readFileSync(join(exports, '.carebill', 'manifest.export-xero.json'), 'utf8'),
    ) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path).sort()).toEqual([
      'xero-credit-notes-001.csv',
      'xero-invoices-001.csv',
    ]);
  });

  it('posts the credit notes to Sage 50 as SC with positive net', () => {
    expect(sage.code).toBe(0);
    const rows = rowsOf(readFileSync(join(exports, 'sage50-audit-trail.csv'), 'utf8'));
    const sc = rows.filter((r) => r['Type'] === 'SC');
    expect(new Set(sc.map((r) => r['Reference']))).toEqual(new Set(credits.map((c) => c.number)));
    for (const row of sc) expect(pence(row['Net Amount']!)).toBeGreaterThan(0);
    const net = rows.reduce(
      (s, r) => s + (r['Type'] === 'SC' ? -1 : 1) * pence(r['Net Amount']!),
      0,
    );
    expect(net).toBe(preview.totals.invoiced_pence);
  });

  it('removes the credit-note file when a rerun has no credit notes', async () => {
    const again = await run([
      'export',
      '--data',
      demo,
      '--month',
      '2024-11',
      '--format',
      'xero',
      '--out',
      exports,
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('credit note');
    expect(existsSync(join(exports, 'xero-credit-notes-001.csv'))).toBe(false);
    expect(existsSync(join(exports, 'xero-invoices-001.csv'))).toBe(true);
    expect(existsSync(join(exports, 'sage50-audit-trail.csv'))).toBe(true);
  });
});
