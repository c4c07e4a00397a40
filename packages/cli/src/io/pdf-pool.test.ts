import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPreview, loadDataset, parseDay } from '@carebill/core';
import { generateDataset } from '@carebill/generator';
import { renderInvoicePdf, renderPrintPack } from '@carebill/reports/pdf';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPreviewPdfs, printPackName } from '../commands/preview-pdfs.js';
import { renderPdfJobs } from './pdf-pool.js';

const period = { from: parseDay('2024-11-01')!, to: parseDay('2024-11-30')! };
const raw = generateDataset({ homes: 1, residentsPerHome: 14, years: 1, seed: 3 });
const files = Object.fromEntries(
  Object.entries(raw).map(([name, records]) => [name, JSON.stringify(records)]),
);
const preview = buildPreview(loadDataset(files), { period });

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carebill-pool-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('renderPdfJobs', () => {
  it('writes, over two child processes, the same bytes one process renders', async () => {
    // Packs of 4 so the run mixes invoice files and several pack files.
    const { jobs } = planPreviewPdfs(preview.invoices, dir, period, 4);
    expect(jobs.length).toBeGreaterThanOrEqual(8); // enough to start the pool
    const written: string[] = [];
    const stats = await renderPdfJobs(jobs, {
      workers: 2,
      onWritten: (job) => written.push(job.path),
    });
    expect(stats.workers).toBe(2);
    expect(stats.childPeakRssMb.every((mb) => mb > 0)).toBe(true);
    expect([...written].sort()).toEqual(jobs.map((j) => j.path).sort());
    for (const job of jobs) {
      const expected =
        job.kind === 'invoice'
          ? await renderInvoicePdf(job.invoices[0]!, { period })
          : await renderPrintPack(job.invoices, { period });

      expect(Buffer.compare(await readFile(job.path), expected), job.path).toBe(0);
    }
    expect((await readdir(join(dir, 'invoices'))).length).toBe(preview.invoices.length);
  }, 60_000);

  it('reports a failed render and stops', async () => {
    const bad = { ...preview.invoices[0]!, lines: null } as never;
    const jobs = Array.from({ length: 8 }, (_, seq) => ({
      seq,
      kind: 'invoice' as const,
      invoices: [bad],
      path: join(dir, 'bad', `${seq}.pdf`),
      period,
    }));
    await expect(renderPdfJobs(jobs, { workers: 2 })).rejects.toThrow(/rendering .*bad/);
  }, 60_000);
});

describe('planPreviewPdfs', () => {
  it('puts every posted invoice in exactly one pack of at most the pack size, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), (size) => {
        const { jobs, packs } = planPreviewPdfs(preview.invoices, 'out', period, size);
        const packJobs = jobs.filter((j) => j.kind === 'pack');
        expect(packs.length).toBe(packJobs.length);
        for (const largePrint of [false, true]) {
          const posted = preview.invoices.filter(
            (i) => i.delivery.post && i.delivery.largePrint === largePrint,
          );
          const mine = packJobs.filter((j) =>
            j.path.includes(largePrint ? 'large-print' : 'print-pack-0'),
          );
          expect(mine.flatMap((j) => j.invoices)).toEqual(posted);
          expect(mine.every((j) => j.invoices.length >= 1 && j.invoices.length <= size)).toBe(true);
          expect(mine.map((j) => j.path)).toEqual(
            mine.map((_, i) => join('out', printPackName(largePrint, i + 1))),
          );
        }
        expect(jobs.filter((j) => j.kind === 'invoice').length).toBe(preview.invoices.length);
        expect(jobs.map((j) => j.seq)).toEqual(jobs.map((_, i) => i));
      }),
      { numRuns: 7 },
    );
  });

  it('names packs with three digits', () => {
    expect(printPackName(false, 1)).toBe('print-pack-001.pdf');
    expect(printPackName(true, 12)).toBe('print-pack-large-print-012.pdf');
  });
});
