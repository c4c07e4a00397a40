/**
 * A real `redis-server` for tests and the bench: started on 127.0.0.1 on a free port, its
 * data in a temporary folder (nothing saved), stopped (and the folder removed) after.
 * `redisServerMissing()` says why the Redis tests are skipped on a machine without it.
 *
 * @example
 * const redis = await startRedisServer()
 * try { … redis.url … } finally { await redis.stop() }
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>/0`, or with the password when started with one. */
  readonly url: string;
  /** The server process. */
  readonly process: ChildProcess;
  /** Sends a command with redis-cli and returns its output (for INFO, KEYS, TTL in tests). */
  cli(...args: string[]): string;
  /** Stops the server at once (SIGKILL: "Redis lost"), if it is running. */
  kill(): Promise<void>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** `requirepass`: clients must give it. */
  readonly password?: string;
  /** TLS on the port instead of plain TCP: the server's certificate, key and CA files. */
  readonly tls?: { readonly cert: string; readonly key: string; readonly ca: string };
}

/**
 * Why Redis tests cannot run here (no `redis-server` on the PATH), or undefined.
 *
 * @example describe.skipIf(redisServerMissing() !== undefined)('…', …)
 */
export function redisServerMissing(): string | undefined {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error === undefined && found.status === 0) return undefined;
  return 'redis-server is not installed (apt-get install redis-server): the queue tests are skipped';
}

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
  });
}

/**
 * Starts a redis-server and resolves once it accepts connections.
 *
 * @example const redis = await startRedisServer({ password: 'pw' })
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'carebill-redis-'));
  const port = await freePort();
  const portArgs =
    options.tls === undefined
      ? ['--port', String(port)]
      : [
          '--port',
          '0',
          '--tls-port',
          String(port),
          '--tls-cert-file',
          options.tls.cert,
          '--tls-key-file',
          options.tls.key,
          '--tls-ca-cert-file',
          options.tls.ca,
          '--tls-auth-clients',
          'no',
        ];
  const child = spawn(
    'redis-server',
    [
      ...portArgs,
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
      ...(options.password === undefined ? [] : ['--requirepass', options.password]),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const start = Date.now();
  while (!(await answers(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
    if (Date.now() - start > 20_000) throw new Error('redis-server did not start in 20 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const scheme = options.tls === undefined ? 'redis' : 'rediss';
  const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`;
  const host = options.tls === undefined ? '127.0.0.1' : 'localhost';
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return {
    port,
    url: `${scheme}://${auth}${host}:${port}/0`,
    process: child,
    cli: (...args) => {
      const tlsArgs =
        options.tls === undefined
          ? []
          : ['--tls', '--cacert', options.tls.ca, '--sni', 'localhost'];
      const result = spawnSync(
        'redis-cli',
        ['-h', '127.0.0.1', '-p', String(port), ...tlsArgs, ...args],
        {
          encoding: 'utf8',
          env: {
            ...process.env,
            ...(options.password !== undefined && { REDISCLI_AUTH: options.password }),
          },
        },
      );
      return result.stdout;
    },
    kill,
    stop: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
