/**
 * End-to-end: the CLI on hand-computed golden datasets, and the same run under time zones
 * far apart giving identical bytes and cell values.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { tempDirs } from './scratch.js';

const root = resolve(import.meta.dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const bin = join(root, 'packages/cli/src/bin.ts');

/** Runs the real CLI in a child process (from source) under a time zone. */
function carebill(
  tz: string,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(tsx, ['--conditions=source', bin, ...args], {
    cwd: root,
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const outDir = tempDirs('carebill-golden-');

interface PreviewJson {
  invoices: {
    number: string;
    payer: { name: string };
    total_pence: number;
    lines: {
      contract: string | null;
      amount_pence: number;
      days: number;
      from: string;
      to: string;
    }[];
  }[];
  totals: {
    fees_pence: number;
    invoiced_pence: number;
    unbilled_pence: number;
    unallocated_pence: number;
  };
}

describe('golden: linked contracts with FNC lapsing mid-month (fixtures/golden/linked-contracts/README.md)', () => {
  const out = outDir();
  const run = carebill('Europe/London', [
    'preview',
    '--data',
    'fixtures/golden/linked-contracts',
    '--month',
    '2024-11',
    '--out',
    out,
  ]);
  const preview = JSON.parse(readFileSync(join(out, 'preview.json'), 'utf8')) as PreviewJson;

  it('completes cleanly', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('bills exactly the hand-computed amounts', () => {
    expect(preview.invoices.map((i) => [i.number, i.payer.name, i.total_pence])).toEqual([
      ['PREVIEW-202411-0001', 'Edith Wall', 593803],
      ['PREVIEW-202411-0002', 'Joan Marsh', 42857],
      ['PREVIEW-202411-0003', 'NHS Oxfordshire ICB', 50546],
      ['PREVIEW-202411-0004', 'Oxfordshire County Council', 335169],
    ]);
    expect(preview.invoices[2]!.lines[0]).toMatchObject({
      from: '2024-11-01',
      to: '2024-11-15',
      days: 15,
    });
    expect(preview.totals).toEqual({
      fees_pence: 1022375,
      invoiced_pence: 1022375,
      unbilled_pence: 0,
      unallocated_pence: 0,
      adjustments_pence: 0,
      unbilled_adjustments_pence: 0,
    });
  });
});

describe('the demo is the same in every time zone', () => {
  const zones = ['Pacific/Kiritimati', 'America/Los_Angeles'];
  const runs = zones.map((tz) => {
    const out = outDir();
    const preview = carebill(tz, [
      'preview',
      '--data',
      'fixtures/demo',
      '--month',
      '2024-11',
      '--out',
      out,
    ]);
    const runway = carebill(tz, [
      'runway',
      '--data',
      'fixtures/demo',
      '--as-of',
      '2024-11-22',
      '--out',
      out,
    ]);
    const report = carebill(tz, [
      'report',
      '--data',
      'fixtures/demo',
      '--month',
      '2024-11',
      '--compare',
      '2024-10',
      '--out',
      out,
    ]);
    return { out, statuses: [preview.status, runway.status, report.status] };
  });

  it('runs cleanly in each zone', () => {
    for (const run of runs) expect(run.statuses).toEqual([0, 0, 0]);
  });

  it('writes identical preview.json, runway.json, report.json, email manifest and PDFs', () => {
    const [a, b] = runs.map((r) => r.out) as [string, string];
    for (const file of [
      'preview.json',
      'runway.json',
      'report.json',
      'email-manifest.csv',
      'runway.pdf',
      'report.pdf',
    ]) {
      expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), file).toBe(true);
    }
    const pdfs = readdirSync(join(a, 'invoices'));
    expect(pdfs.length).toBeGreaterThan(10);
    for (const pdf of pdfs)
      expect(
        readFileSync(join(a, 'invoices', pdf)).equals(readFileSync(join(b, 'invoices', pdf))),
        pdf,
      ).toBe(true);
  });

  it('writes workbooks with identical cell values', () => {
    const [a, b] = runs.map((r) => r.out) as [string, string];
    for (const file of ['preview.xlsx', 'runway.xlsx', 'report.xlsx']) {
      const cells = (dir: string) => {
        const book = XLSX.read(readFileSync(join(dir, file)));
        return book.SheetNames.map((name) =>
          XLSX.utils.sheet_to_json(book.Sheets[name]!, { header: 1, raw: true }),
        );
      };
      expect(cells(a), file).toEqual(cells(b));
    }
  });
});
