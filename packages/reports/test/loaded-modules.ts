/**
 * Child script (see child.ts): takes steps in order — an entry of `@carebill/reports` to
 * import (`.`, `json`, `csv`, `xlsx`, `pdf`) or `render-pdf` (render an invoice through the
 * last entry imported) — and prints, after each step, the entry's exports and the packages
 * under node_modules the process has loaded so far. exceljs, pdfmake, pdfkit and fontkit
 * are CommonJS, so each one loaded sits in the CommonJS module cache however it came in.
 */
import { createRequire } from 'node:module';
import { sep } from 'node:path';

const cache = createRequire(import.meta.url).cache;
function loadedPackages(): string[] {
  const packages = new Set<string>();
  for (const path of Object.keys(cache)) {
    const at = path.lastIndexOf(`${sep}node_modules${sep}`);
    if (at < 0) continue;
    const [scope = '', name = ''] = path.slice(at + 14).split(sep);
    packages.add(scope.startsWith('@') ? `${scope}/${name}` : scope);
  }
  return [...packages];
}

const steps: { step: string; exports: string[]; packages: string[] }[] = [];
let reports: Record<string, unknown> = {};
for (const step of process.argv.slice(2)) {
  if (step === 'render-pdf') {
    const { renderInvoicePdf } = reports as typeof import('../src/pdf.js');
    const { SAMPLE_INVOICES } = await import('./sample-preview.js');
    await renderInvoicePdf(SAMPLE_INVOICES.council);
  } else {
    reports = await import(step === '.' ? '@carebill/reports' : `@carebill/reports/${step}`);
  }
  steps.push({ step, exports: Object.keys(reports), packages: loadedPackages() });
}
process.stdout.write(JSON.stringify(steps));
