import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Day, formatDay, type LoadedDataset, type ReferralCandidate } from '@carebill/core';
import { decodeReferralBody, personFields } from '@carebill/core/internal';
import { runCommand } from 'citty';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPeople, type StandIn, startStandIn } from '../../test/charitylog-stand-in.js';
import {
  balancePayer,
  d,
  loadedHome,
  serviceUser,
  serviceUserContact,
} from '../../test/referral-home.js';
import { formatSummary, type ReferSummary } from '../referrals/summary.js';
import { UsageError } from '../usage-error.js';
import { createReferCommand, type ReferArgs, type ReferIo, runRefer } from './refer.js';

const KEY = 'clk_live_5e1f2a3b4c5d6e7f';
const AS_OF = '2025-09-14';

/** A home of six residents: su1–su3 near the limit, su4 not yet due, su5 never, su6 overdue. */
function home(): LoadedDataset {
  return loadedHome({
    serviceUsers: [
      serviceUser('su1', { title: 'Mrs', firstName: 'Ann', lastName: 'Smith' }),
      serviceUser('su2', { firstName: 'Gŵen', lastName: "O'Neill & Sons=+" }),
      serviceUser('su3', { firstName: 'Cara', lastName: 'Doyle' }),
      serviceUser('su4', { firstName: 'Dai', lastName: 'Evans' }),
      serviceUser('su5', { firstName: 'Eve', lastName: 'Fox' }),
      serviceUser('su6', { firstName: 'Fay', lastName: 'Green' }),
    ],
    serviceUserContacts: [
      serviceUserContact('c1', {
        serviceUser: 'su1',
        firstName: 'Alice',
        lastName: 'Smith',
        email: 'alice+care@example.org',
        phone: '01989 000000',
        postalAddress: {
          address1: '10 High Street',
          address2: '',
          town: 'Ross-on-Wye',
          county: '',
          postcode: 'HR9 7US',
          country: '',
        },
      }),
      serviceUserContact('c2', { serviceUser: 'su2', firstName: 'Siân', lastName: 'ap Rhys' }),
    ],
    contracts: [balancePayer('k1', 'su1', 'c1')],
  });
}

let upperOfSu1 = '2026-03-14';
const projectCandidates = (_loaded: LoadedDataset, asOf: Day): ReferralCandidate[] => {
  const c = (id: string, notify: string | null, upper: string | null, overdue = false) => ({
    serviceUser: id,
    notifyCouncilBy: notify === null ? null : d(notify),
    upperLimitDate: upper === null ? null : d(upper),
    overdue,
    weeklyFeePence: 138554,
  });
  expect(formatDay(asOf)).toBe(AS_OF);
  return [
    c('su1', formatDay((d(upperOfSu1) - 90) as Day), upperOfSu1),
    c('su2', '2026-01-02', '2026-04-02'),
    c('su3', '2026-02-01', '2026-05-01'),
    c('su4', '2026-06-01', '2026-09-01'),
    c('su5', null, null),
    c('su6', AS_OF, '2025-11-01', true),
  ];
};
/** A loader that reads nothing and finishes with the home. */
const homeLoader = () => ({ add: () => {}, finish: () => home() });
const deps = { projectCandidates, createDatasetLoader: homeLoader };

let dir: string;
let standIn: StandIn | undefined;
beforeEach(async () => {
  upperOfSu1 = '2026-03-14';
  dir = await mkdtemp(join(tmpdir(), 'carebill-refer-'));
  await writeFile(join(dir, 'bookings.json'), '[]');
  await writeFile(
    join(dir, 'consent.txt'),
    '# consent recorded by the home manager\nsu1\nsu2\nsu4\nsu5\nzz9  # left\n',
  );
});
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
  await rm(dir, { recursive: true, force: true });
});

function io(env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const fetches: string[] = [];
  const value: ReferIo = {
    env,
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    fetch: (input, init) => {
      fetches.push(String(input));
      return fetch(input, init);
    },
    sleep: async () => {},
    now: () => new Date(Date.UTC(2025, 8, 14, 9, 30)),
    retry: { baseMs: 1, maxMs: 2 },
  };
  return { io: value, out: () => out, err: () => err, fetches };
}

const args = (more: Partial<ReferArgs> = {}): ReferArgs => ({
  data: dir,
  asOf: AS_OF,
  consent: join(dir, 'consent.txt'),
  out: join(dir, 'out'),
  ...more,
});

async function readJson<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(join(dir, 'out', name), 'utf8')) as T;
}

/** The output folder's files, without carebill's own `.carebill/` (manifest, lock). */
async function outputNames(): Promise<string[]> {
  return (await readdir(join(dir, 'out'))).filter((name) => name !== '.carebill').sort();
}

async function everyOutput(): Promise<string> {
  const names = await outputNames();
  return (await Promise.all(names.map((n) => readFile(join(dir, 'out', n), 'utf8')))).join('\n');
}

describe('carebill refer (dry run)', () => {
  it('names only the consented residents close to the limit, and sends nothing', async () => {
    standIn = await startStandIn({ apiKey: KEY });
    const c = io({ CHARITYLOG_API_KEY: KEY });
    expect(await runRefer(args({ endpoint: standIn.url }), deps, c.io)).toBe(0);
    expect(c.fetches).toEqual([]);
    expect(standIn.requests).toEqual([]);

    expect(await outputNames()).toEqual(['su1.json', 'su2.json', 'summary.json']);
    const summary = await readJson<ReferSummary>('summary.json');
    expect(summary.referred.map((r) => [r.service_user, r.status])).toEqual([
      ['su1', 'prepared'],
      ['su2', 'prepared'],
    ]);
    expect(summary.needs_consent.map((n) => n.service_user)).toEqual(['su3', 'su6']);
    expect(summary.skipped.map((s) => [s.service_user, s.code])).toEqual([
      ['su4', 'NOT_DUE'],
      ['su5', 'NO_UPPER_LIMIT_DATE'],
    ]);
    expect(summary.consent_not_in_dataset).toEqual(['zz9']);
    expect(summary.window_end).toBe('2026-03-14');

    // what is printed is made from summary.json alone, and names no unconsented resident
    expect(c.out()).toBe(formatSummary(summary, join(dir, 'out')));
    expect(c.out()).toContain(
      'su1 Ann Smith: tell the council by 2025-12-14; prepared, not sent (dry run)',
    );
    for (const name of ['Cara', 'Doyle', 'Fay', 'Green', 'Dai', 'Eve']) {
      expect(c.out()).not.toContain(name);
      expect(await everyOutput()).not.toContain(name);
    }

    const su1 = await readJson<{ people: unknown[]; body: string; content_type: string }>(
      'su1.json',
    );
    expect(su1.content_type).toBe('application/x-www-form-urlencoded');
    expect(su1.people).toEqual([
      {
        source: '1',
        referral_role: '1',
        first_name: 'Alice',
        surname: 'Smith',
        address1: '10 High Street',
        postcode: 'HR9 7US',
        email: 'alice+care@example.org',
        phone: '01989 000000',
        org_type_id: 1,
        description:
          "Mrs Ann Smith's savings are projected to fall below the upper capital limit of £23,250 on 14 March 2026. " +
          'The council should be told by 14 December 2025. Their current weekly fee is £1,385.54.',
      },
      { source: '1', referral_role: '2', first_name: 'Ann', surname: 'Smith', org_type_id: 1 },
    ]);
    expect(readPeople(su1.body)).toEqual(decodeReferralBody(su1.body));
  });

  it('runs through citty with its options, and a json-field body on request', async () => {
    const c = io();
    const command = createReferCommand(projectCandidates, homeLoader, c.io);
    const { result } = await runCommand(command, {
      rawArgs: [
        '--data',
        dir,
        '--as-of',
        AS_OF,
        '--consent',
        join(dir, 'consent.txt'),
        '--out',
        join(dir, 'out'),
        '--within-months',
        '9',
        '--project',
        '7',
        '--source',
        '2',
        '--org-type',
        '3',
        '--encoding',
        'json',
      ],
    });
    expect(result).toBe(0);
    const summary = await readJson<ReferSummary>('summary.json');
    expect(summary.referred.map((r) => r.service_user)).toEqual(['su1', 'su2', 'su4']);
    const su2 = await readJson<{ body: string }>('su2.json');
    expect([...new URLSearchParams(su2.body).keys()]).toEqual(['json']);
    expect(readPeople(su2.body)).toEqual([
      {
        source: '2',
        referral_role: '1',
        first_name: 'Siân',
        surname: 'ap Rhys',
        org_type_id: '3',
        description:
          "Gŵen O'Neill & Sons=+'s savings are projected to fall below the upper capital limit of £23,250 on 2 April 2026. " +
          'The council should be told by 2 January 2026. Their current weekly fee is £1,385.54.',
        project: '7',
      },
      {
        source: '2',
        referral_role: '2',
        first_name: 'Gŵen',
        surname: "O'Neill & Sons=+",
        org_type_id: '3',
      },
    ]);
  });

  it('refuses bad usage before writing anything', async () => {
    const c = io();
    await expect(runRefer(args({ send: true }), deps, c.io)).rejects.toThrow(
      '--send needs the Charitylog API key in the environment: set CHARITYLOG_API_KEY',
    );
    await expect(
      runRefer(args({ endpoint: 'http://charity.example/v2' }), deps, c.io),
    ).rejects.toThrow(UsageError);
    await expect(runRefer(args({ region: 'mars' }), deps, c.io)).rejects.toThrow(
      '--region must be one of england, scotland, wales, northern-ireland; found "mars"',
    );
    await expect(runRefer(args({ consent: join(dir, 'nope.txt') }), deps, c.io)).rejects.toThrow(
      'cannot read the consent file',
    );
    await expect(readdir(join(dir, 'out'))).rejects.toThrow();
  });
});

describe('carebill refer --send (against the stand-in)', () => {
  it('sends each consented referral once, survives a 500, and a second run sends nothing', async () => {
    standIn = await startStandIn({ apiKey: KEY, failFirst: 1 });
    const dry = io();
    expect(await runRefer(args({ endpoint: standIn.url }), deps, dry.io)).toBe(0);
    const written = {
      su1: await readJson<{ body: string; people: never[] }>('su1.json'),
      su2: await readJson<{ body: string; people: never[] }>('su2.json'),
    };

    const first = io({ CHARITYLOG_API_KEY: KEY });
    expect(await runRefer(args({ endpoint: standIn.url, send: true }), deps, first.io)).toBe(0);
    expect(standIn.requests.map((r) => r.status)).toEqual([500, 200, 200]);
    // what arrived is exactly what the dry run wrote, decoded by a second reader
    expect(standIn.accepted.map((a) => a.body)).toEqual([written.su1.body, written.su2.body]);
    expect(standIn.accepted.map((a) => a.people)).toEqual([
      written.su1.people.map(personFields),
      written.su2.people.map(personFields),
    ]);
    const summary = await readJson<ReferSummary>('summary.json');
    expect(summary.referred.map((r) => [r.service_user, r.status, r.attempts])).toEqual([
      ['su1', 'sent', 2],
      ['su2', 'sent', 1],
    ]);
    const ledger = await readJson<{ sent: Record<string, unknown> }>('ledger.json');
    expect(Object.keys(ledger.sent)).toEqual(['su1@2026-03-14', 'su2@2026-04-02']);
    expect(ledger.sent['su1@2026-03-14']).toEqual({
      service_user: 'su1',
      upper_limit_date: '2026-03-14',
      sent_at: '2025-09-14T09:30:00.000Z',
      http_status: 200,
      endpoint: standIn.url,
    });

    const second = io({ CHARITYLOG_API_KEY: KEY });
    expect(await runRefer(args({ endpoint: standIn.url, send: true }), deps, second.io)).toBe(0);
    expect(standIn.requests).toHaveLength(3);
    expect((await readJson<ReferSummary>('summary.json')).referred.map((r) => r.status)).toEqual([
      'already_sent',
      'already_sent',
    ]);

    // a new upper-limit date is a new referral; the other is still not sent again
    upperOfSu1 = '2026-02-20';
    const third = io({ CHARITYLOG_API_KEY: KEY });
    expect(await runRefer(args({ endpoint: standIn.url, send: true }), deps, third.io)).toBe(0);
    expect(standIn.requests).toHaveLength(4);
    expect(standIn.accepted[2]?.people[1]).toMatchObject({ first_name: 'Ann', referral_role: '2' });
    expect(Object.keys((await readJson<{ sent: object }>('ledger.json')).sent)).toEqual([
      'su1@2026-02-20',
      'su1@2026-03-14',
      'su2@2026-04-02',
    ]);

    // the key is sent as a header and appears nowhere else
    expect(standIn.requests[1]?.headers.authorization).toBe(`Bearer ${KEY}`);
    for (const text of [await everyOutput(), first.out(), first.err(), second.out(), third.out()]) {
      expect(text).not.toContain(KEY);
    }
  });

  it('records a failure in the summary (never lost), exits 4, and sends it on the next run', async () => {
    standIn = await startStandIn({ apiKey: KEY, failFirst: 10, echoAuthorization: true });
    const c = io({ CHARITYLOG_API_KEY: KEY });
    expect(await runRefer(args({ endpoint: standIn.url, send: true }), deps, c.io)).toBe(4);
    const summary = await readJson<ReferSummary>('summary.json');
    expect(summary.totals).toMatchObject({ sent: 0, failed: 2 });
    expect(summary.referred[0]).toMatchObject({
      service_user: 'su1',
      status: 'failed',
      attempts: 5,
      http_status: 500,
      error:
        'Charitylog answered 500: {"error":"temporary failure","authorization":"Bearer [redacted]"}',
    });
    expect(c.out()).toContain('FAILED — Charitylog answered 500');
    await expect(readJson('ledger.json')).rejects.toThrow();
    for (const text of [await everyOutput(), c.out(), c.err()]) expect(text).not.toContain(KEY);

    const again = io({ CHARITYLOG_API_KEY: KEY });
    expect(await runRefer(args({ endpoint: standIn.url, send: true }), deps, again.io)).toBe(0);
    expect(standIn.accepted).toHaveLength(2);
  });

  it('stops on a damaged ledger rather than risk sending twice', async () => {
    standIn = await startStandIn({ apiKey: KEY, failFirst: 0 });
    await rm(join(dir, 'out'), { recursive: true, force: true });
    await writeFile(join(dir, 'consent.txt'), 'su1\n');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, 'out', 'ledger.json'), '{"sent": ');
    await expect(
      runRefer(
        args({ endpoint: standIn.url, send: true }),
        deps,
        io({ CHARITYLOG_API_KEY: KEY }).io,
      ),
    ).rejects.toThrow('is not a carebill referral ledger; nothing was sent');
    expect(standIn.requests).toEqual([]);
  });

  it('refuses to send while another run holds the folder, and releases its own lock', async () => {
    standIn = await startStandIn({ apiKey: KEY, failFirst: 0 });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'out', '.carebill'), { recursive: true });
    // held by a live process (this one), as another run in it would
    const holder = {
      pid: process.pid,
      host: hostname(),
      started: '2025-09-14T09:00:00.000Z',
      command: 'refer',
    };
    await writeFile(join(dir, 'out', '.carebill', 'lock'), JSON.stringify(holder));
    await expect(
      runRefer(
        args({ endpoint: standIn.url, send: true }),
        deps,
        io({ CHARITYLOG_API_KEY: KEY }).io,
      ),
    ).rejects.toThrow(
      `is in use by carebill refer (pid ${process.pid}, started 2025-09-14T09:00:00.000Z)`,
    );
    expect(standIn.requests).toEqual([]);
    await rm(join(dir, 'out', '.carebill', 'lock'));
    expect(
      await runRefer(
        args({ endpoint: standIn.url, send: true }),
        deps,
        io({ CHARITYLOG_API_KEY: KEY }).io,
      ),
    ).toBe(0);
    expect(standIn.accepted).toHaveLength(2);
    expect(await outputNames()).toEqual(['ledger.json', 'su1.json', 'su2.json', 'summary.json']);
    expect(await readdir(join(dir, 'out', '.carebill'))).toEqual(['manifest.refer.json']);
  });

  it('removes the file of a resident no longer referred', async () => {
    expect(await runRefer(args(), deps, io().io)).toBe(0);
    await writeFile(join(dir, 'consent.txt'), 'su2\n');
    expect(await runRefer(args(), deps, io().io)).toBe(0);
    expect(await outputNames()).toEqual(['su2.json', 'summary.json']);
  });
});

describe('carebill refer --help', () => {
  it('documents every option and where the key comes from', async () => {
    const { renderUsage } = await import('citty');
    const usage = await renderUsage(createReferCommand(projectCandidates, homeLoader, io().io));
    for (const option of [
      '--data',
      '--as-of',
      '--consent',
      '--within-months',
      '--region',
      '--source',
      '--project',
      '--org-type',
      '--encoding',
      '--send',
      '--endpoint',
      '--out',
    ]) {
      expect(usage).toContain(option);
    }
    expect(usage).toContain('CHARITYLOG_API_KEY');
    expect(usage).toContain('https://api.dizions.co.uk/v2/external_referral');
  });
});
