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

/**
 * `text` with every secret replaced by `[redacted]`.
 *
 * @example redact('bad key k123', ['k123']) === 'bad key [redacted]'
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret !== '') out = out.split(secret).join('[redacted]');
  return out;
}
