import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  buildPreview,
  type DatasetFiles,
  type Invoice,
  loadDataset,
  parseDay,
} from '@carebill/core';
import { mergeInvoicePdfs, renderInvoicePdf } from '@carebill/reports/pdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planChunks, queueRunId } from './plan.js';
import { PROTOCOL, problemWithJob, type RenderJobData, workFolderName } from './protocol.js';
import { renderChunk } from './render-chunk.js';
import { openWorkFolder, readChunkRecords } from './work-folder.js';

const DEMO = resolve(import.meta.dirname, '../../../fixtures/demo');
const period = { from: parseDay('2024-11-01')!, to: parseDay('2024-11-30')! };
let invoices: Invoice[] = [];
let root = '';
const run = queueRunId({ test: 'render-chunk' });

beforeAll(async () => {
  const files: DatasetFiles = {};
  for (const name of await readdir(DEMO))
    if (name.endsWith('.json'))
      (files as Record<string, string>)[name.slice(0, -5)] = await readFile(
        join(DEMO, name),
        'utf8',
      );
  invoices = [...buildPreview(loadDataset(files), { period }).invoices];
  root = await mkdtemp(join(tmpdir(), 'carebill-chunk-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A job for `files`, in a work folder prepared as the coordinator prepares it. */
async function jobOf(name: string, files: RenderJobData['files']): Promise<RenderJobData> {
  const controlDir = join(root, name, '.carebill');
  await mkdir(controlDir, { recursive: true });
  const { folder } = await openWorkFolder(controlDir, run, planChunks(files));
  return { protocol: PROTOCOL, run, chunk: 0, folder, period, files };
}

describe('renderChunk', () => {
  it('writes the same bytes as the renderer on one machine, with their sizes, hashes and the record', async () => {
    const [a, b, c] = invoices as [Invoice, Invoice, Invoice];
    const files = [
      { path: `invoices/${a.number}.pdf`, kind: 'invoice' as const, invoices: [a] },
      { path: `invoices/${b.number}.pdf`, kind: 'invoice' as const, invoices: [b] },
      { path: 'print-pack-001.pdf', kind: 'pack' as const, invoices: [a, b, c] },
    ];
    // The payload crosses Redis as JSON: render what JSON gives back.
    const job = JSON.parse(JSON.stringify(await jobOf('same', files))) as RenderJobData;
    const result = await renderChunk(job);
    const expected = [
      await renderInvoicePdf(a, { period }),
      await renderInvoicePdf(b, { period }),
      // Merged from the invoices' PDFs, as on one machine: a and b read, c rendered here.
      await mergeInvoicePdfs([
        await renderInvoicePdf(a, { period }),
        await renderInvoicePdf(b, { period }),
        await renderInvoicePdf(c, { period }),
      ]),
    ];
    for (const [i, file] of files.entries()) {
      const written = await readFile(join(job.folder, file.path));
      expect(Buffer.compare(written, Buffer.from(expected[i] as Uint8Array)), file.path).toBe(0);
      expect(result.files[i]).toMatchObject({ path: file.path, size: written.byteLength });
    }
    expect((await readChunkRecords(job.folder, run)).get(0)).toEqual(result);
    expect(await readdir(join(job.folder, 'invoices'))).toHaveLength(2); // no temporary left
  });

  it('refuses, without retrying, a job that would write outside a run work folder', async () => {
    const [a] = invoices as [Invoice];
    const good = await jobOf('refused', [
      { path: `invoices/${a.number}.pdf`, kind: 'invoice', invoices: [a] },
    ]);
    const bad: [string, unknown][] = [
      ['a path out of the folder', { ...good, files: [{ ...good.files[0], path: '../../x.pdf' }] }],
      [
        'a file that is not a PDF',
        { ...good, files: [{ ...good.files[0], path: 'preview.json' }] },
      ],
      ['another folder', { ...good, folder: join(root, 'elsewhere') }],
      ['another run', { ...good, run: 'ffffffffffffffff' }],
      ['a relative folder', { ...good, folder: `x/.carebill/${workFolderName(run)}` }],
      ['another protocol', { ...good, protocol: 2 }],
    ];
    for (const [what, job] of bad) {
      expect(problemWithJob(job), what).toBeDefined();
      await expect(renderChunk(job as RenderJobData), what).rejects.toMatchObject({
        name: 'UnrecoverableError',
      });
    }
  });

  it('says to mount the shared folder when the work folder is not there', async () => {
    const [a] = invoices as [Invoice];
    const job = await jobOf('unmounted', [
      { path: `invoices/${a.number}.pdf`, kind: 'invoice', invoices: [a] },
    ]);
    await rm(job.folder, { recursive: true });
    await expect(renderChunk(job)).rejects.toThrow(/not there on this machine: mount the shared/);
  });
});

describe('the work folder', () => {
  it('keeps its run, removes other runs, and reads only sound records of its run', async () => {
    const controlDir = join(root, 'records', '.carebill');
    await mkdir(join(controlDir, workFolderName('0123456789abcdef')), { recursive: true });
    await mkdir(join(controlDir, 'staging.preview.1.ab'), { recursive: true });
    const { folder, removed } = await openWorkFolder(controlDir, run, []);
    expect(removed).toEqual([workFolderName('0123456789abcdef')]);
    expect((await readdir(controlDir)).sort()).toEqual([
      workFolderName(run),
      'staging.preview.1.ab',
    ]);
    const file = { path: 'invoices/A.pdf', size: 3, sha256: 'a'.repeat(64) };
    await writeFile(
      join(folder, 'chunks', '0.json'),
      JSON.stringify({ run, chunk: 0, files: [file] }),
    );
    await writeFile(join(folder, 'chunks', '1.json'), '{"run":');
    await writeFile(
      join(folder, 'chunks', '2.json'),
      JSON.stringify({ run: 'x', chunk: 2, files: [] }),
    );
    await writeFile(join(folder, 'chunks', '3.json'), JSON.stringify({ run, chunk: 4, files: [] }));
    const records = await readChunkRecords(folder, run);
    expect([...records.keys()]).toEqual([0]);
    expect((await openWorkFolder(controlDir, run, [])).folder).toBe(folder); // resumed, not emptied
    expect((await readChunkRecords(folder, run)).size).toBe(1);
  });
});
