import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DEMO as demo } from '../../test/cli-process.js';
import { runCliCaptured as run } from '../../test/run-cli.js';
import { penceOf as pence, tempDirs } from '../../test/scratch.js';

const tempDir = tempDirs('carebill-cli-');

describe('carebill preview and export on the demo', async () => {
  const out = tempDir();
  const preview = await run(['preview', '--data', demo, '--month', '2024-11', '--out', out]);
  const json = JSON.parse(readFileSync(join(out, 'preview.json'), 'utf8'));

  it('writes every preview output and a summary proving the totals', () => {
    expect(preview.code).toBe(0);
    for (const file of [
      'preview.json',
      'preview.xlsx',
      'email-manifest.csv',
      'print-pack-001.pdf',
      'print-pack-large-print-001.pdf',
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(readdirSync(join(out, 'invoices'))).toHaveLength(json.invoices.length);
    expect(preview.stdout).toContain(
      'fees £71,753.75 = invoiced £66,139.46 + unbilled £5,614.29 + unallocated £0.00',
    );
    const manifest = parse(readFileSync(join(out, 'email-manifest.csv')), { columns: true }) as {
      invoice: string;
    }[];
    const emailed = json.invoices.filter(
      (i: { delivery: { email: string[] } }) => i.delivery.email.length > 0,
    );
    expect(manifest.map((r) => r.invoice)).toEqual(
      emailed.map((i: { number: string }) => i.number),
    );
  });

  it('caps --jobs at the cores and says so, writing the same files', async () => {
    const cores = availableParallelism();
    const capped = tempDir();
    const result = await run([
      'preview',
      '--data',
      demo,
      '--month',
      '2024-11',
      '--out',
      capped,
      '--jobs',
      '64',
    ]);
    expect(result.code, result.stderr).toBe(0);
    if (cores < 64)
      expect(result.stderr).toContain(
        `--jobs 64: this machine has ${cores} core${cores === 1 ? '' : 's'}, so at most ${cores} PDF process`,
      );
    for (const name of readdirSync(join(out, 'invoices')))
      expect(
        readFileSync(join(capped, 'invoices', name)).equals(
          readFileSync(join(out, 'invoices', name)),
        ),
        name,
      ).toBe(true);
  }, 120_000);

  it.each([
    ['xero', 'xero-invoices-001.csv', '*UnitAmount'],
    ['sage50', 'sage50-audit-trail.csv', 'Net Amount'],
    ['csv', 'invoice-lines.csv', 'Amount'],
  ])(
    'exports %s whose amounts add up to the preview to the penny',
    async (format, file, column) => {
      const dir = tempDir();
      const result = await run([
        'export',
        '--data',
        demo,
        '--month',
        '2024-11',
        '--format',
        format,
        '--out',
        dir,
      ]);
      expect(result.code).toBe(0);
      // Sage 50's file is Windows-1252; the demo's text is all ASCII apart from "£" and "–".
      const encoding = format === 'sage50' ? 'latin1' : 'utf8';
      expect(result.stdout).toContain(format === 'sage50' ? '(windows-1252)' : '(utf-8)');
      const rows = parse(readFileSync(join(dir, file), encoding), {
        columns: true,
        bom: true,
      }) as Record<string, string>[];
      expect(rows.reduce((sum, row) => sum + pence(row[column]!), 0)).toBe(
        json.totals.invoiced_pence,
      );
    },
  );

  it('writes the encoding asked for: --encoding windows-1252 makes "£" one byte', async () => {
    const dir = tempDir();
    const args = ['export', '--data', demo, '--month', '2024-11', '--format', 'xero', '--out', dir];
    expect((await run([...args, '--encoding', 'windows-1252'])).code).toBe(0);
    const bytes = readFileSync(join(dir, 'xero-invoices-001.csv'));
    expect(bytes.includes(Buffer.from([0xa3]))).toBe(true);
    expect(bytes.includes(Buffer.from('£', 'utf8'))).toBe(false);
    expect((await run([...args, '--encoding', 'utf-8'])).code).toBe(0);
    expect(readFileSync(join(dir, 'xero-invoices-001.csv'), 'utf8')).toContain('£');
  });

  it('refuses an unknown format, a bad month and a period given twice, with exit 2', async () => {
    expect(
      (await run(['export', '--data', demo, '--month', '2024-11', '--format', 'quickbooks'])).code,
    ).toBe(2);
    const latin1 = await run([
      'export',
      '--data',
      demo,
      '--month',
      '2024-11',
      '--format',
      'sage50',
      '--encoding',
      'latin1',
    ]);
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toContain('--encoding must be one of windows-1252, utf-8');
    expect((await run(['preview', '--data', demo, '--month', '2024-13'])).code).toBe(2);
    expect(
      (await run(['preview', '--data', demo, '--month', '2024-11', '--from', '2024-11-01'])).code,
    ).toBe(2);
    expect(
      (await run(['preview', '--data', demo, '--month', '2024-11', '--day-rule', 'noon'])).code,
    ).toBe(2);
  });
});
