/**
 * The `--queue` URL: `redis://[[user]:password@]host[:port][/db]`, or `rediss://…` for
 * TLS. The password may instead come from the environment (the caller passes it), so it
 * need not appear on a command line, where `ps` shows it to every user of the machine.
 * Whatever the source, {@link QueueConnection.display} — the only form this package ever
 * prints or records — has no password.
 */
import type { RedisOptions } from 'bullmq';
import { QueueError } from './errors.js';

/** Where the queue's Redis is, and how to reach it. */
export interface QueueConnection {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
  /** `rediss://`: TLS, the server's certificate checked against the host name. */
  readonly tls: boolean;
  /** The URL as it may be shown or recorded: `rediss://user:***@host:6380/2`. */
  readonly display: string;
}

const DEFAULT_PORT = 6379;
/** Redis numbers its databases from 0; 16 unless configured, so any small number is allowed. */
const MAX_DB = 65_535;

/**
 * Parses a queue URL. `password` (from the environment) is used when the URL has none.
 * Throws {@link QueueError} `BAD_QUEUE_URL` naming what is wrong (never echoing a password).
 *
 * @example parseQueueUrl('redis://127.0.0.1:6390/1').display === 'redis://127.0.0.1:6390/1'
 * @example parseQueueUrl('rediss://:s3cret@redis.internal').display === 'rediss://:***@redis.internal:6379/0'
 */
export function parseQueueUrl(
  text: string,
  fromEnvironment: { readonly password?: string | undefined } = {},
): QueueConnection {
  const bad = (why: string) =>
    new QueueError(
      'BAD_QUEUE_URL',
      `--queue ${why}; write it as redis://HOST:PORT/DB or rediss://HOST:PORT/DB (TLS)`,
    );
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad('is not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw bad(`must start redis:// or rediss://, not ${url.protocol}//`);
  if (url.hostname === '') throw bad('names no host');
  if (url.search !== '' || url.hash !== '') throw bad('takes no ?query or #fragment');
  const port = url.port === '' ? DEFAULT_PORT : Number(url.port);
  const path = url.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d{1,5}$/.test(path))
    throw bad(`has "/${path}" where a database number goes`);
  const db = path === '' ? 0 : Number(path);
  if (db > MAX_DB) throw bad(`database ${db} is out of range (0–${MAX_DB})`);
  const username = decode(url.username);
  const password = decode(url.password) || fromEnvironment.password || '';
  const tls = url.protocol === 'rediss:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const credentials = password !== '' ? `${username}:***@` : username !== '' ? `${username}@` : '';
  return {
    host,
    port,
    db,
    ...(username !== '' && { username }),
    ...(password !== '' && { password }),
    tls,
    display: `${url.protocol}//${credentials}${shownHost}:${port}/${db}`,
  };
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * The ioredis options for a connection (BullMQ passes them on to ioredis; so may a caller). With TLS the
 * server's certificate is checked against the host name and the system's CAs (plus any in
 * `NODE_EXTRA_CA_CERTS`, Node's own setting for a private CA).
 *
 * @example new IORedis(redisOptions(parseQueueUrl('redis://127.0.0.1:6390')))
 */
export function redisOptions(connection: QueueConnection): RedisOptions {
  return {
    host: connection.host,
    port: connection.port,
    db: connection.db,
    ...(connection.username !== undefined && { username: connection.username }),
    ...(connection.password !== undefined && { password: connection.password }),
    ...(connection.tls && { tls: { servername: connection.host } }),
  };
}
