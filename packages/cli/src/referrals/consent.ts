/**
 * The home's consent list: a text file of service user ids, one a line. Blank lines and
 * `#` comments (a whole line, or the rest of a line) are ignored.
 */
import { readTextFile } from '../io/read-dataset.js';
import { UsageError } from '../usage-error.js';

/**
 * The ids of a consent file's text; throws a `UsageError` naming the line of anything that
 * is not one id (an id holds no spaces).
 *
 * @example parseConsent('# consent given\nsu1\n\nsu2  # Ann Smith, 3 May\n') // Set {'su1', 'su2'}
 */
export function parseConsent(text: string, name = 'the consent file'): Set<string> {
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const hash = raw.indexOf('#');
    const line = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (line === '') return;
    if (/\s/.test(line)) {
      const shown = line.length > 80 ? `${line.slice(0, 79)}…` : line;
      throw new UsageError(
        `${name} line ${index + 1} holds "${shown}": write one service user id a line (comments after #)`,
      );
    }
    ids.add(line);
  });
  return ids;
}

/**
 * Reads and parses a consent file.
 *
 * @example const consent = await readConsentFile('consent.txt')
 */
export async function readConsentFile(path: string): Promise<Set<string>> {
  const read = await readTextFile(path);
  if (read.kind !== 'text') {
    const reason = read.kind === 'missing' ? 'no such file (ENOENT)' : read.reason;
    throw new UsageError(
      `cannot read the consent file ${path}: ${reason}; --consent must name a file of service user ids, one a line`,
    );
  }
  return parseConsent(read.text, path);
}
