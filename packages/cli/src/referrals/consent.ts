/**
 * The home's consent list: a text file of service user ids, one a line. Blank lines and
 * `#` comments (a whole line, or the rest of a line) are ignored.
 */
import { readFile } from 'node:fs/promises';
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
      throw new UsageError(
        `${name} line ${index + 1} holds "${line}": write one service user id a line (comments after #)`,
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
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(
      `cannot read the consent file ${path} (${code}): --consent must name a file of service user ids, one a line`,
    );
  }
  return parseConsent(text, path);
}
