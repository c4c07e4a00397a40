/**
 * Request signing, CareHQ signature version 2.0, as CareHQ's official Python client
 * (`carehq` 0.1.3, `carehq/client.py`) does it.
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
 * > or the form fields (otherwise), drops keys whose value is null (a null *inside* a list
 * > is kept and sent as Python writes it, `None`), turns every value into text as Python's
 * > `str()` does (`True`, `1.0`), sorts the keys, and for each key sorts its values as
 * > text — by Unicode code point, as Python sorts, not by UTF-16 code unit; each key/value
 * > pair is written `key=value` (not URL-encoded) and the pairs are joined by newlines.
 *
 * The query string (or form body) is encoded from the same pairs in the same order; the
 * order of a query does not matter to the server, which sorts again.
 */
import { createHmac } from 'node:crypto';

/**
 * One parameter value. A null or undefined value drops its key; inside a list it is sent
 * as `None`, as the official client sends Python's `None`. Arrays repeat the key.
 */
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
 * Orders text by Unicode code point, as Python's `sorted()` does. JavaScript's default
 * sort compares UTF-16 code units, which puts a character beyond U+FFFF (an emoji, stored
 * as a surrogate pair from U+D800) before U+E000–U+FFFF; UTF-8 byte order is code-point
 * order, so comparing the UTF-8 bytes gives Python's order.
 *
 * @example ['😀', '～'].sort(compareCodePoints) // ['～', '😀'] (U+FF5E before U+1F600)
 */
export function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * A value as text, the way Python's `str()` writes it: `True`/`False`, `None` (for a null
 * inside a list), whole numbers as integers (`10`), other numbers as Python writes a float
 * (`1.5`, `1e-05`, `nan`, `inf`).
 *
 * @example pythonText(true) === 'True'; pythonText(null) === 'None'; pythonText(0.00001) === '1e-05'
 */
export function pythonText(value: ParamValue): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  return pythonNumber(value);
}

/** Python's `str()` of an int (a whole JavaScript number) or of a float (any other). */
function pythonNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n)) return BigInt(n).toString();
  // The shortest round-trip digits, as both languages find them; only the layout differs.
  const [mantissa = '', exp = '0'] = n.toExponential().split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/[-.]/g, '');
  const e = Number(exp);
  if (e >= -4 && e < 16) {
    const fixed =
      e >= 0
        ? `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`
        : `0.${'0'.repeat(-e - 1)}${digits}`;
    return sign + fixed;
  }
  const scaled = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${scaled}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Half of a surrogate pair without its other half: no UTF-8 encoding exists for it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The parameters as sorted `[key, value]` pairs: keys whose value is null dropped, values
 * as Python's `str()` writes them (a null inside a list is `None`), keys sorted, each key's
 * values sorted, both by code point.
 *
 * @example
 * canonicalPairs({ page: 1, attributes: ['rate', 'end_date'], sort_by: null })
 * // [['attributes', 'end_date'], ['attributes', 'rate'], ['page', '1']]
 */
export function canonicalPairs(params: Params): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const key of Object.keys(params).sort(compareCodePoints)) {
    const raw = params[key];
    if (raw === null || raw === undefined) continue;
    const values = Array.isArray(raw) ? (raw as readonly ParamValue[]) : [raw as ParamValue];
    const texts = values.map(pythonText);
    for (const text of [key, ...texts]) {
      if (LONE_SURROGATE.test(text)) {
        throw new RangeError(
          `parameter ${JSON.stringify(key)} holds a lone surrogate, which cannot be sent as UTF-8`,
        );
      }
    }
    for (const value of texts.sort(compareCodePoints)) pairs.push([key, value]);
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
