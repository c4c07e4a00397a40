/**
 * Request signing, CareHQ signature version 2.0.
 *
 * The protocol, as `reference/carehq-api.md` describes it:
 *
 * > Every request carries `Accept: application/json`, `X-CareHQ-AccountId`,
 * > `X-CareHQ-APIKey`, `X-CareHQ-Timestamp` (whole seconds since the Unix epoch, as text),
 * > `X-CareHQ-Nonce` (16 random bytes, base64url without padding),
 * > `X-CareHQ-Signature-Version: 2.0` and `X-CareHQ-Signature` (lower-case hex
 * > HMAC-SHA256, keyed with the API secret, of the string to sign).
 * >
 * > The string to sign is five parts joined by a newline: the timestamp, the nonce, the
 * > upper-case method, the path including `/v1/` (no host, no query), and the canonical
 * > parameter string. The canonical parameter string takes the query parameters (for `GET`)
 * > or the form fields (otherwise), drops null ones, turns every value into text, sorts the
 * > keys, and for each key sorts its values as text; each key/value pair is written
 * > `key=value` (not URL-encoded) and the pairs are joined by newlines. The query string (or
 * > the `application/x-www-form-urlencoded` body) is encoded from the same pairs in the same
 * > order.
 *
 * "Sorts" is plain code-unit order (JavaScript's default sort), the order every official
 * client gets from its language's default string sort for the ASCII names CareHQ uses.
 */
import { createHmac } from 'node:crypto';

/** One parameter value; null and undefined are dropped, arrays repeat the key. */
export type ParamValue = string | number | boolean | null | undefined;
/** Query parameters or form fields, as the API takes them. */
export type Params = Readonly<Record<string, ParamValue | readonly ParamValue[]>>;

/** The three secrets of an API client. Never logged, never written. */
export interface CareHqCredentials {
  readonly accountId: string;
  readonly apiKey: string;
  readonly apiSecret: string;
}

/**
 * The parameters as sorted `[key, value]` pairs: nulls dropped, values as text, keys
 * sorted, each key's values sorted.
 *
 * @example
 * canonicalPairs({ page: 1, attributes: ['rate', 'end_date'], sort_by: null })
 * // [['attributes', 'end_date'], ['attributes', 'rate'], ['page', '1']]
 */
export function canonicalPairs(params: Params): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const key of Object.keys(params).sort()) {
    const raw = params[key];
    const values = Array.isArray(raw) ? (raw as readonly ParamValue[]) : [raw as ParamValue];
    const texts = values.filter((v) => v !== null && v !== undefined).map((v) => String(v));
    for (const value of texts.sort()) pairs.push([key, value]);
  }
  return pairs;
}

/**
 * The canonical parameter string: `key=value` lines, not URL-encoded.
 *
 * @example canonicalParamString([['page', '1'], ['per_page', '100']]) // 'page=1\nper_page=100'
 */
export function canonicalParamString(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([key, value]) => `${key}=${value}`).join('\n');
}

/**
 * The query string (or form body) for the same pairs, in the same order.
 *
 * @example encodePairs([['attributes', 'first_name'], ['page', '2']]) // 'attributes=first_name&page=2'
 */
export function encodePairs(pairs: ReadonlyArray<readonly [string, string]>): string {
  return new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, v])).toString();
}

export interface StringToSignParts {
  /** Whole seconds since the epoch, as text. */
  readonly timestamp: string;
  readonly nonce: string;
  readonly method: string;
  /** The path including `/v1/`, no host, no query. */
  readonly path: string;
  readonly canonicalParams: string;
}

/**
 * The five parts joined by newlines.
 *
 * @example
 * stringToSign({ timestamp: '1700000000', nonce: 'n', method: 'get', path: '/v1/rooms',
 *   canonicalParams: 'page=1' }) // '1700000000\nn\nGET\n/v1/rooms\npage=1'
 */
export function stringToSign(parts: StringToSignParts): string {
  return [
    parts.timestamp,
    parts.nonce,
    parts.method.toUpperCase(),
    parts.path,
    parts.canonicalParams,
  ].join('\n');
}

/**
 * Lower-case hex HMAC-SHA256 of `text`, keyed with the secret.
 *
 * @example computeSignature('secret', '1700000000\n…') // '5f1c…' (64 hex digits)
 */
export function computeSignature(apiSecret: string, text: string): string {
  return createHmac('sha256', apiSecret).update(text, 'utf8').digest('hex');
}

/**
 * A nonce from 16 random bytes: base64url without padding (22 characters).
 *
 * @example nonceFromBytes(new Uint8Array(16)) // 'AAAAAAAAAAAAAAAAAAAAAA'
 */
export function nonceFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`a nonce takes 16 bytes, got ${bytes.length}`);
  return Buffer.from(bytes).toString('base64url');
}

export interface SignInput {
  readonly credentials: CareHqCredentials;
  readonly method: string;
  /** The path including `/v1/`, e.g. `/v1/bookings`. */
  readonly path: string;
  readonly params: Params;
  /** Whole seconds since the epoch. */
  readonly timestampSeconds: number;
  readonly nonce: string;
}

export interface SignedRequest {
  readonly method: string;
  readonly path: string;
  /** The encoded query (GET) or form body (otherwise), without a leading `?`. */
  readonly encodedParams: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Signs one request: the headers to send and the encoded parameters that match them.
 *
 * @example
 * const signed = signRequest({ credentials, method: 'GET', path: '/v1/rooms',
 *   params: { attributes: ['name'], page: 1 }, timestampSeconds: 1700000000, nonce })
 * fetch(`${base}${signed.path}?${signed.encodedParams}`, { headers: signed.headers })
 */
export function signRequest(input: SignInput): SignedRequest {
  if (!input.path.startsWith('/v1/')) {
    throw new RangeError(`a CareHQ path starts with /v1/, got ${input.path}`);
  }
  const method = input.method.toUpperCase();
  const pairs = canonicalPairs(input.params);
  const timestamp = String(Math.floor(input.timestampSeconds));
  const text = stringToSign({
    timestamp,
    nonce: input.nonce,
    method,
    path: input.path,
    canonicalParams: canonicalParamString(pairs),
  });
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'X-CareHQ-AccountId': input.credentials.accountId,
    'X-CareHQ-APIKey': input.credentials.apiKey,
    'X-CareHQ-Timestamp': timestamp,
    'X-CareHQ-Nonce': input.nonce,
    'X-CareHQ-Signature-Version': '2.0',
    'X-CareHQ-Signature': computeSignature(input.credentials.apiSecret, text),
  };
  if (method !== 'GET') headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return { method, path: input.path, encodedParams: encodePairs(pairs), headers };
}
