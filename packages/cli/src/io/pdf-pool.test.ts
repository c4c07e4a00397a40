import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPreview, loadDataset, parseDay } from '@carebill/core';
import { generateDataset } from '@carebill/generator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPreviewPdfs, printPackName } from '../commands/preview-pdfs.js';
import { renderPdfJob } from './pdf-job.js';
import { MIN_WORK_FOR_POOL, pdfWorkers, renderPdfJobs, workOf } from './pdf-pool.js';

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
    // In job order, as one process renders them (a pack merges its invoices' files).
    for (const job of jobs) {
      expect(Buffer.compare(await readFile(job.path), await renderPdfJob(job)), job.path).toBe(0);
    }
    expect(jobs.filter((job) => job.kind === 'pack').every((job) => job.sources)).toBe(true);
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

  it('names the file it could not write, not the first of its batch', async () => {
    const folder = join(dir, 'unwritable');
    const jobs = preview.invoices.slice(0, 8).map((invoice, seq) => ({
      seq,
      kind: 'invoice' as const,
      invoices: [invoice],
      path: join(folder, `${seq}.pdf`),
      period,
    }));
    // The third file's path is a folder already: renaming a written file onto it fails.
    await mkdir(join(folder, '2.pdf', 'inside'), { recursive: true });
    await expect(renderPdfJobs(jobs, { workers: 2 })).rejects.toThrow(
      /^rendering \S*unwritable\/2\.pdf: /,
    );
  }, 60_000);
});

describe('choosing the processes', () => {
  it('renders a small month in this process when --jobs is not given', async () => {
    const { jobs } = planPreviewPdfs(preview.invoices, join(dir, 'small'), period, 4);
    expect(workOf(jobs)).toBeLessThan(MIN_WORK_FOR_POOL);
    const stats = await renderPdfJobs(jobs);
    expect(stats).toEqual({ workers: 1, childPeakRssMb: [] });
    for (const job of jobs) {
      expect(Buffer.compare(await readFile(job.path), await renderPdfJob(job)), job.path).toBe(0);
    }
  }, 60_000);

  it('counts an invoice laid out as 1 and an invoice merged into a pack as a third', () => {
    const { jobs } = planPreviewPdfs(preview.invoices, 'out', period, 4);
    const posted = preview.invoices.filter((i) => i.delivery.post).length;
    expect(posted).toBeGreaterThan(0);
    expect(workOf(jobs)).toBeCloseTo(preview.invoices.length + posted / 3, 9);
    expect(workOf([])).toBe(0);
  });

  it('never runs more processes than cores, and says when it cut a request', () => {
    expect(pdfWorkers(64, 2)).toEqual({ workers: 2, capped: true });
    expect(pdfWorkers(3, 2)).toEqual({ workers: 2, capped: true });
    expect(pdfWorkers(2, 2)).toEqual({ workers: 2, capped: false });
    expect(pdfWorkers(1, 8)).toEqual({ workers: 1, capped: false });
    expect(pdfWorkers(undefined, 8)).toEqual({ workers: 8, capped: false });
    expect(pdfWorkers(undefined, 1)).toEqual({ workers: 1, capped: false });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 256 }), (n, cores) => {
        const { workers, capped } = pdfWorkers(n, cores);
        expect(workers).toBe(Math.min(n, cores));
        expect(capped).toBe(n > cores);
      }),
    );
  });
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

  it("merges each pack from its invoices' files, each written by an earlier job", () => {
    const { jobs } = planPreviewPdfs(preview.invoices, 'out', period, 3);
    for (const [index, job] of jobs.entries()) {
      if (job.kind === 'invoice') {
        expect(job.sources).toBeUndefined();
        continue;
      }
      const earlier = jobs.slice(0, index).filter((j) => j.kind === 'invoice');
      expect(job.sources).toEqual(
        job.invoices.map((invoice) => earlier.find((j) => j.invoices[0] === invoice)?.path),
      );
    }
  });

  it('puts each pack right after the invoice that completes it, not all at the end', () => {
    const { jobs } = planPreviewPdfs(preview.invoices, 'out', period, 3);
    const packs = jobs.filter((j) => j.kind === 'pack');
    expect(packs.length).toBeGreaterThan(1);
    for (const [index, job] of jobs.entries()) {
      if (job.kind !== 'pack') continue;
      const lastInvoiceJob = jobs.slice(0, index).findLast((j) => j.kind === 'invoice');
      expect(lastInvoiceJob?.invoices[0]).toBe(job.invoices[job.invoices.length - 1]);
    }
    expect(jobs.findIndex((j) => j.kind === 'pack')).toBeLessThan(preview.invoices.length);
  });

  it('names packs with three digits', () => {
    expect(printPackName(false, 1)).toBe('print-pack-001.pdf');
    expect(printPackName(true, 12)).toBe('print-pack-large-print-012.pdf');
  });
});
