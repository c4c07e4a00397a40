import { encodeReferralBody } from '@carebill/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type StandIn, type StandInOptions, startStandIn } from '../../test/charitylog-stand-in.js';
import { parseConsent } from './consent.js';
import { credentialsFromEnv, redact } from './credentials.js';
import { backoffMs, sendReferral } from './send.js';

const KEY = 'clk_live_9f8e7d6c5b4a';
const credentials = credentialsFromEnv({ CHARITYLOG_API_KEY: KEY })!;
const ann = [
  { source: '1', referral_role: '1' as const, first_name: 'Ann', surname: 'Smith', org_type_id: 1 },
];

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

/** Starts a stand-in (failing nothing first) and sends Ann's referral to it. */
async function sendOnceTo(options: StandInOptions) {
  standIn = await startStandIn({ failFirst: 0, ...options });
  return sendReferral(encodeReferralBody(ann), {
    endpoint: standIn.url,
    credentials,
    fetch,
    sleep: async () => {},
  });
}

function sleeps() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('sendReferral', () => {
  it('PUTs the form body with the key as a bearer header and survives a 500', async () => {
    standIn = await startStandIn({ apiKey: KEY, failFirst: 1 });
    const { waits, sleep } = sleeps();
    const body = encodeReferralBody(ann);
    const result = await sendReferral(body, {
      endpoint: standIn.url,
      credentials,
      fetch,
      sleep,
      retry: { baseMs: 10 },
    });
    expect(result).toEqual({ ok: true, status: 200, attempts: 2 });
    expect(waits).toEqual([10]);
    expect(standIn.requests.map((r) => [r.method, r.status])).toEqual([
      ['PUT', 500],
      ['PUT', 200],
    ]);
    expect(standIn.requests[1]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(standIn.requests[1]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(standIn.accepted[0]?.body).toBe(body);
  });

  it('backs off exponentially within bounds, then reports the failure with its status', async () => {
    standIn = await startStandIn({ failFirst: 99, failStatus: 503 });
    const { waits, sleep } = sleeps();
    const result = await sendReferral(encodeReferralBody(ann), {
      endpoint: standIn.url,
      credentials,
      fetch,
      sleep,
      retry: { attempts: 5, baseMs: 100, maxMs: 500 },
    });
    expect(result).toEqual({
      ok: false,
      status: 503,
      attempts: 5,
      error: 'Charitylog answered 503: {"error":"temporary failure"}',
    });
    expect(waits).toEqual([100, 200, 400, 500]);
    expect(standIn.requests).toHaveLength(5);
  });

  it('retries 429 after the Retry-After seconds, capped', () => {
    expect(backoffMs(1, '2', { baseMs: 100, maxMs: 30_000 })).toBe(2000);
    expect(backoffMs(1, '600', { baseMs: 100, maxMs: 30_000 })).toBe(30_000);
    expect(backoffMs(2, 'Wed, 21 Oct 2015 07:28:00 GMT', { baseMs: 100, maxMs: 30_000 })).toBe(200);
  });

  it('does not retry a 422: the stand-in refuses a person without a surname', async () => {
    standIn = await startStandIn({ failFirst: 0 });
    const { waits, sleep } = sleeps();
    const result = await sendReferral(encodeReferralBody([{ ...ann[0]!, surname: '' }]), {
      endpoint: standIn.url,
      credentials,
      fetch,
      sleep,
    });
    expect(result).toEqual({
      ok: false,
      status: 422,
      attempts: 1,
      error: 'Charitylog answered 422: {"error":"person 0: surname is required","field":"surname"}',
    });
    expect(waits).toEqual([]);
  });

  it('retries network errors, and never returns the key even when a server echoes it', async () => {
    const refused = await sendOnceTo({ apiKey: 'another key', echoAuthorization: true });
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).not.toContain(KEY);
    expect(JSON.stringify(refused)).toContain('Bearer [redacted]');
    const url = standIn?.url ?? '';
    await standIn?.close();
    standIn = undefined;
    const { waits, sleep } = sleeps();
    const down = await sendReferral(encodeReferralBody(ann), {
      endpoint: url,
      credentials,
      fetch,
      sleep,
      retry: { attempts: 3, baseMs: 1 },
    });
    expect(down).toMatchObject({ ok: false, status: null, attempts: 3 });
    expect(!down.ok && down.error).toMatch(/^network error: fetch failed \(ECONNREFUSED\)/);
    expect(waits).toEqual([1, 2]);
  });
});

describe('redaction before truncation', () => {
  it('cuts a reply only after redacting a key that straddles the cut', async () => {
    // The reply: {"error":"bad credentials","note":"x…x","authorization":"Bearer <key>"};
    // the key starts at character 61 + padding = 290 (0-based), across the cut after 299.
    const refused = await sendOnceTo({
      apiKey: 'another key',
      echoAuthorization: true,
      echoPadding: 229,
    });
    expect(refused.ok).toBe(false);
    const error = refused.ok ? '' : refused.error;
    const reply = error.replace(/^Charitylog answered 401: /, '');
    expect(reply).toBe(
      `{"error":"bad credentials","note":"${'x'.repeat(229)}","authorization":"Bearer [redacted…`,
    );
    expect(Array.from(reply)).toHaveLength(300);
    // Not one piece of the key of three characters or more is left.
    for (let i = 0; i + 3 <= KEY.length; i++) expect(error).not.toContain(KEY.slice(i, i + 3));
  });

  it('redacts whole keys in every spelling, and runs of 6+ characters of a key', () => {
    const key = 'k/9f8e+7d6c5b4a';
    expect(redact(`a ${key} b`, [key])).toBe('a [redacted] b');
    expect(redact(`url ${encodeURIComponent(key)}`, [key])).toBe('url [redacted]');
    expect(redact(`{"k":"k\\/9f8e+7d6c5b4a"}`, [key])).toBe('{"k":"[redacted]"}');
    // A reply that cut the key short itself, or quoted a middle part of it.
    expect(redact('key k/9f8e+7…', [key])).toBe('key [redacted]…');
    expect(redact('part 8e+7d6c!', [key])).toBe('part [redacted]!');
    // Five characters are not enough to tell a key from other text.
    expect(redact('k/9f8 and 5b4a', [key])).toBe('k/9f8 and 5b4a');
    // A secret shorter than a fragment is redacted whole only.
    expect(redact('abc abcd', ['abcd'])).toBe('abc [redacted]');
  });
});

describe('credentials', () => {
  it('reads the key (and Charitylog key headers) from the environment only', () => {
    expect(credentialsFromEnv({})).toBeNull();
    expect(credentialsFromEnv({ CHARITYLOG_API_KEY: '  ' })).toBeNull();
    expect(
      credentialsFromEnv({
        CHARITYLOG_SOURCE_KEY: 's1',
        CHARITYLOG_ORG_KEY: 'o1',
        CHARITYLOG_USER_KEY: 'u1',
      }),
    ).toEqual({ headers: { Source: 's1', Org: 'o1', User: 'u1' }, secrets: ['s1', 'o1', 'u1'] });
    expect(redact('a k1 b k1', ['k1'])).toBe('a [redacted] b [redacted]');
  });
});

describe('parseConsent', () => {
  it('takes one id a line, ignoring blank lines and # comments', () => {
    expect([
      ...parseConsent('# consent, Rectory House\r\nsu1\n\n  su2   # Ann, 3 May\n#su3\n'),
    ]).toEqual(['su1', 'su2']);
  });

  it('names the line of anything that is not one id', () => {
    expect(() => parseConsent('su1\nsu2 su3\n', 'consent.txt')).toThrow(
      'consent.txt line 2 holds "su2 su3": write one service user id a line (comments after #)',
    );
  });
});
