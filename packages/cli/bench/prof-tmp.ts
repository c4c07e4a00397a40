import { buildPreview, loadDataset, parseDay } from '@carebill/core';
import { renderInvoicePdf, renderPrintPack } from '@carebill/reports';
import { readDatasetFolder } from '../src/io/read-dataset.js';

const MONTH = { from: parseDay('2024-11-01')!, to: parseDay('2024-11-30')! };
const p = buildPreview(loadDataset(await readDatasetFolder('bench/data/home')), { period: MONTH });
const inv = p.invoices;
for (const i of inv.slice(0, 60)) await renderInvoicePdf(i, { period: MONTH });
let t = performance.now();
for (const i of inv.slice(60, 260)) await renderInvoicePdf(i, { period: MONTH });
console.log('separate ms/inv', (performance.now() - t) / 200);
t = performance.now();
await renderPrintPack(inv.slice(60, 260), { period: MONTH });
console.log('merged ms/inv', (performance.now() - t) / 200);
