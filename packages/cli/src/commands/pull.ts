/**
 * `carebill pull --out DIR [--location ID] [--base-url URL]`: pulls a dataset from the CareHQ
 * API (SPEC §8) with credentials from the environment, a progress bar per resource on a
 * terminal, and the files swapped in only once everything has arrived.
 */
import {
  CareHqClient,
  type CareHqClientOptions,
  CareHqError,
  DEFAULT_BASE_URL,
  formatRecords,
  type PullProgress,
  pullDataset,
  type RetryEvent,
} from '@carebill/carehq';
import { RESOURCES, type ResourceName } from '@carebill/core';
import { defineCommand } from 'citty';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { formatEnvironmentFailure, isEnvironmentError } from '../io/environment-error.js';
import { withOutputRun } from '../io/output-run.js';
import { terminalSafe } from '../io/terminal.js';
import { EXIT, UsageError } from '../usage-error.js';
import { waitLockArg } from './output-args.js';

/** The environment variables `pull` reads. */
export const PULL_ENV = {
  accountId: 'CAREHQ_ACCOUNT_ID',
  apiKey: 'CAREHQ_API_KEY',
  apiSecret: 'CAREHQ_API_SECRET',
  baseUrl: 'CAREHQ_API_BASE',
} as const;

export interface PullArgs {
  readonly out: string;
  readonly location?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly waitLock?: boolean | undefined;
}

export interface PullIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Tests shorten timeouts and backoff here. */
  readonly clientOptions?: Partial<CareHqClientOptions>;
}

function describeRetry(event: RetryEvent): string {
  const status = event.status === undefined ? '' : ` ${event.status}`;
  return (
    `carebill pull: ${event.request} failed (${event.code}${status}), attempt ` +
    `${event.failedAttempt}; retrying in ${(event.delayMs / 1000).toFixed(1)} s\n`
  );
}

/** A bar per resource while stderr is a terminal; nothing otherwise. */
function progressReporter(io: PullIo) {
  if (!io.stderr.isTTY) {
    return {
      onProgress: undefined,
      log: (text: string) => io.stderr.write(terminalSafe(text)),
      stop: () => {},
    };
  }
  const width = Math.max(...RESOURCES.map((r) => r.length));
  const multibar = new MultiBar(
    {
      stream: io.stderr,
      format: '{resource} [{bar}] {value}/{total}',
      autopadding: true,
    },
    Presets.shades_classic,
  );
  const bars = new Map<ResourceName, SingleBar>();
  return {
    onProgress(progress: PullProgress) {
      const total = progress.done ? progress.received : Math.max(progress.total, progress.received);
      const payload = { resource: progress.resource.padEnd(width) };
      let bar = bars.get(progress.resource);
      if (!bar) {
        bar = multibar.create(total, 0, payload);
        bars.set(progress.resource, bar);
      }
      bar.setTotal(total);
      bar.update(progress.received, payload);
    },
    log: (text: string) => multibar.log(terminalSafe(text)),
    stop: () => multibar.stop(),
  };
}

/**
 * Runs a pull and returns the exit code: 0 pulled, 1 CareHQ or the disk failed (the earlier
 * dataset is untouched), 2 bad usage (missing credentials, bad location id or URL).
 *
 * @example await runPull({ out: 'data' }, { env: process.env, stdout: process.stdout, stderr: process.stderr })
 */
export async function runPull(args: PullArgs, io: PullIo): Promise<number> {
  const missing = [PULL_ENV.accountId, PULL_ENV.apiKey, PULL_ENV.apiSecret].filter(
    (name) => !io.env[name]?.trim(),
  );
  if (missing.length > 0) {
    throw new UsageError(
      `set ${missing.join(', ')} in the environment (the account id and an API key and secret ` +
        `from CareHQ; ${PULL_ENV.baseUrl} or --base-url for the sandbox)`,
    );
  }
  if (args.location !== undefined && !/^[0-9a-f]{24}$/.test(args.location)) {
    throw new UsageError(
      `--location must be a CareHQ location id (24 hexadecimal characters), got "${args.location}"`,
    );
  }
  const baseUrl = args.baseUrl ?? (io.env[PULL_ENV.baseUrl]?.trim() || DEFAULT_BASE_URL);
  const reporter = progressReporter(io);
  let client: CareHqClient;
  try {
    client = new CareHqClient({
      credentials: {
        accountId: io.env[PULL_ENV.accountId]?.trim() ?? '',
        apiKey: io.env[PULL_ENV.apiKey]?.trim() ?? '',
        apiSecret: io.env[PULL_ENV.apiSecret]?.trim() ?? '',
      },
      baseUrl,
      onRetry: (event) => reporter.log(describeRetry(event)),
      ...io.clientOptions,
    });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`--base-url: ${error.message}`);
    throw error;
  }

  // The folder's lock is held from before the first request to the last rename, so two
  // pulls into one folder run one after the other; the files are staged and swapped in
  // together only once every page has arrived (io/output-run.ts).
  let data: Awaited<ReturnType<typeof pullDataset>>;
  try {
    const pulled = await withOutputRun(
      {
        folder: args.out,
        command: 'pull',
        syncFiles: true,
        waitForLock: args.waitLock === true,
        options: {
          out: args.out,
          'base-url': client.baseUrl,
          ...(args.location !== undefined && { location: args.location }),
        },
        notice: (text) => reporter.log(text),
      },
      async (run) => {
        let records: Awaited<ReturnType<typeof pullDataset>>;
        try {
          records = await pullDataset({
            client,
            ...(args.location === undefined ? {} : { location: args.location }),
            ...(reporter.onProgress ? { onProgress: reporter.onProgress } : {}),
          });
        } catch (error) {
          if (error instanceof CareHqError) return error;
          throw error;
        }
        for (const resource of RESOURCES)
          await run.writeFile(`${resource}.json`, formatRecords(records[resource]));
        await run.commit();
        return records;
      },
    );
    if (pulled instanceof CareHqError) {
      reporter.stop();
      io.stderr.write(
        terminalSafe(
          `carebill pull: ${pulled.message}\nNothing was written; ${args.out} is as it was.\n`,
        ),
      );
      return EXIT.datasetErrors;
    }
    data = pulled;
  } catch (error) {
    reporter.stop();
    if (isEnvironmentError(error)) {
      io.stderr.write(terminalSafe(`carebill pull: ${formatEnvironmentFailure(error)}\n`));
      return EXIT.environment;
    }
    throw error;
  }
  reporter.stop();

  const width = Math.max(...RESOURCES.map((r) => r.length)) + 6;
  const lines = RESOURCES.map(
    (r) => `  ${`${r}.json`.padEnd(width)}${String(data[r].length).padStart(6)}`,
  );
  const scope = args.location === undefined ? '' : ` (location ${args.location})`;
  io.stdout.write(
    terminalSafe(`Pulled from ${client.baseUrl}${scope} into ${args.out}:\n${lines.join('\n')}\n`),
  );
  return EXIT.ok;
}

export const pullCommand = defineCommand({
  meta: {
    name: 'pull',
    description:
      'Pull a dataset from the CareHQ API into a folder (credentials from CAREHQ_ACCOUNT_ID, ' +
      'CAREHQ_API_KEY, CAREHQ_API_SECRET; CAREHQ_API_BASE for the sandbox).',
  },
  args: {
    out: { type: 'string', required: true, description: 'Dataset folder to write' },
    location: { type: 'string', description: 'Pull only this home (a location id)' },
    'base-url': {
      type: 'string',
      description: `API base URL (default $CAREHQ_API_BASE, else ${DEFAULT_BASE_URL})`,
    },
    ...waitLockArg,
  },
  run: ({ args }) =>
    runPull(
      {
        out: args.out,
        location: args.location,
        baseUrl: args['base-url'],
        waitLock: args['wait-lock'],
      },
      { env: process.env, stdout: process.stdout, stderr: process.stderr },
    ),
});
