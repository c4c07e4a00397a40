import { writeFile } from 'node:fs/promises';
import { buildManagementPack, loadDataset, parseDay } from '@carebill/core';
import {
  renderManagementPackJson,
  renderManagementPackPdf,
  writeManagementPackWorkbook,
} from '@carebill/reports';
import { readDatasetFolder } from './src/io/read-dataset.ts';

const loaded = loadDataset(await readDatasetFolder(process.argv[2] ?? 'fixtures/demo'));
const cmp = process.argv[3] === 'cmp';
const pack = buildManagementPack(loaded, {
  period: { from: parseDay('2024-11-01')!, to: parseDay('2024-11-30')! },
  ...(cmp ? { compare: { from: parseDay('2024-10-01')!, to: parseDay('2024-10-31')! } } : {}),
});
await writeFile('/tmp/mp/report.json', renderManagementPackJson(pack));
await writeManagementPackWorkbook(pack, '/tmp/mp/report.xlsx');
await writeFile('/tmp/mp/report.pdf', await renderManagementPackPdf(pack));
