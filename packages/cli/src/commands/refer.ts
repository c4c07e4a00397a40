/**
 * `carebill refer --data DIR --as-of D --consent FILE [options] [--send]`: advice referrals
 * to a Charitylog charity for consented residents whose capital nears the upper limit
 * (SPEC §9). A dry run by default: the payloads are written for review and nothing leaves
 * the machine. With `--send` each is `PUT` to the endpoint, once (see `ledger.json`).
 *
 * The runway lives on its own branch; this module is a factory so the runway (and the
 * dataset loader) are passed in: `createReferCommand(projectCandidates, createDatasetLoader)`.
 */
import { stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import {
  checkReferralOptions,
  checkRunwayOptions,
  type Day,
  type LoadedDataset,
  REGION_LIMITS,
  REGIONS,
  type ReferralCandidate,
  type ReferralEncoding,
  type Region,
} from '@carebill/core';
import {
  DEFAULT_ORG_TYPE_ID,
  DEFAULT_SOURCE,
  DEFAULT_WITHIN_MONTHS,
} from '@carebill/core/internal';
import { defineCommand } from 'citty';
import { loadFolder, type StartLoad } from '../io/load.js';
import { withOutputRun } from '../io/output-run.js';
import { parseDateOption, parseIntegerText } from '../io/period.js';
import { terminalSafe } from '../io/terminal.js';
import { readConsentFile } from '../referrals/consent.js';
import { CHARITYLOG_ENV, credentialsFromEnv, redact } from '../referrals/credentials.js';
import { LEDGER_FILE } from '../referrals/ledger.js';
import { runReferrals } from '../referrals/run.js';
import type { RetryPolicy } from '../referrals/send.js';
import { formatSummary } from '../referrals/summary.js';
import { asUsageError, EXIT, UsageError } from '../usage-error.js';
import { outputRunOf, recordingLoader, waitLockArg } from './output-args.js';
import { formatReport } from './validate.js';

export const DEFAULT_ENDPOINT = 'https://api.dizions.co.uk/v2/external_referral';
export const DEFAULT_OUT = 'out/referrals';
/** Exit code when at least one referral could not be sent (recorded in summary.json). */
export const EXIT_SEND_FAILED = 4;

/** The runway, as `refer` needs it: one candidate per resident with a runway result. */
export type ProjectCandidates = (
  loaded: LoadedDataset,
  asOf: Day,
  options: { readonly region: Region },
) => readonly ReferralCandidate[];

export interface ReferArgs {
  readonly data: string;
  readonly asOf: string | undefined;
  readonly consent: string;
  readonly withinMonths?: string | undefined;
  readonly region?: string | undefined;
  readonly source?: string | undefined;
  readonly project?: string | undefined;
  readonly orgType?: string | undefined;
  readonly encoding?: string | undefined;
  readonly send?: boolean | undefined;
  readonly endpoint?: string | undefined;
  readonly out?: string | undefined;
  readonly waitLock?: boolean | undefined;
}

export interface ReferIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
  /** Tests shorten the backoff here. */
  readonly retry?: Partial<RetryPolicy>;
}

/** The process's own environment, streams, network and clock. */
export function processIo(): ReferIo {
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    fetch: globalThis.fetch,
    sleep: (ms) => delay(ms),
    now: () => new Date(),
  };
}

function parseEndpoint(value: string | undefined): string {
  const text = value ?? DEFAULT_ENDPOINT;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--endpoint must be a URL such as ${DEFAULT_ENDPOINT}; found "${text}"`);
  }
  const local =
    url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new UsageError(
      `--endpoint must use https (personal data is sent); found "${text}" (plain http is allowed only to this machine)`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(
      `--endpoint must not hold credentials; set ${CHARITYLOG_ENV.apiKey} instead`,
    );
  }
  return url.href;
}

function parseChoice<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be one of ${choices.join(', ')}; found "${value}"`);
}

/** Core's referral and runway option names as the command line spells them. */
const REFER_FLAGS = {
  asOf: '--as-of',
  region: '--region',
  withinMonths: '--within-months',
  orgTypeId: '--org-type',
  source: '--source',
  project: '--project',
};

/**
 * Runs `refer` and resolves to the exit code: 0 done, 1 dataset errors (nothing written),
 * 2 bad usage, 3 done but a parked resident or a referral Charitylog would refuse was
 * skipped, 4 a send failed (recorded in summary.json; run again to retry it).
 *
 * @example await runRefer({ data: 'fixtures/demo', asOf: '2025-09-14', consent: 'consent.txt' },
 *   { projectCandidates, createDatasetLoader }, processIo()) // 0
 */
export async function runRefer(
  args: ReferArgs,
  deps: {
    readonly projectCandidates: ProjectCandidates;
    readonly createDatasetLoader: StartLoad;
  },
  io: ReferIo,
): Promise<number> {
  const asOf = parseDateOption('--as-of', args.asOf);
  const withinMonths =
    parseIntegerText('--within-months', args.withinMonths) ?? DEFAULT_WITHIN_MONTHS;
  const orgTypeId = parseIntegerText('--org-type', args.orgType) ?? DEFAULT_ORG_TYPE_ID;
  const region = (args.region ?? 'england') as Region;
  const source = args.source ?? DEFAULT_SOURCE;
  const project = args.project;
  // Core's checks, before anything is read: the runway's region, then the referral options.
  asUsageError(REFER_FLAGS, () => {
    checkRunwayOptions({ asOf, region });
    checkReferralOptions({
      asOf,
      withinMonths,
      orgTypeId,
      source,
      ...(project === undefined ? {} : { project }),
      consent: new Set(),
      upperLimitPence: REGION_LIMITS[region].upperPence,
    });
  });
  const encoding = parseChoice<ReferralEncoding>(
    '--encoding',
    args.encoding,
    ['form', 'json'],
    'form',
  );
  const endpoint = parseEndpoint(args.endpoint);
  const outDir = args.out ?? DEFAULT_OUT;
  const credentials = args.send ? credentialsFromEnv(io.env) : null;
  if (args.send && credentials === null) {
    throw new UsageError(
      `--send needs the Charitylog API key in the environment: set ${CHARITYLOG_ENV.apiKey} ` +
        `(or ${CHARITYLOG_ENV.source}, ${CHARITYLOG_ENV.org} and ${CHARITYLOG_ENV.user}); nothing was sent`,
    );
  }

  const info = await stat(args.data).catch(() => null);
  if (!info?.isDirectory()) {
    throw new UsageError(`${args.data} is not a folder: --data must name a dataset folder`);
  }
  const consent = await readConsentFile(args.consent);
  // The output folder is written as one run (io/output-run.ts); the ledger outlives runs.
  const outcome = await withOutputRun(
    {
      ...outputRunOf('refer', outDir, {
        data: args.data,
        'as-of': args.asOf,
        consent: args.consent,
        'within-months': args.withinMonths,
        region: args.region,
        source: args.source,
        project: args.project,
        'org-type': args.orgType,
        encoding: args.encoding,
        send: args.send === true,
        endpoint,
        out: outDir,
        'wait-lock': args.waitLock === true,
      }),
      keep: [LEDGER_FILE],
      notice: (text) => io.stderr.write(text),
    },
    async (run) => {
      const loaded = await loadFolder(
        args.data,
        recordingLoader(run, args.data, deps.createDatasetLoader),
      );
      if (loaded.errors.length > 0) return loaded;
      const candidates = deps.projectCandidates(loaded, asOf, { region });
      const done = await runReferrals(loaded, candidates, consent, {
        asOf,
        withinMonths,
        region,
        source,
        project,
        orgTypeId,
        encoding,
        endpoint,
        outDir,
        run,
        send:
          credentials === null
            ? null
            : {
                credentials,
                fetch: io.fetch,
                sleep: io.sleep,
                now: io.now,
                ...(io.retry === undefined ? {} : { retry: io.retry }),
              },
      });
      await run.commit();
      return { summary: done, parked: loaded.parked.length };
    },
  );
  if ('errors' in outcome) {
    io.stderr.write(
      terminalSafe(
        `${formatReport(args.data, outcome)}carebill refer: ${args.data} has ${outcome.errors.length} dataset error(s); nothing was written.\n`,
      ),
    );
    return EXIT.datasetErrors;
  }
  const secrets = credentials?.secrets ?? [];
  const { summary, parked } = outcome;
  io.stdout.write(terminalSafe(redact(formatSummary(summary, outDir), secrets)));
  if (summary.totals.failed > 0) return EXIT_SEND_FAILED;
  const refused = summary.skipped.some(
    (s) => s.code === 'MISSING_REQUIRED_FIELD' || s.code === 'PARKED',
  );
  return refused || parked > 0 ? EXIT.parked : EXIT.ok;
}

/**
 * The `refer` command, given the runway (`projectCandidates`) and the dataset loader.
 * Registered in main.ts once the runway is merged.
 *
 * @example subCommands.refer = () => import('./commands/refer.js').then((m) =>
 *   m.createReferCommand(candidatesFromRunway, createDatasetLoader))
 */
export function createReferCommand(
  projectCandidates: ProjectCandidates,
  createDatasetLoader: StartLoad,
  io: ReferIo = processIo(),
) {
  return defineCommand({
    meta: {
      name: 'refer',
      description:
        'Advice referrals to a Charitylog charity for consented residents near the upper capital limit (dry run unless --send).',
    },
    args: {
      data: { type: 'string', required: true, description: 'Dataset folder' },
      'as-of': { type: 'string', required: true, description: 'As-of date T (YYYY-MM-DD)' },
      consent: {
        type: 'string',
        required: true,
        description: 'File of consented service user ids, one a line (# comments)',
      },
      'within-months': {
        type: 'string',
        description: `Refer when the council must be told within N months of T (default ${DEFAULT_WITHIN_MONTHS})`,
      },
      region: {
        type: 'string',
        description: `Capital limits: ${REGIONS.join(', ')} (default england)`,
      },
      source: { type: 'string', description: `Charitylog source (default "${DEFAULT_SOURCE}")` },
      project: { type: 'string', description: 'Charitylog project to import the referrals into' },
      'org-type': {
        type: 'string',
        description: `Charitylog org_type_id (default ${DEFAULT_ORG_TYPE_ID})`,
      },
      encoding: {
        type: 'string',
        description: 'form (bracket keys, default) or json (one json field)',
      },
      send: {
        type: 'boolean',
        description: `Send the referrals (needs ${CHARITYLOG_ENV.apiKey}); without it nothing leaves the machine`,
      },
      endpoint: {
        type: 'string',
        description: `Charitylog endpoint (default ${DEFAULT_ENDPOINT})`,
      },
      out: { type: 'string', description: `Output folder (default ${DEFAULT_OUT})` },
      ...waitLockArg,
    },
    run: ({ args }) =>
      runRefer(
        {
          data: args.data,
          asOf: args['as-of'],
          consent: args.consent,
          withinMonths: args['within-months'],
          region: args.region,
          source: args.source,
          project: args.project,
          orgType: args['org-type'],
          encoding: args.encoding,
          send: args.send,
          endpoint: args.endpoint,
          out: args.out,
          waitLock: args['wait-lock'],
        },
        { projectCandidates, createDatasetLoader },
        io,
      ),
  });
}
