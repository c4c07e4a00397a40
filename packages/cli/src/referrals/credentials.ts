/**
 * Charitylog credentials, from the environment only: never an argument, never logged,
 * never written to a file.
 *
 * - `CHARITYLOG_API_KEY` is sent as `Authorization: Bearer <key>`;
 * - `CHARITYLOG_SOURCE_KEY`, `CHARITYLOG_ORG_KEY`, `CHARITYLOG_USER_KEY`, when set, are sent
 *   as the `Source`, `Org` and `User` headers Charitylog's API manual describes.
 */

export const CHARITYLOG_ENV = {
  apiKey: 'CHARITYLOG_API_KEY',
  source: 'CHARITYLOG_SOURCE_KEY',
  org: 'CHARITYLOG_ORG_KEY',
  user: 'CHARITYLOG_USER_KEY',
} as const;

export interface Credentials {
  /** The headers to send. */
  readonly headers: Readonly<Record<string, string>>;
  /** Every secret value, so any text can be scrubbed of them. */
  readonly secrets: readonly string[];
}

/**
 * The credential headers from the environment; null when none is set.
 *
 * @example credentialsFromEnv({ CHARITYLOG_API_KEY: 'k' })?.headers // { Authorization: 'Bearer k' }
 */
export function credentialsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Credentials | null {
  const headers: Record<string, string> = {};
  const secrets: string[] = [];
  const take = (name: string, header: string, prefix = '') => {
    const value = env[name]?.trim();
    if (!value) return;
    headers[header] = `${prefix}${value}`;
    secrets.push(value);
  };
  take(CHARITYLOG_ENV.apiKey, 'Authorization', 'Bearer ');
  take(CHARITYLOG_ENV.source, 'Source');
  take(CHARITYLOG_ENV.org, 'Org');
  take(CHARITYLOG_ENV.user, 'User');
  return secrets.length === 0 ? null : { headers, secrets };
}

/** A run of this many characters of a secret is treated as a leak of it. */
export const MIN_SECRET_FRAGMENT = 6;

const REDACTED = '[redacted]';

/** The ways a secret may be written in a reply: as is, URL-encoded, JSON-escaped. */
function spellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, encodeURIComponent(secret), json, json.replaceAll('/', '\\/')])];
}

/**
 * `text` with every secret replaced by `[redacted]`: each whole secret (as is, URL-encoded
 * or JSON-escaped), and then any run of text made of pieces of a secret at least
 * {@link MIN_SECRET_FRAGMENT} characters long — a reply that itself cut a key short, or
 * quoted part of it, leaks no more than 5 of its characters. Redact before cutting text
 * short: a cut through a whole key would otherwise leave a fragment too short to find.
 *
 * @example redact('bad key k123', ['k123']) === 'bad key [redacted]'
 * redact('key clk_live_9f8…', ['clk_live_9f8e7d6c5b4a']) === 'key [redacted]…'
 */
export function redact(text: string, secrets: readonly string[]): string {
  const all = secrets.filter((s) => s !== '').flatMap(spellings);
  let out = text;
  for (const spelling of [...all].sort((a, b) => b.length - a.length)) {
    out = out.split(spelling).join(REDACTED);
  }
  const windows = new Set<string>();
  for (const spelling of all) {
    for (let i = 0; i + MIN_SECRET_FRAGMENT <= spelling.length; i++) {
      windows.add(spelling.slice(i, i + MIN_SECRET_FRAGMENT));
    }
  }
  if (windows.size === 0) return out;
  // Mark every character covered by a window of a secret; each covered run is redacted.
  const covered = new Uint8Array(out.length);
  for (let i = 0; i + MIN_SECRET_FRAGMENT <= out.length; i++) {
    if (windows.has(out.slice(i, i + MIN_SECRET_FRAGMENT))) {
      covered.fill(1, i, i + MIN_SECRET_FRAGMENT);
    }
  }
  let result = '';
  let start = 0;
  for (let i = 0; i < out.length; i++) {
    if (covered[i] === 0) continue;
    let end = i;
    while (end < out.length && covered[end] === 1) end += 1;
    result += out.slice(start, i) + REDACTED;
    start = end;
    i = end - 1;
  }
  return result + out.slice(start);
}
