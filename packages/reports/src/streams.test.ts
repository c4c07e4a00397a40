import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOV_FROM, NOV_TO, SAMPLE_INVOICES, samplePreview } from '../test/sample-preview.js';
import { xlsxParts } from '../test/xlsx-parts.js';
import { renderInvoicePdf, writeInvoicePdf } from './pdf/invoice-pdf.js';
import { renderPreviewWorkbook, writePreviewWorkbook } from './preview/workbook.js';

const period = { from: NOV_FROM, to: NOV_TO };
let server: Server;
let base = '';
/** Each write…'s promise, resolving to whether the response had finished by then. */
const writes: Promise<string>[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const write =
      request.url === '/invoice.pdf'
        ? writeInvoicePdf(SAMPLE_INVOICES.family, response, { period })
        : writePreviewWorkbook(samplePreview(), response);
    writes.push(
      write.then(
        () => `${request.url} finished: ${response.writableFinished}`,
        (error: unknown) => {
          response.destroy(error as Error);
          return `${request.url} failed`;
        },
      ),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

describe('write… into an HTTP response', () => {
  it('sends the bytes render… gives, and resolves once the response has finished', async () => {
    const pdf = new Uint8Array(await (await fetch(`${base}/invoice.pdf`)).arrayBuffer());
    const expected = await renderInvoicePdf(SAMPLE_INVOICES.family, { period });
    expect(Buffer.compare(pdf, expected)).toBe(0);

    const xlsx = new Uint8Array(await (await fetch(`${base}/preview.xlsx`)).arrayBuffer());
    expect(xlsxParts(xlsx)).toEqual(xlsxParts(await renderPreviewWorkbook(samplePreview())));
    expect(await Promise.all(writes)).toEqual([
      '/invoice.pdf finished: true',
      '/preview.xlsx finished: true',
    ]);
  });
});

describe('write… into a stream that fails', () => {
  /** A stream whose every write fails, as on a full disk. */
  const full = () =>
    new Writable({
      write(_chunk, _encoding, done) {
        done(new Error('ENOSPC: no space left on device'));
      },
    });
  const missingFolder = () => createWriteStream(join(tmpdir(), 'carebill-no-such-folder', 'x'));

  it('rejects with the stream error and leaves the stream destroyed', async () => {
    for (const output of [full(), missingFolder()]) {
      await expect(writeInvoicePdf(SAMPLE_INVOICES.council, output, { period })).rejects.toThrow(
        /ENOSPC|ENOENT/,
      );
      expect(output.destroyed).toBe(true);
    }
    for (const output of [full(), missingFolder()]) {
      await expect(writePreviewWorkbook(samplePreview(), output)).rejects.toThrow(/ENOSPC|ENOENT/);
      expect(output.destroyed).toBe(true);
    }
  });
});
