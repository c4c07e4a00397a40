/**
 * report.json, report.xlsx and report.pdf of a small two-home pack, each read back with a
 * second reader: JSON.parse, SheetJS (cells) and exceljs (print setup), poppler and qpdf.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildManagementPack, type ManagementPack, parseDay } from '@carebill/core';
import {
  booking,
  contract,
  dataset,
  loaded,
  location,
  locationContact,
  room,
  serviceUser,
} from '@carebill/core/testing';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import {
  HAS_POPPLER,
  HAS_QPDF,
  pdfPages,
  pdfText,
  qpdfCheck,
  savePdf,
} from '../../test/poppler.js';
import { renderManagementPackJson } from './json.js';
import { fundingSourceName, periodLabel } from './labels.js';
import { managementPackDocument, renderManagementPackPdf } from './pdf.js';
import { figureSentences, percentOfPermille, sharePermille } from './words.js';
import { renderManagementPackWorkbook } from './workbook.js';

const d = (text: string) => parseDay(text)!;
const november = { from: d('2024-11-01'), to: d('2024-11-30') };
const october = { from: d('2024-10-01'), to: d('2024-10-31') };

/**
 * Ash House (2 rooms): Ada, £1,385.54/week from 1 Nov: council £1,000/week 428571, FNC
 * £235.88/week 101091, she pays the balance 64141 (593803 in all). Birch Lodge (1 room):
 * Ben, £700/week since 1 Oct, nobody to bill: 300000 unallocated in November, 310000 in
 * October.
 */
const data = loaded(
  dataset({
    locations: [location('ash', { name: 'Ash House' }), location('birch', { name: 'Birch Lodge' })],
    rooms: [
      room('a1', { location: 'ash' }),
      room('a2', { location: 'ash' }),
      room('b1', { location: 'birch' }),
    ],
    serviceUsers: [
      serviceUser('ada', { firstName: 'Ada', lastName: 'Lovelace', billingEnabled: true }),
      serviceUser('ben', { firstName: 'Ben', lastName: 'Jones' }),
    ],
    locationContacts: [
      locationContact('la', { companyName: 'Oxfordshire County Council' }),
      locationContact('nhs', { companyName: 'NHS Oxfordshire ICB' }),
    ],
    bookings: [
      booking({ id: 'b-ada', serviceUser: 'ada', location: 'ash', room: 'a1' }),
      booking({
        id: 'b-ben',
        serviceUser: 'ben',
        location: 'birch',
        room: 'b1',
        startDate: d('2024-10-01'),
        ratePence: 70000,
      }),
    ],
    contracts: [
      contract({
        id: 'c-la',
        serviceUser: 'ada',
        feeContributionPence: 100000,
        contributionType: 'local_authority',
      }),
      contract({
        id: 'c-fnc',
        serviceUser: 'ada',
        feeContributionPence: 23588,
        contributionType: 'fnc',
        payer: { kind: 'location_contact', id: 'nhs' },
      }),
      contract({
        id: 'c-ada',
        serviceUser: 'ada',
        contributionType: 'private',
        payer: { kind: 'service_user', id: 'ada' },
      }),
    ],
  }),
);

const pack = buildManagementPack(data, { period: november });
const compared = buildManagementPack(data, { period: november, compare: october });

describe('report.json', () => {
  it('is SPEC §11’s shape in snake_case, integer pence', () => {
    const json = JSON.parse(renderManagementPackJson(pack));
    expect(Object.keys(json)).toEqual([
      'period',
      'day_rule',
      'monthly52',
      'homes',
      'group',
      'parked',
      'warnings',
    ]);
    expect(json.period).toEqual({ from: '2024-11-01', to: '2024-11-30' });
    expect(json.homes[0]).toEqual({
      location: 'ash',
      name: 'Ash House',
      fees_pence: 593803,
      by_funding: [
        { source: 'local_authority', pence: 428571 },
        { source: 'fnc', pence: 101091 },
        { source: 'private', pence: 64141 },
      ],
      bed_days_occupied: 30,
      residents: 1,
      rooms: 2,
      bed_days_out_of_service: 0,
      bed_days_available: 60,
      occupancy_permille: 500,
      average_weekly_fee_pence: 138554,
    });
    expect(json.group).toMatchObject({ fees_pence: 893803, residents: 2, occupancy_permille: 667 });
  });

  it('adds a compare section, home by home, with the change', () => {
    const json = JSON.parse(renderManagementPackJson(compared));
    expect(Object.keys(json)).toContain('compare');
    expect(json.compare.period).toEqual({ from: '2024-10-01', to: '2024-10-31' });
    expect(json.compare.homes[1]).toMatchObject({
      location: 'birch',
      fees_pence: 310000,
      by_funding: [{ source: 'unallocated', pence: 310000 }],
      occupancy_permille: 1000,
      average_weekly_fee_pence: 70000,
      change: {
        fees_pence: -10000,
        fees_permille: -32, // −10000 × 1000 / 310000 = −32.26
        occupancy_permille: 0,
        average_weekly_fee_pence: 0,
      },
    });
    expect(json.compare.group.change.fees_pence).toBe(893803 - 310000);
  });
});

describe('report.xlsx', () => {
  let dir: string;
  const read = async (p: ManagementPack, name: string) => {
    const path = join(dir, name);
    await writeFile(path, await renderManagementPackWorkbook(p));
    return { path, book: XLSX.read(await readFile(path), { cellFormula: true, cellNF: true }) };
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'carebill-report-'));
  });

  it('Summary: a row per home and the group, money and percentages as numbers', async () => {
    const { book } = await read(pack, 'plain.xlsx');
    expect(book.SheetNames).toEqual(['Summary', 'Fee income']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Summary']!, {
      header: 1,
      raw: true,
    });
    expect(rows[0]).toEqual([
      'Home',
      'Location id',
      'Fees Nov 2024',
      'Residents',
      'Bed-days occupied',
      'Rooms',
      'Bed-days out of service',
      'Bed-days available',
      'Occupancy',
      'Average weekly fee',
    ]);
    expect(rows.slice(1)).toEqual([
      ['Ash House', 'ash', 5938.03, 1, 30, 2, 0, 60, 0.5, 1385.54],
      ['Birch Lodge', 'birch', 3000, 1, 30, 1, 0, 30, 1, 700],
      ['Group (2 homes)', undefined, 8938.03, 2, 60, 3, 0, 90, 0.667, 1042.77],
    ]);
    const sheet = book.Sheets['Summary']!;
    expect(sheet['C2']?.z).toBe('£#,##0.00');
    expect(sheet['I2']?.z).toBe('0.0%');
    expect(sheet['I4']?.w).toBe('66.7%');
    expect(sheet['C4']?.f).toBe('SUM(C2:C3)');
  });

  it('Fee income: one row per home × source, adding up to each home’s fees', async () => {
    const { book } = await read(pack, 'plain.xlsx');
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Fee income']!);
    expect(
      rows.map((r) => [r['Home'], r['Source'], r['Funding source'], r['Fees Nov 2024']]),
    ).toEqual([
      ['Ash House', 'local_authority', 'Local authority', 4285.71],
      ['Ash House', 'fnc', 'NHS nursing care (FNC)', 1010.91],
      ['Ash House', 'private', 'Private', 641.41],
      ['Birch Lodge', 'unallocated', 'Unallocated', 3000],
    ]);
    const pence = (home: string) =>
      rows
        .filter((r) => r['Home'] === home)
        .reduce((sum, r) => sum + Math.round((r['Fees Nov 2024'] as number) * 100), 0);
    expect(pence('Ash House')).toBe(593803);
    expect(rows.every((r) => r['Period'] === 'Nov 2024')).toBe(true);
  });

  it('with --compare: the previous month and the change beside each figure', async () => {
    const { book } = await read(compared, 'compare.xlsx');
    const summary = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Summary']!);
    expect(summary[1]).toMatchObject({
      Home: 'Birch Lodge',
      'Fees Oct 2024': 3100,
      'Change in fees': -100,
      'Change in fees %': -0.032,
      'Occupancy Oct 2024': 1,
      'Change in occupancy': 0,
    });
    const income = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Fee income']!);
    expect(income.at(-1)).toMatchObject({
      Source: 'unallocated',
      'Fees Nov 2024': 3000,
      'Fees Oct 2024': 3100,
      'Change in fees': -100,
    });
  });

  it('prints well: A4 landscape fitted to the width, header row repeated, page numbers', async () => {
    const { path } = await read(pack, 'print.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    for (const sheet of book.worksheets) {
      expect(sheet.pageSetup).toMatchObject({
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:1',
      });
      expect(sheet.headerFooter.oddFooter).toContain('Page &P of &N');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeDefined();
    }
    expect(book.created?.toISOString()).toBe('2024-11-01T00:00:00.000Z');
  });
});

describe.skipIf(!HAS_POPPLER)('report.pdf', () => {
  let path: string;
  let pages: string[];
  beforeAll(async () => {
    path = savePdf(await renderManagementPackPdf(compared), 'report');
    pages = pdfText(path);
  });

  it('has a page for the group, then one per home', () => {
    expect(pdfPages(path)).toBe(3);
    expect(pages[0]).toContain('Group: 2 homes');
    expect(pages[1]).toContain('Ash House');
    expect(pages[2]).toContain('Birch Lodge');
    for (const [i, text] of pages.entries()) expect(text).toContain(`page ${i + 1} of 3`);
  });

  it('gives the figures in numbers and in words', () => {
    const ash = pages[1]!.replace(/\s+/g, ' ');
    expect(ash).toContain('£5,938.03');
    expect(ash).toContain('50.0%');
    expect(ash).toContain('£1,385.54');
    expect(ash).toContain(
      'Fee income was £5,938.03 from 1 resident over 30 occupied bed-days: an average weekly fee of £1,385.54',
    );
    expect(ash).toContain(
      '2 rooms give 60 bed-days: 60 available; 30 occupied is an occupancy of 50.0%.',
    );
    const birch = pages[2]!.replace(/\s+/g, ' ');
    expect(birch).toContain(
      'Compared with Oct 2024 (1 October 2024 – 31 October 2024), fees fell by £100.00 (3.2%)',
    );
    expect(birch).toContain('£3,000.00 of the fees has no payer yet');
  });

  it('draws one bar per source and period as a filled rectangle', async () => {
    const plain = join(await mkdtemp(join(tmpdir(), 'carebill-qdf-')), 'plain.pdf');
    await writeFile(plain, '');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', path, plain]);
    const streams = (await readFile(plain)).toString('latin1');
    // #1f4e79, this period's bars: 3 sources at Ash, 1 at Birch, 4 in the group.
    // pdfkit writes `x y w h re`, then the fill colour, then `f`.
    const now =
      streams.match(
        / re\s+\/DeviceRGB cs\s+0\.1215\d* 0\.3058\d* 0\.4745\d* scn\s+(?:\/Gs\d+ gs\s+)?f\s/g,
      ) ?? [];
    expect(now).toHaveLength(8);
  });

  it.skipIf(!HAS_QPDF)('is a sound PDF, the same bytes every time', async () => {
    qpdfCheck(path);
    const again = await renderManagementPackPdf(compared);
    expect(Buffer.from(again).equals(await readFile(path))).toBe(true);
  });

  it('dates its metadata from the period, never the clock', () => {
    const info = managementPackDocument(pack)['info'] as { creationDate: Date };
    expect(info.creationDate.toISOString()).toBe('2024-11-01T00:00:00.000Z');
  });
});

describe('words and labels', () => {
  it('formats permille exactly', () => {
    expect(percentOfPermille(759)).toBe('75.9%');
    expect(percentOfPermille(1000)).toBe('100.0%');
    expect(percentOfPermille(5)).toBe('0.5%');
    expect(percentOfPermille(-32)).toBe('-3.2%');
    expect(sharePermille(4023232, 7175375)).toBe(561);
    expect(sharePermille(1, 0)).toBeNull();
  });

  it('names known sources, and others as written', () => {
    expect(fundingSourceName('fnc')).toBe('NHS nursing care (FNC)');
    expect(fundingSourceName('respite_grant')).toBe('Respite grant');
    expect(fundingSourceName('toString')).toBe('ToString');
    expect(periodLabel(november)).toBe('Nov 2024');
    expect(periodLabel({ from: d('2024-11-01'), to: d('2024-11-15') })).toBe(
      '1 Nov 2024 – 15 Nov 2024',
    );
  });

  it('names over-contracting, and never counts unallocated money as a source', () => {
    const figures = {
      ...pack.homes[0]!,
      feesPence: 685714,
      byFunding: [
        { source: 'local_authority', pence: 428571 },
        { source: 'private', pence: 385714 },
        { source: 'unallocated', pence: -128571 },
      ],
    };
    expect(figureSentences(figures, november).slice(-2)).toEqual([
      'The largest sources of fees were Local authority £4,285.71 (62.5%) and Private £3,857.14 (56.2%).',
      'Contracts pay £1,285.71 more than the fees (over-contracted in the preview): check their amounts.',
    ]);
  });

  it('says when occupancy cannot be measured', () => {
    const noRooms = buildManagementPack(loaded(dataset({ bookings: [booking({ id: 'b1' })] })), {
      period: november,
    });
    expect(figureSentences(noRooms.homes[0]!, november)).toContain(
      'No rooms are on record, so occupancy cannot be measured.',
    );
  });
});
