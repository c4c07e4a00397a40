/**
 * SPEC §10 through the CLI: the demo's issued October made again byte for byte, November
 * against it to the hand-worked penny (fixtures/expected/demo-2024-11-adjustments.md), the
 * books converging once November is issued too, export exporting what the preview shows,
 * and every `--invoiced` usage error exiting 2 with nothing written.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DEMO, REPO } from './cli-process.js';
import { runCliCaptured as run } from './run-cli.js';
import { penceOf, tempDirs } from './scratch.js';

const AS_ISSUED = join(REPO, 'fixtures', 'demo-as-issued-2024-10');
const ISSUED_OCTOBER = join(REPO, 'fixtures', 'issued', '2024-10', 'preview.json');
const EXPECTED = join(REPO, 'fixtures', 'expected', 'demo-2024-11-adjustments.json');

const tempDir = tempDirs('carebill-backdated-');

interface Line {
  booking: string;
  contract: string | null;
  days: number;
  amount_pence: number;
  adjusts: { from: string; to: string } | null;
  was_pence: number | null;
  now_pence: number | null;
  description: string;
}
interface PreviewJson {
  options: Record<string, unknown>;
  invoices: {
    number: string;
    kind: string;
    payer: { name: string };
    total_pence: number;
    payment_instructions: string;
    lines: Line[];
  }[];
  unbilled: { adjusts: unknown }[];
  totals: Record<string, number>;
}
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as PreviewJson;

/** `carebill preview` of `data` (the demo) for `month`, against the `issued` paths, into `out`. */
const preview = (month: string, issued: readonly string[], out: string, data = DEMO) =>
  run([
    'preview',
    '--data',
    data,
    '--month',
    month,
    ...(issued.length > 0 ? ['--invoiced', ...issued] : []),
    '--out',
    out,
  ]);

describe('the demo against its issued October', async () => {
  const work = tempDir();
  const october = await preview('2024-10', [], join(work, 'oct'), AS_ISSUED);
  const novemberRun = await preview(
    '2024-11',
    [join(REPO, 'fixtures', 'issued', '2024-10')],
    join(work, 'nov'),
  );
  const november = readJson(join(work, 'nov', 'preview.json'));

  it('makes the committed issued October again, byte for byte', () => {
    expect(october.code).toBe(0);
    expect(readFileSync(join(work, 'oct', 'preview.json'), 'utf8')).toBe(
      readFileSync(ISSUED_OCTOBER, 'utf8'),
    );
    expect(readJson(ISSUED_OCTOBER).options).toEqual({
      day_rule: 'day',
      monthly52: false,
      prefix: 'PREVIEW',
      due_days: 14,
    });
  });

  it('adjusts November to the hand-worked penny, after each invoice own lines', () => {
    expect(novemberRun.code).toBe(0);
    const found = november.invoices.flatMap((invoice) =>
      invoice.lines
        .filter((line) => line.adjusts !== null)
        .map((line) => ({
          invoice: invoice.number,
          kind: invoice.kind,
          payer: invoice.payer.name,
          booking: line.booking,
          contract: line.contract,
          adjusts: line.adjusts,
          days: line.days,
          was_pence: line.was_pence,
          now_pence: line.now_pence,
          amount_pence: line.amount_pence,
        })),
    );
    expect(found).toEqual(JSON.parse(readFileSync(EXPECTED, 'utf8')));
    for (const invoice of november.invoices) {
      const kinds = invoice.lines.map((line) => (line.adjusts === null ? 'own' : 'adjustment'));
      expect(kinds).toEqual([...kinds].sort((a, b) => (a === b ? 0 : a === 'own' ? -1 : 1)));
    }
    const winifred = november.invoices.find((i) => i.payer.name === 'Robert Hale');
    expect(winifred?.lines[0]?.description).toBe(
      'Adjustment for 1–31 Oct 2024: invoiced £5,580.00 for 31 days, now £4,320.00 for 24 days, Room 16 (Rectory wing)',
    );
  });

  it('makes exactly one credit note, which says how the credit is applied', () => {
    const credits = november.invoices.filter((i) => i.kind === 'credit_note');
    expect(credits.map((i) => [i.number, i.payer.name, i.total_pence])).toEqual([
      ['PREVIEW-202411-0012', 'Robert Hale', -126000],
    ]);
    expect(credits[0]?.payment_instructions).toMatch(
      /^Nothing to pay: this credit note is for £1,260\.00\. It will be taken off your next invoice/,
    );
  });

  it("keeps November's own figures and proves the identity in the summary", () => {
    expect(november.totals).toEqual({
      fees_pence: 7175375,
      invoiced_pence: 6505660,
      unbilled_pence: 561429,
      unallocated_pence: 0,
      adjustments_pence: -108286,
      unbilled_adjustments_pence: 0,
    });
    expect(novemberRun.stdout).toContain(
      'fees £71,753.75 = invoiced £65,056.60 + adjustments credited £1,082.86 + unbilled £5,614.29 + unallocated £0.00',
    );
    expect(novemberRun.stdout).toContain(
      'against 1 issued preview: 7 adjustment lines (-£1,082.86), 1 credit note',
    );
  });

  it('converges: with November issued too, December adds no adjustment', async () => {
    const issued = join(work, 'issued');
    for (const month of ['2024-10', '2024-11']) mkdirSync(join(issued, month), { recursive: true });
    copyFileSync(ISSUED_OCTOBER, join(issued, '2024-10', 'preview.json'));
    copyFileSync(join(work, 'nov', 'preview.json'), join(issued, '2024-11', 'preview.json'));
    const december = await preview('2024-12', [issued], join(work, 'dec'));
    expect(december.code).toBe(0);
    expect(december.stdout).toContain('against 2 issued previews: 0 adjustment lines (£0.00)');
    const json = readJson(join(work, 'dec', 'preview.json'));
    expect(json.invoices.flatMap((i) => i.lines).filter((l) => l.adjusts !== null)).toEqual([]);
    expect(json.totals.adjustments_pence).toBe(0);
  });

  it('exports exactly what the preview shows', async () => {
    const out = join(work, 'exports');
    const exported = await run([
      'export',
      '--data',
      DEMO,
      '--month',
      '2024-11',
      '--invoiced',
      ISSUED_OCTOBER,
      '--format',
      'csv',
      '--out',
      out,
    ]);
    expect(exported.code).toBe(0);
    const rows = parse(readFileSync(join(out, 'invoice-lines.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    const lineCount = november.invoices.reduce((n, i) => n + i.lines.length, 0);
    expect(rows).toHaveLength(lineCount);
    expect(rows.reduce((sum, row) => sum + penceOf(row['Amount'] ?? ''), 0)).toBe(
      november.totals.invoiced_pence,
    );
  });
});

describe('--invoiced usage errors: exit 2, naming the file, nothing written', () => {
  const work = tempDir();
  const file = (name: string, text: string) => {
    const path = join(work, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const october = readFileSync(ISSUED_OCTOBER, 'utf8');
  const { options: _, ...withoutOptions } = JSON.parse(october);
  const cases: [string, () => string[], RegExp, string[]?][] = [
    ['a path that does not exist', () => [join(work, 'nowhere')], /no such file or folder|ENOENT/],
    [
      'a folder without any preview.json',
      () => [join(file('empty/x.txt', ''), '..')],
      /no preview\.json/,
    ],
    ['a file that is not JSON', () => [file('bad/preview.json', '{ not json')], /is not JSON/],
    [
      'JSON that is not a carebill preview',
      () => [file('runway/preview.json', '{"as_of":"2024-11-22","funds":[]}')],
      /is not a carebill preview\.json/,
    ],
    [
      'a preview without options',
      () => [file('old/preview.json', JSON.stringify(withoutOptions))],
      /has no "options"/,
    ],
    [
      'two previews of the same period',
      () => [ISSUED_OCTOBER, file('again/preview.json', october)],
      /overlaps the period of another issued preview/,
    ],
    [
      'an issued period overlapping the period previewed',
      () => [ISSUED_OCTOBER],
      /overlaps the period being previewed/,
      ['--month', '2024-10'],
    ],
    [
      'an issued period after the period previewed',
      () => [ISSUED_OCTOBER],
      /is after the period being previewed/,
      ['--month', '2024-09'],
    ],
  ];

  it.each(cases)('%s', async (_name, paths, message, period = ['--month', '2024-11']) => {
    const given = paths();
    for (const command of ['preview', 'export']) {
      const out = join(work, `out-${command}-${Math.random().toString(36).slice(2)}`);
      const result = await run([
        command,
        '--data',
        DEMO,
        ...period,
        '--invoiced',
        ...given,
        ...(command === 'export' ? ['--format', 'xero'] : []),
        '--out',
        out,
      ]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain(`--invoiced ${given.at(-1)}`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('names the file at fault among several', async () => {
    const bad = file('many/2024-09/preview.json', '[]');
    const result = await preview(
      '2024-11',
      [ISSUED_OCTOBER, join(work, 'many')],
      join(work, 'out-many'),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `carebill preview: --invoiced ${bad}: is not a carebill preview.json`,
    );
    expect(existsSync(join(work, 'out-many'))).toBe(false);
  });

  it('refuses to write the preview over an issued one, which stays as it was', async () => {
    const folder = join(work, 'issued-here');
    mkdirSync(folder);
    copyFileSync(ISSUED_OCTOBER, join(folder, 'preview.json'));
    const result = await preview('2024-11', [folder], folder);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/it is the folder of an issued preview/);
    expect(readFileSync(join(folder, 'preview.json'), 'utf8')).toBe(october);
    expect(existsSync(join(folder, 'preview.xlsx'))).toBe(false);
  });
});
