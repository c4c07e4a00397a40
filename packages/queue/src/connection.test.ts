import { describe, expect, it } from 'vitest';
import { parseQueueUrl, redisOptions } from './connection.js';
import { QueueError } from './errors.js';

describe('parseQueueUrl', () => {
  it.each([
    [
      'redis://127.0.0.1:6390/1',
      { host: '127.0.0.1', port: 6390, db: 1, tls: false },
      'redis://127.0.0.1:6390/1',
    ],
    [
      'redis://redis.internal',
      { host: 'redis.internal', port: 6379, db: 0, tls: false },
      'redis://redis.internal:6379/0',
    ],
    [
      'rediss://:s3cret@cache.example:6380/2',
      { port: 6380, db: 2, tls: true, password: 's3cret' },
      'rediss://:***@cache.example:6380/2',
    ],
    [
      'redis://billing:p%40ss@h/0',
      { username: 'billing', password: 'p@ss' },
      'redis://billing:***@h:6379/0',
    ],
    ['redis://[::1]:7000', { host: '::1', port: 7000 }, 'redis://[::1]:7000/0'],
  ])('reads %s', (url, expected, display) => {
    const connection = parseQueueUrl(url);
    expect(connection).toMatchObject(expected);
    expect(connection.display).toBe(display);
  });

  it('takes the password from the environment when the URL has none, and never shows it', () => {
    const connection = parseQueueUrl('redis://h:1/0', { password: 'from-env' });
    expect(connection.password).toBe('from-env');
    expect(connection.display).toBe('redis://:***@h:1/0');
    expect(parseQueueUrl('redis://:in-url@h', { password: 'from-env' }).password).toBe('in-url');
  });

  it.each([
    ['http://h:1', 'must start redis:// or rediss://'],
    ['redis:///0', 'names no host'],
    ['redis://h/x', 'where a database number goes'],
    ['redis://h/99999', 'out of range'],
    ['redis://:pw@h?timeout=1', 'no ?query'],
    ['not a url', 'is not a URL'],
  ])('refuses %s, naming why', (url, why) => {
    let error: unknown;
    try {
      parseQueueUrl(url);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QueueError);
    expect((error as QueueError).code).toBe('BAD_QUEUE_URL');
    expect((error as QueueError).message).toContain(why);
    expect((error as QueueError).message).not.toContain('pw');
  });

  it('gives ioredis the host, credentials and TLS with the host checked', () => {
    expect(redisOptions(parseQueueUrl('rediss://u:p@h:1/2'))).toEqual({
      host: 'h',
      port: 1,
      db: 2,
      username: 'u',
      password: 'p',
      tls: { servername: 'h' },
    });
    expect(redisOptions(parseQueueUrl('redis://h'))).toEqual({ host: 'h', port: 6379, db: 0 });
  });
});
