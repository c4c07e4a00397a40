/**
 * `carebill report` end to end on the demo: the golden report.json, the preview's own fees,
 * the workbook and PDF read back, exit codes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPreview, parseDay } from '@carebill/core';
import { describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { DEMO as demo, REPO } from '../../test/cli-process.js';
import { runCliCaptured as run } from '../../test/run-cli.js';
import { tempDirs } from '../../test/scratch.js';
import { loadFolder } from '../io/load.js';

const golden = join(REPO, 'fixtures/expected/demo-report-2024-11-compare-2024-10.json');
const HAS_POPPLER = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
/** The text of each page, as poppler reads it. */
const pdfText = (path: string) =>
  execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
const tempDir = tempDirs('carebill-report-');

describe('carebill report on the demo', async () => {
  const out = tempDir();
  const result = await run([
    'report',
    '--data',
    demo,
    '--month',
    '2024-11',
    '--compare',
    '2024-10',
    '--out',
    out,
  ]);
  const text = readFileSync(join(out, 'report.json'), 'utf8');
  const json = JSON.parse(text);

  it('writes the three files and says what it found', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const file of [
      'report.json',
      'report.xlsx',
      'report.pdf',
      '.carebill/manifest.report.json',
    ])
      expect(existsSync(join(out, file)), file).toBe(true);
    expect(result.stdout).toBe(
      [
        'Management pack Nov 2024: 1 home, fees £71,753.75, occupancy 75.9% (353 of 465 bed-days), average weekly fee £1,422.88',
        '  by funding source: Private £40,232.32, Local authority £23,851.28, Block beds £4,500.00, NHS nursing care (FNC) £2,527.29, Resident contribution £428.57, Top-up £214.29',
        '  against Oct 2024: fees -£1,676.50 (-2.3%), occupancy +2.3 points, average weekly fee +£14.63',
        '  0 warnings, 0 parked',
        `  files in ${out}/: report.json, report.xlsx, report.pdf`,
        '',
      ].join('\n'),
    );
  });

  it('writes exactly the golden report.json (docs/report.md works it through)', () => {
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it('without --compare, the same figures and no compare section', async () => {
    const plain = tempDir();
    expect((await run(['report', '--data', demo, '--month', '2024-11', '--out', plain])).code).toBe(
      0,
    );
    const alone = JSON.parse(readFileSync(join(plain, 'report.json'), 'utf8'));
    const { compare: _, ...rest } = json;
    expect(alone).toEqual(rest);
  });

  it('its fees are the preview’s, penny for penny', async () => {
    const loaded = await loadFolder(demo);
    for (const [month, figures] of [
      ['11', json.group],
      ['10', json.compare.group],
    ] as const) {
      const last = month === '11' ? '30' : '31';
      const preview = buildPreview(loaded, {
        period: { from: parseDay(`2024-${month}-01`)!, to: parseDay(`2024-${month}-${last}`)! },
      });
      expect(figures.fees_pence).toBe(preview.totals.feesPence);
    }
  });

  it('the workbook holds the JSON’s figures', () => {
    const book = XLSX.read(readFileSync(join(out, 'report.xlsx')));
    const summary = XLSX.utils.sheet_to_json<Record<string, number>>(book.Sheets['Summary']!);
    expect(Math.round(summary[0]!['Fees Nov 2024']! * 100)).toBe(json.homes[0].fees_pence);
    expect(summary[0]!['Occupancy']).toBe(json.homes[0].occupancy_permille / 1000);
    const income = XLSX.utils.sheet_to_json<Record<string, number | string>>(
      book.Sheets['Fee income']!,
    );
    expect(
      income.map((r) => [r['Source'], Math.round((r['Fees Nov 2024'] as number) * 100)]),
    ).toEqual(
      json.homes[0].by_funding.map((s: { source: string; pence: number }) => [s.source, s.pence]),
    );
  });

  it.skipIf(!HAS_POPPLER)('the PDF has the group page and the home’s page', () => {
    const pages = pdfText(join(out, 'report.pdf'));
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain('Rectory Gardens');
    expect(pages[1]).toContain('£71,753.75');
    expect(pages[1]).toContain('75.9%');
  });
});

describe('carebill report exit codes', () => {
  it.each([
    [['--month', '2024-13'], '--month must be YYYY-MM'],
    [['--month', '2024-11', '--compare', 'October'], '--compare must be a month YYYY-MM'],
    [['--month', '2024-11', '--day-rule', 'week'], '--day-rule must be day or night'],
    [[], 'give the billing period'],
  ])('%j is a usage error (2)', async (flags, message) => {
    const result = await run(['report', '--data', demo, ...flags, '--out', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('a dataset that cannot be read is 1, and nothing is written', async () => {
    const out = tempDir();
    const bad = join(REPO, 'fixtures/bad-dataset');
    const result = await run(['report', '--data', bad, '--month', '2024-11', '--out', out]);
    expect(result.code).toBe(1);
    expect(existsSync(join(out, 'report.json'))).toBe(false);
  });

  it('parked records are 3, and listed in report.json', async () => {
    const out = tempDir();
    const bad = join(REPO, 'fixtures/bad-input');
    const result = await run(['report', '--data', bad, '--month', '2024-11', '--out', out]);
    expect(result.code).toBe(3);
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(json.parked.length).toBeGreaterThan(0);
    expect(result.stdout).toContain(`${json.parked.length} parked`);
  });
});
