import { describe, expect, it } from 'vitest';
import { runScript } from '../test/child.js';
import * as csv from './csv.js';
import * as root from './index.js';
import * as json from './json.js';
import * as pdf from './pdf.js';
import * as xlsx from './xlsx.js';

/** What the child script reports after each step. */
type Steps = readonly { step: string; exports: string[]; packages: string[] }[];

const HEAVY = ['exceljs', 'pdfmake', 'pdfkit', 'fontkit'];
const heavy = (steps: Steps) =>
  steps.map(({ step, packages }) => [step, HEAVY.filter((name) => packages.includes(name))]);

describe('entry points: a caller pays only for what it imports', () => {
  it('loads neither exceljs nor pdfmake for @carebill/reports/csv and /json', async () => {
    const steps = await runScript<Steps>('loaded-modules.ts', 'csv', 'json');
    expect(steps.map((s) => s.exports.length > 0)).toEqual([true, true]);
    expect(heavy(steps)).toEqual([
      ['csv', []],
      ['json', []],
    ]);
  });

  it('sees exceljs and pdfmake once they are loaded (so the check above can fail)', async () => {
    const steps = await runScript<Steps>('loaded-modules.ts', 'pdf', 'render-pdf', 'xlsx');
    expect(heavy(steps)).toEqual([
      ['pdf', []], // pdfmake comes in on the first render, not on import
      ['render-pdf', ['pdfmake', 'pdfkit', 'fontkit']],
      ['xlsx', ['exceljs', 'pdfmake', 'pdfkit', 'fontkit']],
    ]);
  });

  it('exports from the root exactly what the four entries export', () => {
    const parts = [csv, json, pdf, xlsx].flatMap((entry) => Object.keys(entry));
    expect(new Set(parts).size).toBe(parts.length);
    expect(Object.keys(root).sort()).toEqual(parts.sort());
  });
});
