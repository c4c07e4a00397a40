import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Booking,
  type CareFund,
  type Dataset,
  type Day,
  parseDay,
  projectRunway,
  type Runway,
  type ServiceUser,
} from '@carebill/core';
import { loaded, serviceUser } from '@carebill/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { xlsxParts } from '../../test/xlsx-parts.js';
import { renderRunwayJson } from './json.js';
import { renderRunwayPdf, writeRunwayPdf } from './pdf.js';
import { renderRunwayWorkbook, writeRunwayWorkbook } from './workbook.js';

const d = (text: string) => parseDay(text) as Day;

function resident(id: string, first: string, last: string): ServiceUser {
  return serviceUser(id, {
    firstName: first,
    lastName: last,
    billingEnabled: true,
    accountCode: '',
  });
}
function stay(id: string, serviceUser: string, start: string, ratePence: number): Booking {
  return {
    id,
    type: 'service_user',
    serviceUser,
    location: 'loc1',
    room: null,
    startDate: d(start),
    endDate: null,
    proposedCheckoutDate: null,
    respite: false,
    cancelled: false,
    ratePence,
    ratePeriod: 'weekly',
  };
}
function fund(
  id: string,
  serviceUser: string,
  pence: number,
  date: string,
  description: string,
): CareFund {
  return {
    id,
    serviceUser,
    careFundType: null,
    description,
    openingBalancePence: pence,
    openingBalanceDate: d(date),
  };
}

/** Two residents: Ada (the £50,000 worked example) and Gwenllïan Ŵyn Łucja (two funds). */
const dataset: Dataset = {
  bookings: [stay('b1', 'su1', '2024-11-01', 138554), stay('b2', 'su2', '2024-06-01', 120000)],
  serviceUsers: new Map([
    ['su1', resident('su1', 'Ada', 'Lovelace')],
    ['su2', resident('su2', 'Gwenllïan Ŵyn', 'Łucja')],
  ]),
  serviceUserContacts: new Map(),
  locationContacts: new Map(),
  locations: new Map(),
  contracts: [],
  careFunds: [
    fund('f1', 'su1', 5000000, '2024-11-01', 'Savings'),
    fund('f2', 'su2', 1500000, '2024-06-01', 'Current account'),
    fund('f3', 'su2', 2000000, '2024-06-01', 'ISA'),
  ],
  careFundTypes: new Map(),
  rooms: new Map(),
};

let runway: Runway;
let dir: string;
beforeAll(async () => {
  runway = projectRunway(loaded(dataset), { asOf: d('2024-11-22') });
  dir = process.env['KEEP_RUNWAY_OUTPUT'] ?? (await mkdtemp(join(tmpdir(), 'runway-')));
});

describe('runway.json', () => {
  it('has the shape of SPEC §6, snake_case, with a trailing newline', () => {
    const text = renderRunwayJson(runway);
    expect(text.endsWith('}\n')).toBe(true);
    expect(renderRunwayJson(runway)).toBe(text);
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual([
      'as_of',
      'horizon_end',
      'region',
      'limits',
      'funds',
      'service_users',
      'parked',
      'warnings',
    ]);
    expect(json).toMatchObject({
      as_of: '2024-11-22',
      horizon_end: '2027-11-30',
      region: 'england',
      limits: { upper_pence: 2325000, lower_pence: 1425000 },
      parked: [],
      warnings: [],
    });
    expect(json.funds[0]).toEqual({
      id: 'f1',
      service_user: 'su1',
      description: 'Savings',
      balance_as_of_pence: 4564545,
      depletion_date: '2025-07-11',
      notify_depletion_by: '2025-01-12',
      monthly: expect.any(Array),
    });
    expect(json.funds[0].monthly[0]).toEqual({ month: '2024-11', closing_balance_pence: 4406197 });
    expect(json.funds[0].monthly).toHaveLength(37);
    expect(json.service_users[0]).toEqual({
      id: 'su1',
      name: 'Ada Lovelace',
      total_as_of_pence: 4564545,
      upper_limit_date: '2025-03-16',
      lower_limit_date: '2025-04-30',
      notify_council_by: '2024-12-16',
      flags: [],
    });
  });
});

describe('runway.xlsx', () => {
  it('reads back with SheetJS: sheets, pounds, real dates, highlighted cells', async () => {
    const path = join(dir, 'runway.xlsx');
    // Resolves once the file is complete: it is read straight away.
    await writeRunwayWorkbook(runway, createWriteStream(path));
    const fromFile = await readFile(path);
    expect(xlsxParts(await renderRunwayWorkbook(runway))).toEqual(xlsxParts(fromFile));
    const book = XLSX.read(fromFile, { cellStyles: true });
    expect(book.SheetNames).toEqual(['Summary', 'Monthly balances']);
    const summary = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Summary']!);
    expect(summary[0]).toMatchObject({
      Resident: 'Ada Lovelace',
      'Total at 22 Nov 2024': 45645.45,
    });
    // A real date: the serial of 16 Mar 2025 (days since 1970-01-01 + 25569) with a date format.
    const sheet = book.Sheets['Summary']!;
    expect(sheet['E2']?.t).toBe('n');
    expect(sheet['E2']?.v).toBe(d('2025-03-16') + 25569);
    expect(sheet['E2']?.z).toBe('dd/mm/yyyy');
    expect(sheet['D2']?.z).toBe('£#,##0.00');
    const monthly = book.Sheets['Monthly balances']!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(monthly);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ Resident: 'Ada Lovelace', Fund: 'f1', 'Nov 2024': 44061.97 });
    // Ada's total is below £23,250 from 16 Mar 2025: Mar 2025 is amber, May 2025 red.
    const header = XLSX.utils.sheet_to_json<string[]>(monthly, { header: 1 })[0] as string[];
    const col = (label: string) => XLSX.utils.encode_col(header.indexOf(label));
    expect(monthly[`${col('Feb 2025')}2`]?.s?.fgColor?.rgb).toBeUndefined();
    expect(monthly[`${col('Mar 2025')}2`]?.s?.fgColor?.rgb).toBe('FFD966');
    expect(monthly[`${col('May 2025')}2`]?.s?.fgColor?.rgb).toBe('F4A6A6');
    expect(monthly['!autofilter']).toBeDefined();
    // Printing: the header row on every page; the resident and fund at the left of every
    // page of Monthly balances, which prints a year of months a page.
    expect(book.Workbook?.Names?.map((n) => [n.Sheet, n.Ref])).toEqual([
      [0, "'Summary'!$1:$1"],
      [1, "'Monthly balances'!$A:$B,'Monthly balances'!$1:$1"],
    ]);
  });
});

describe('runway.pdf', () => {
  it('names every resident and the key dates in words, the same bytes twice', async () => {
    const pdf = await renderRunwayPdf(runway);
    expect(Buffer.compare(await renderRunwayPdf(runway), pdf)).toBe(0);
    const path = join(dir, 'runway.pdf');
    await writeRunwayPdf(runway, createWriteStream(path));
    expect(Buffer.compare(await readFile(path), pdf)).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('Gwenllïan Ŵyn Łucja');
    expect(text).toContain(
      'Savings are projected to fall below the upper limit of £23,250 on 16 March 2025; tell the council by 16 December 2024.',
    );
    expect(text).toContain('fall below the lower limit of £14,250 on 30 April 2025');
    expect(text).toContain('£36 a week from 16 March 2025');
    expect(text).toContain('page 2 of 2');
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/CreationDate:.*2024/);
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' });
    expect(fonts).toContain('Roboto');
  });
});

describe('key dates in words', () => {
  it('speaks of one capital limit in Wales, and of overdue notice', async () => {
    const { keyDateSentences } = await import('./words.js');
    const wales = projectRunway(loaded(dataset), { asOf: d('2024-11-22'), region: 'wales' });
    const ada = wales.serviceUsers.find((r) => r.id === 'su1')!;
    // £45,645.45 at T is already below £50,000.
    expect(keyDateSentences(wales, ada)).toEqual([
      'Savings of £45,645.45 are already below the capital limit of £50,000 on 22 November 2024; tell the council now.',
    ]);
    const soon = projectRunway(loaded(dataset), { asOf: d('2025-01-10') });
    const adaSoon = soon.serviceUsers.find((r) => r.id === 'su1')!;
    expect(adaSoon.flags).toEqual(['overdue']);
    expect(keyDateSentences(soon, adaSoon)[0]).toBe(
      'Savings are projected to fall below the upper limit of £23,250 on 16 March 2025; that is less than 3 months away, so tell the council now.',
    );
  });
});
