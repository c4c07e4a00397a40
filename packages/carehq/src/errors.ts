/**
 * The one error the CareHQ client throws, with a code a script can act on and a message a
 * person can. The small factories below write every message, so they all read the same way.
 * No message ever holds the API key or secret: the client redacts them before building one.
 */

/** What went wrong, in a word. */
export type CareHqErrorCode =
  /** 400 or 422: CareHQ rejected the request's arguments (see `argErrors`). */
  | 'BAD_REQUEST'
  /** 401: wrong account id, key or secret, a clock more than 5 minutes out, a reused nonce. */
  | 'UNAUTHORISED'
  /** 403 or 405 (as CareHQ's official client treats both): the key may not do this. */
  | 'FORBIDDEN'
  /** 404: no such resource or record. */
  | 'NOT_FOUND'
  /** 429 on every attempt, or a rate-limit reset too far away to wait for. */
  | 'RATE_LIMITED'
  /** 5xx on every attempt. */
  | 'SERVER'
  /** No complete answer within the timeout, on every attempt. */
  | 'TIMEOUT'
  /** An answer that is not the JSON CareHQ sends (cut short, not JSON, wrong shape). */
  | 'BAD_RESPONSE'
  /** The connection failed (refused, reset, DNS). */
  | 'NETWORK'
  /**
   * An answer beyond this client's limits: a body larger than `maxResponseBytes`, or a list
   * claiming more records (`item_count`) or pages (`page_count`) than it will fetch.
   */
  | 'TOO_LARGE'
  /** Another HTTP status the client does not expect. */
  | 'HTTP';

export interface CareHqErrorDetails {
  readonly code: CareHqErrorCode;
  /** `GET /v1/bookings` — method and path, never the query or headers. */
  readonly request: string;
  /** HTTP status, when an answer came back. */
  readonly status?: number;
  /** CareHQ's own sentence about the error, when it sent one. */
  readonly hint?: string;
  /** CareHQ's `arg_errors`: field → messages. */
  readonly argErrors?: Readonly<Record<string, readonly string[]>>;
  /** How many attempts were made before giving up. */
  readonly attempts?: number;
  readonly cause?: unknown;
}

/**
 * A failed CareHQ request, after any retries.
 *
 * @example
 * try { await pullDataset({ client }) } catch (e) {
 *   if (e instanceof CareHqError && e.code === 'UNAUTHORISED') console.error(e.message)
 * }
 */
export class CareHqError extends Error {
  override readonly name = 'CareHqError';
  readonly code: CareHqErrorCode;
  readonly request: string;
  readonly status: number | undefined;
  readonly hint: string | undefined;
  readonly argErrors: Readonly<Record<string, readonly string[]>> | undefined;
  readonly attempts: number | undefined;

  constructor(message: string, details: CareHqErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.request = details.request;
    this.status = details.status;
    this.hint = details.hint;
    this.argErrors = details.argErrors;
    this.attempts = details.attempts;
  }
}

const WHAT: Record<CareHqErrorCode, string> = {
  BAD_REQUEST: 'CareHQ rejected the request',
  UNAUTHORISED: 'CareHQ refused the credentials',
  FORBIDDEN: 'CareHQ does not allow this API key to read this resource',
  NOT_FOUND: 'CareHQ does not know this resource',
  RATE_LIMITED: 'CareHQ kept answering "too many requests"',
  SERVER: 'CareHQ kept failing with a server error',
  TIMEOUT: 'CareHQ did not answer in time',
  BAD_RESPONSE: 'CareHQ sent an answer that is not a valid list page',
  NETWORK: 'Could not reach CareHQ',
  TOO_LARGE: 'CareHQ sent more than this client accepts',
  HTTP: 'CareHQ answered with an unexpected status',
};

const FIX: Record<CareHqErrorCode, string> = {
  BAD_REQUEST: 'This is a fault in carebill or an API change; please report it.',
  UNAUTHORISED:
    'Check CAREHQ_ACCOUNT_ID, CAREHQ_API_KEY and CAREHQ_API_SECRET, that the key is for this ' +
    'environment (live or sandbox), and that this computer’s clock is right.',
  FORBIDDEN: 'Give the API key read access to this resource in CareHQ, or use another key.',
  NOT_FOUND: 'Check the base URL (--base-url / CAREHQ_API_BASE).',
  RATE_LIMITED: 'Wait a few minutes and run the pull again.',
  SERVER: 'CareHQ may be down; run the pull again later.',
  TIMEOUT: 'Check the network connection and run the pull again.',
  BAD_RESPONSE: 'Run the pull again; if it keeps happening, check the base URL.',
  NETWORK: 'Check the network connection and the base URL, then run the pull again.',
  TOO_LARGE:
    'Check that the base URL (--base-url / CAREHQ_API_BASE) is CareHQ’s; if it is, report it ' +
    '(the limits are in docs/carehq.md).',
  HTTP: 'Run the pull again; if it keeps happening, report it.',
};

/** Ends a phrase with a full stop unless it has one already. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The code for an HTTP error status.
 *
 * @example codeForStatus(422) // 'BAD_REQUEST'; codeForStatus(405) // 'FORBIDDEN'; codeForStatus(503) // 'SERVER'
 */
export function codeForStatus(status: number): CareHqErrorCode {
  if (status === 400 || status === 422) return 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHORISED';
  // CareHQ's official client (carehq 0.1.3, exceptions.py) maps both to `Forbidden`: a
  // 405 from CareHQ means the key (or the method) is not allowed on this endpoint.
  if (status === 403 || status === 405) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'SERVER';
  return 'HTTP';
}

/**
 * A person-readable message: what failed, on which request, CareHQ's hint and argument
 * errors, how many attempts, and what to do.
 *
 * @example
 * describeCareHqError({ code: 'UNAUTHORISED', request: 'GET /v1/bookings', status: 401,
 *   hint: 'The signature is not valid.' })
 * // 'CareHQ refused the credentials (401) on GET /v1/bookings: The signature is not valid. Check …'
 */
export function describeCareHqError(details: CareHqErrorDetails, reason?: string): string {
  const status = details.status === undefined ? '' : ` (${details.status})`;
  const parts = [`${WHAT[details.code]}${status} on ${details.request}`];
  const said: string[] = [];
  if (details.hint) said.push(sentence(details.hint));
  if (details.argErrors) {
    for (const field of Object.keys(details.argErrors).sort()) {
      const messages = details.argErrors[field] ?? [];
      said.push(
        sentence(`${field}: ${messages.map((m) => m.trim().replace(/[.;]+$/, '')).join('; ')}`),
      );
    }
  }
  if (reason) said.push(sentence(reason));
  if (details.attempts !== undefined && details.attempts > 1) {
    said.push(`Gave up after ${details.attempts} attempts.`);
  }
  said.push(FIX[details.code]);
  return `${parts[0]}: ${said.join(' ')}`;
}

/**
 * Builds a {@link CareHqError} with its message.
 *
 * @example throw careHqError({ code: 'TIMEOUT', request: 'GET /v1/rooms', attempts: 5 })
 */
export function careHqError(details: CareHqErrorDetails, reason?: string): CareHqError {
  return new CareHqError(describeCareHqError(details, reason), details);
}
