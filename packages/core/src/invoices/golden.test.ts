/**
 * The golden dataset of fixtures/golden/linked-contracts, computed by hand penny by penny in
 * its README, billed by the library itself (the CLI's golden test runs the same data
 * through a child process, where no mutant of core is ever active).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { d } from '../../test/builders.js';
import { formatDay } from '../calendar/day.js';
import { loadDataset } from '../dataset/load.js';
import type { DatasetFiles } from '../dataset/load-types.js';
import type { ResourceName } from '../dataset/model.js';
import { buildPreview } from './preview.js';

const folder = join(import.meta.dirname, '../../../../fixtures/golden/linked-contracts');
const files: DatasetFiles = {};
for (const name of readdirSync(folder)) {
  if (name.endsWith('.json'))
    files[name.replace(/\.json$/, '') as ResourceName] = readFileSync(join(folder, name), 'utf8');
}

describe('golden: linked contracts with FNC lapsing mid-month (SPEC §3.3 worked example)', () => {
  // Billed in each test, not when the file loads (which would make every mutant it reaches
  // "static" to Stryker, run against every test of the module: docs/testing.md).
  const bill = () => {
    const loaded = loadDataset(files);
    const preview = buildPreview(loaded, {
      period: { from: d('2024-11-01'), to: d('2024-11-30') },
    });
    return { loaded, preview };
  };

  it('loads cleanly', () => {
    const { loaded } = bill();
    expect([loaded.errors, loaded.parked, loaded.warnings]).toEqual([[], [], []]);
  });

  it('bills exactly the hand-computed amounts, numbered by payer name', () => {
    const { preview } = bill();
    expect(preview.invoices.map((i) => [i.number, i.payer.name, i.totalPence])).toEqual([
      ['PREVIEW-202411-0001', 'Edith Wall', 593803],
      ['PREVIEW-202411-0002', 'Joan Marsh', 42857],
      ['PREVIEW-202411-0003', 'NHS Oxfordshire ICB', 50546],
      ['PREVIEW-202411-0004', 'Oxfordshire County Council', 335169],
    ]);
    expect(preview.totals).toEqual({
      feesPence: 1022375,
      invoicedPence: 1022375,
      unbilledPence: 0,
      unallocatedPence: 0,
      adjustmentsPence: 0,
      unbilledAdjustmentsPence: 0,
    });
  });

  it('the council’s line says it is net of the linked contributions; the FNC line ends on 15 Nov', () => {
    const { preview } = bill();
    const council = preview.invoices[3]!.lines[0]!;
    expect(council.description).toBe(
      'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £1,000.00 per week less linked contributions',
    );
    const fnc = preview.invoices[2]!.lines[0]!;
    expect([formatDay(fnc.from), formatDay(fnc.to), fnc.days, fnc.description]).toEqual([
      '2024-11-01',
      '2024-11-15',
      15,
      'Care fees 1 Nov 2024 – 15 Nov 2024, 15 days at £235.88 per week',
    ]);
    expect(preview.invoices.map((i) => [i.delivery.email, i.paymentInstructions])).toEqual([
      [['edith.wall@example.org'], 'Pay by bank transfer to sort code 20-32-06, account 43917265.'],
      [['joan.marsh@example.org'], 'Pay by bank transfer to sort code 20-32-06, account 43917265.'],
      [['fnc@nhs.example'], 'Pay by bank transfer to sort code 20-32-06, account 43917265.'],
      [
        ['micheal.frey@oxfordshire.gov.uk'],
        'Pay by bank transfer to sort code 20-32-06, account 43917265.',
      ],
    ]);
  });
});
