/**
 * Sage 50 customer account references: at most 8 characters, upper case, no spaces. A payer
 * without an account code gets a stable one derived from its id, so the same payer posts to
 * the same Sage account every month.
 */
import { createHash } from 'node:crypto';

/** 1–8 printable ASCII characters, no space, no lower-case letter. */
const VALID_REF = /^[!-`{-~]{1,8}$/;

/**
 * Whether a code can be used as a Sage 50 account reference as it is: 1–8 printable ASCII
 * characters with no space and no lower-case letter (Sage keeps references in capitals).
 *
 * @example isSageAccountRef('SMI001') === true; isSageAccountRef('smi001') === false;
 * isSageAccountRef('TOOLONG123') === false; isSageAccountRef('A B') === false
 */
export function isSageAccountRef(code: string): boolean {
  return VALID_REF.test(code);
}

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The derived Sage 50 account reference of a payer without an account code: `CB` and six
 * base-36 characters (0–9, A–Z) of the SHA-256 of `kind/id`. The same payer always gets the
 * same code; 36⁶ ≈ 2.2 billion codes make a clash between two payers unlikely (about 1 in
 * 4,400 for 1,000 payers), and a clash is still reported as `SHARED_ACCOUNT_CODE`.
 *
 * @example deriveSageAccountRef('service_user_contact', 'c-17') // 'CB' + 6 characters, always the same
 */
export function deriveSageAccountRef(kind: string, id: string): string {
  const digest = createHash('sha256').update(`${kind}/${id}`, 'utf8').digest();
  let n = digest.readBigUInt64BE(0);
  let code = '';
  for (let i = 0; i < 6; i += 1) {
    code = BASE36.charAt(Number(n % 36n)) + code;
    n /= 36n;
  }
  return `CB${code}`;
}
