/**
 * Writing output files so that a reader never sees half a file: write a temporary file
 * beside the target, then rename it over the target (atomic on one file system).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

let counter = 0;

function temporaryName(path: string): string {
  counter += 1;
  return join(dirname(path), `.${process.pid}.${counter}.tmp`);
}

/**
 * Writes `data` to `path` atomically, creating the folder if needed.
 *
 * @example await writeFileAtomic('out/preview.json', json)
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryName(path);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Streams into `path` atomically: `produce` writes into the given stream, and only a
 * complete file is renamed into place.
 *
 * @example await writeStreamAtomic('out/preview.xlsx', (stream) => writePreviewWorkbook(preview, stream))
 */
export async function writeStreamAtomic(
  path: string,
  produce: (stream: NodeJS.WritableStream) => Promise<void>,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryName(path);
  const stream = createWriteStream(temporary);
  try {
    const finished = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    await produce(stream);
    if (!stream.writableEnded) stream.end();
    await finished;
    await rename(temporary, path);
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}
