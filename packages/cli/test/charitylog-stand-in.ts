/**
 * A local stand-in for Charitylog's external referral endpoint, for tests: a real
 * `node:http` server on 127.0.0.1 (port 0). It reads the form body with `node:querystring`
 * (a second reader, not carebill's own decoder), refuses a person missing a required field
 * with a 422 JSON error, fails the first N requests with a 500 (configurable), and records
 * every request and what it accepted.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'node:querystring';

export interface StandInOptions {
  /** The key the stand-in expects as `Authorization: Bearer <key>`; 401 otherwise. */
  readonly apiKey?: string;
  /** Answer this many requests (the first ones) with `failStatus`. Default 1. */
  readonly failFirst?: number;
  /** Default 500. */
  readonly failStatus?: number;
  /** Echo the Authorization header in error bodies (to test that it is scrubbed). */
  readonly echoAuthorization?: boolean;
  /** With `echoAuthorization`: this many filler characters before the echoed header. */
  readonly echoPadding?: number;
}

export interface StandInRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
}

export interface StandIn {
  readonly url: string;
  /** Every request, in order, with the status answered. */
  readonly requests: StandInRequest[];
  /** The people of each accepted referral, decoded independently, in order. */
  readonly accepted: { readonly body: string; readonly people: Record<string, string>[] }[];
  close(): Promise<void>;
}

const REQUIRED = ['first_name', 'surname', 'org_type_id'];

/** The people of a form body, read with `node:querystring`. */
export function readPeople(body: string): Record<string, string>[] {
  const fields = parse(body);
  if (typeof fields.json === 'string') {
    return (JSON.parse(fields.json) as Record<string, unknown>[]).map((person) =>
      Object.fromEntries(Object.entries(person).map(([k, v]) => [k, String(v)])),
    );
  }
  const people: Record<string, string>[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const match = /^(\d+)\[(\w+)\]$/.exec(key);
    if (!match || typeof value !== 'string') throw new Error(`bad key ${key}`);
    const index = Number(match[1]);
    people[index] = { ...people[index], [match[2] as string]: value };
  }
  return people;
}

/**
 * Starts the stand-in; `close()` stops it.
 *
 * @example const charitylog = await startStandIn({ apiKey: 'k', failFirst: 1 })
 */
export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const requests: StandInRequest[] = [];
  const accepted: StandIn['accepted'] = [];
  let failuresLeft = options.failFirst ?? 1;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = (status: number, json: unknown) => {
        requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body,
          status,
        });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const echo = options.echoAuthorization
        ? {
            ...(options.echoPadding ? { note: 'x'.repeat(options.echoPadding) } : {}),
            authorization: req.headers.authorization,
          }
        : {};
      if (req.method !== 'PUT' || req.url !== '/v2/external_referral') {
        return answer(404, { error: 'not found' });
      }
      if (
        options.apiKey !== undefined &&
        req.headers.authorization !== `Bearer ${options.apiKey}`
      ) {
        return answer(401, { error: 'bad credentials', ...echo });
      }
      if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') {
        return answer(415, { error: `unsupported content type ${req.headers['content-type']}` });
      }
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        return answer(options.failStatus ?? 500, { error: 'temporary failure', ...echo });
      }
      let people: Record<string, string>[];
      try {
        people = readPeople(body);
      } catch (error) {
        return answer(400, { error: String(error) });
      }
      for (const [index, person] of people.entries()) {
        const missing = REQUIRED.find((field) => !person?.[field]);
        if (missing !== undefined) {
          return answer(422, {
            error: `person ${index}: ${missing} is required`,
            field: missing,
            ...echo,
          });
        }
        if (person?.source !== undefined && person.referral_role === undefined) {
          return answer(422, {
            error: `person ${index}: referral_role is required with source`,
            field: 'referral_role',
          });
        }
      }
      accepted.push({ body, people });
      return answer(200, { success: true, imported: people.length });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2/external_referral`,
    requests,
    accepted,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
