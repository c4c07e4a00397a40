/**
 * The two output forms of every binary renderer: bytes, and a writable stream the renderer
 * writes, ends, and waits for. One pair of helpers so each renderer behaves the same way.
 */
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * The bytes a stream writer produces, collected in memory.
 *
 * @example const bytes = await bytesOf((sink) => writeRunwayWorkbook(runway, sink));
 */
export async function bytesOf(
  write: (sink: NodeJS.WritableStream) => Promise<void>,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await write(sink);
  return Buffer.concat(chunks);
}

/**
 * Resolves once everything written to `output` has been handed on (for a file, once it is
 * closed); rejects if the stream fails. Only the writable side counts, so a `PassThrough`
 * nobody reads to the end still finishes.
 *
 * @example await writtenOut(stream);
 */
export function writtenOut(output: NodeJS.WritableStream): Promise<void> {
  return finished(output, { readable: false });
}
