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
 * Runs a writer that writes `output` and ends it, and resolves once `output` has finished
 * (for a file, once it is closed). If the stream fails (a full disk, a client gone) or the
 * writer throws, rejects with that error and destroys the stream — the caller never waits
 * on a stream that will not finish. Only the writable side counts, so a `PassThrough`
 * nobody reads to the end still finishes.
 *
 * @example await writeInto(stream, () => workbook.commit());
 */
export async function writeInto(
  output: NodeJS.WritableStream,
  write: () => Promise<void>,
): Promise<void> {
  const finishedWriting = finished(output, { readable: false });
  try {
    await Promise.all([write(), finishedWriting]);
  } catch (error) {
    finishedWriting.catch(() => {}); // settled by the destroy below if not already
    (output as Partial<Writable>).destroy?.(error as Error);
    throw error;
  }
}
