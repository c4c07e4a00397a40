import { addDays } from '@carebill/core/internal';
import { describe, expect, it } from 'vitest';
import {
  FORMULA_TEXTS,
  formulaPreview,
  makeInvoice,
  makeLine,
  makePayer,
  makePreview,
  NOV_1,
  NOV_30,
  parsePounds,
  readCsv,
  samplePreview,
} from '../../test/exports-sample.js';
import { decodeWindows1252, HAS_ICONV } from '../../test/iconv.js';
import { deriveSageAccountRef, isSageAccountRef } from './sage50-account-ref.js';
import { renderSage50Csv, SAGE50_COLUMNS, sageDetails } from './sage50-csv.js';

/** A month whose names need more than Windows-1252: Welsh ŵ and ŷ, Polish Ł. */
function welshPreview() {
  return makePreview([
    makeInvoice(
      'PREVIEW-202411-0001',
      [
        makeLine({ label: 'Siân Ŵynne' }),
        makeLine({ booking: 'bk-2', label: 'Rhŷs Łukasz', amountPence: -12345 }),
      ],
      { payer: makePayer({ name: 'Gwenllïan Ŵyn', accountCode: 'WYN001' }) },
    ),
  ]);
}

describe('deriveSageAccountRef', () => {
  it('is CB and six base-36 characters, the same for the same payer every time', () => {
    const code = deriveSageAccountRef('service_user', 'su-4');
    expect(code).toMatch(/^CB[0-9A-Z]{6}$/);
    expect(isSageAccountRef(code)).toBe(true);
    expect(deriveSageAccountRef('service_user', 'su-4')).toBe(code);
    expect(deriveSageAccountRef('service_user_contact', 'su-4')).not.toBe(code);
  });

  it.each([
    ['SMI001', true],
    ['KCC', true],
    ['A-1/2', true],
    ['ABCDEFGH', true],
    ['ABCDEFGHI', false],
    ['smi001', false],
    ['A B', false],
    ['', false],
    ['ÉLAN', false],
  ])('isSageAccountRef(%j) is %s', (code, valid) => {
    expect(isSageAccountRef(code)).toBe(valid);
  });

  it('gives 10,000 payers 10,000 different codes', () => {
    const codes = new Set(
      Array.from({ length: 10_000 }, (_, i) =>
        deriveSageAccountRef('service_user_contact', `c-${i}`),
      ),
    );
    expect(codes.size).toBe(10_000);
  });
});

describe('sageDetails', () => {
  it('is the label and the period, on one line', () => {
    expect(sageDetails('Ann Smith', NOV_1, NOV_30)).toBe('Ann Smith 01/11/2024-30/11/2024');
    expect(sageDetails(' Ann\r\n\tSmith ', NOV_1, NOV_30)).toBe('Ann Smith 01/11/2024-30/11/2024');
    expect(sageDetails('', NOV_1, NOV_30)).toBe('01/11/2024-30/11/2024');
  });

  it('shortens a long label so Details stays within 60 characters and keeps the period', () => {
    const details = sageDetails('Bartholomew Fotheringham-Smythe, NHS 943 476 5919', NOV_1, NOV_30);
    expect(details).toBe('Bartholomew Fotheringham-Smythe, NHS 9 01/11/2024-30/11/2024');
    expect(details.length).toBe(60);
    const formula = sageDetails(`=${'x'.repeat(80)}`, NOV_1, NOV_30);
    expect(formula.length).toBe(59); // 60 with the leading ' it will be given
  });
});

describe('renderSage50Csv', () => {
  it('writes the audit-trail columns and one SI row per invoice line', () => {
    const preview = samplePreview();
    const { files, warnings } = renderSage50Csv(preview);
    expect(files.map((f) => f.fileName)).toEqual(['sage50-audit-trail.csv']);
    const text = files[0]!.text;
    expect(text.split('\r\n')[0]).toBe(
      'Type,Account Reference,Nominal A/C Ref,Department,Date,Reference,Details,Net Amount,Tax Code,Tax Amount',
    );
    const { header, rows } = readCsv(text);
    expect(header).toEqual([...SAGE50_COLUMNS]);
    const derived = deriveSageAccountRef('service_user', 'su-4');
    expect(rows.map((r) => Object.values(r))).toEqual([
      [
        'SI',
        'OBR001',
        '4000',
        '0',
        '01/11/2024',
        'PREVIEW-202411-0001',
        "Ann O'Brien 01/11/2024-30/11/2024",
        '5938.03',
        'T2',
        '0.00',
      ],
      [
        'SI',
        'KCC',
        '4000',
        '0',
        '01/11/2024',
        'PREVIEW-202411-0002',
        'Brown, Arthur (NHS 943 476 5919) 01/11/2024-30/11/2024',
        '3642.86',
        'T2',
        '0.00',
      ],
      [
        'SI',
        'KCC',
        '4000',
        '0',
        '01/11/2024',
        'PREVIEW-202411-0002',
        'Patel, Ravi 01/11/2024-14/11/2024',
        '1700.00',
        'T2',
        '0.00',
      ],
      [
        'SI',
        'KCC',
        '4000',
        '0',
        '01/11/2024',
        'PREVIEW-202411-0002',
        'Patel, Ravi 10/11/2024-12/11/2024',
        '-123.45',
        'T2',
        '0.00',
      ],
      [
        'SI',
        derived,
        '4000',
        '0',
        '01/11/2024',
        'PREVIEW-202411-0003',
        'Siân Jones 01/11/2024-14/11/2024',
        '2771.08',
        'T2',
        '0.00',
      ],
    ]);
    expect(text).toContain(',-123.45,T2,0.00\r\n');
    expect(warnings).toEqual([
      {
        code: 'NO_ACCOUNT_CODE',
        invoice: 'PREVIEW-202411-0003',
        column: 'Account Reference',
        value: '',
        message: expect.stringContaining(derived),
      },
    ]);
  });

  it('totals the preview to the penny, and each invoice its own total', () => {
    const preview = samplePreview();
    const { rows } = readCsv(renderSage50Csv(preview).files[0]!.text);
    const sums = new Map<string, number>();
    for (const row of rows) {
      sums.set(
        row['Reference']!,
        (sums.get(row['Reference']!) ?? 0) + parsePounds(row['Net Amount']!),
      );
      expect(parsePounds(row['Tax Amount']!)).toBe(0);
    }
    for (const invoice of preview.invoices)
      expect(sums.get(invoice.number)).toBe(invoice.totalPence);
    expect([...sums.values()].reduce((a, b) => a + b, 0)).toBe(preview.totals.invoicedPence);
  });

  it('takes nominal code, tax code and department as options', () => {
    const { files } = renderSage50Csv(samplePreview(), {
      nominalCode: '4100',
      taxCode: 'T0',
      department: 7,
    });
    const row = readCsv(files[0]!.text).rows[0]!;
    expect([row['Nominal A/C Ref'], row['Tax Code'], row['Department']]).toEqual([
      '4100',
      'T0',
      '7',
    ]);
    expect(() => renderSage50Csv(samplePreview(), { department: 1.5 })).toThrow(RangeError);
  });

  it('warns once per payer without a code, and about codes Sage 50 refuses or shares', () => {
    const noCode = makePayer({ id: 'x', accountCode: '' });
    const preview = makePreview([
      makeInvoice('INV-1', [makeLine()], { payer: noCode }),
      makeInvoice('INV-2', [makeLine()], { payer: noCode }),
      makeInvoice('INV-3', [makeLine()], {
        payer: makePayer({ id: 'y', accountCode: 'far too long' }),
      }),
      makeInvoice('INV-4', [makeLine()], { payer: makePayer({ id: 'z', accountCode: 'OBR001' }) }),
      makeInvoice('INV-5', [makeLine()], { payer: makePayer({ id: 'w', accountCode: 'OBR001' }) }),
    ]);
    const { files, warnings } = renderSage50Csv(preview);
    expect(warnings.map((w) => [w.code, w.invoice, w.value])).toEqual([
      ['NO_ACCOUNT_CODE', 'INV-1', ''],
      ['INVALID_ACCOUNT_CODE', 'INV-3', 'far too long'],
      ['SHARED_ACCOUNT_CODE', 'INV-5', 'OBR001'],
    ]);
    const refs = readCsv(files[0]!.text).rows.map((r) => r['Account Reference']);
    expect(refs[0]).toBe(refs[1]);
    expect(refs[0]).toBe(deriveSageAccountRef('service_user_contact', 'x'));
  });

  it('neutralises formula-like details, keeps them within 60 characters with the quote', () => {
    const long = makePreview([
      makeInvoice('INV-1', [makeLine({ label: `=${'y'.repeat(70)}`, to: addDays(NOV_1, 2) })]),
    ]);
    const { files, warnings } = renderSage50Csv(long);
    const details = readCsv(files[0]!.text).rows[0]!['Details']!;
    expect(details).toMatch(/^'=y+ 01\/11\/2024-03\/11\/2024$/);
    expect(details.length).toBe(60);
    expect(warnings.map((w) => [w.code, w.column])).toEqual([['FORMULA_TEXT', 'Details']]);
  });

  it('neutralises every formula-like lead and leaves a negative amount a plain number', () => {
    const { files, warnings } = renderSage50Csv(formulaPreview());
    const { rows } = readCsv(files[0]!.text);
    // Details puts the label on one line, so a tab- or CR-led label loses its lead.
    expect(rows.map((r) => r['Details'])).toEqual(
      FORMULA_TEXTS.map((text) => {
        const trimmed = text.trim();
        return `${trimmed === text ? "'" : ''}${trimmed} 01/11/2024-30/11/2024`;
      }),
    );
    expect(warnings.filter((w) => w.code === 'FORMULA_TEXT').map((w) => w.value)).toEqual(
      FORMULA_TEXTS.filter((text) => text.trim() === text).map(
        (text) => `${text} 01/11/2024-30/11/2024`,
      ),
    );
    expect(rows[0]!['Net Amount']).toBe('-12.34');
    expect(warnings.filter((w) => w.code === 'NEGATIVE_TOTAL').map((w) => w.invoice)).toEqual([
      'PREVIEW-202411-0001',
    ]);
  });

  it.skipIf(!HAS_ICONV)(
    'writes Windows-1252 by default: the C library reads back the names, ŵ and Ł transliterated',
    () => {
      const { files, warnings } = renderSage50Csv(welshPreview());
      const file = files[0]!;
      expect(file.encoding).toBe('windows-1252');
      // "â" is the one byte 0xE2, not UTF-8's 0xC3 0xA2.
      const at = file.bytes.indexOf(0xe2);
      expect(at).toBeGreaterThan(0);
      expect(file.bytes[at + 1]).toBe(0x6e); // "n" of "Siân"
      const { rows } = readCsv(decodeWindows1252(file.bytes));
      expect(rows.map((r) => r['Details'])).toEqual([
        'Siân Wynne 01/11/2024-30/11/2024',
        'Rhys Lukasz 01/11/2024-30/11/2024',
      ]);
      expect(warnings).toEqual([
        {
          code: 'TRANSLITERATED',
          invoice: 'PREVIEW-202411-0001',
          line: 1,
          column: 'Details',
          value: 'Siân Ŵynne 01/11/2024-30/11/2024',
          message:
            'Invoice PREVIEW-202411-0001 line 1: Details "Siân Ŵynne 01/11/2024-30/11/2024" has characters Windows-1252 cannot hold (Ŵ → W), so it was written as "Siân Wynne 01/11/2024-30/11/2024"; check the name, or export as UTF-8 if the importing program reads it.',
        },
        expect.objectContaining({
          code: 'TRANSLITERATED',
          line: 2,
          column: 'Details',
          message: expect.stringContaining('(ŷ → y, Ł → L)'),
        }),
      ]);
    },
  );

  it('writes UTF-8 when asked, names as they are and no warning', () => {
    const { files, warnings } = renderSage50Csv(welshPreview(), { encoding: 'utf-8' });
    expect(files[0]!.encoding).toBe('utf-8');
    expect(new TextDecoder('utf-8').decode(files[0]!.bytes)).toBe(files[0]!.text);
    expect(files[0]!.text).toContain('Siân Ŵynne 01/11/2024-30/11/2024');
    expect(warnings).toEqual([]);
    expect(() => renderSage50Csv(welshPreview(), { bom: true })).toThrow(/UTF-8/);
  });

  it('keeps Details within 60 characters when a transliterated minus sign needs a safety quote', () => {
    const preview = makePreview([
      makeInvoice('INV-1', [makeLine({ label: `\u2212${'x'.repeat(70)}` })]),
    ]);
    const { files, warnings } = renderSage50Csv(preview);
    const details = readCsv(files[0]!.text).rows[0]!['Details']!;
    expect(details).toMatch(/^'-x+ 01\/11\/2024-30\/11\/2024$/);
    expect(details.length).toBe(60);
    expect(warnings.map((w) => w.code)).toEqual(['TRANSLITERATED', 'FORMULA_TEXT']);
  });
});
