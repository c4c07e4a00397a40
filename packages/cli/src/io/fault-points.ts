/**
 * Named points in a run where the test suite makes the process fail on purpose, so that
 * "killed while renaming the second file of the commit" is a repeatable test rather than
 * a race against a timer. Set by the tests only:
 *
 *     CAREBILL_TEST_FAULT=<point>[:<n>]=<action>[,…]
 *
 * `<n>` is the hit of that point to fail at (default 1); `<action>` is a signal the process
 * sends itself (SIGKILL, SIGINT, SIGTERM, SIGSTOP), `GROUPSIGINT` (SIGINT to its whole
 * process group, PDF processes included, as Ctrl-C does), `throw` (a bug) or an error code
 * such as `ENOSPC` (an environment failure at that point). The points are listed in
 * docs/outputs.md. With the variable unset a point costs one map lookup.
 */

interface Fault {
  readonly at: number;
  readonly action: string;
}

function parse(text: string | undefined): Map<string, Fault> {
  const faults = new Map<string, Fault>();
  for (const part of (text ?? '').split(',')) {
    const match = /^([a-z-]+)(?::(\d+))?=([A-Za-z]+)$/.exec(part.trim());
    if (match)
      faults.set(match[1] as string, { at: Number(match[2] ?? 1), action: match[3] as string });
  }
  return faults;
}

const faults = parse(process.env['CAREBILL_TEST_FAULT']);
const hits = new Map<string, number>();

/**
 * Marks a point of a run; fails there if the tests asked for it.
 *
 * @example faultPoint('commit-rename', finalPath)
 */
export function faultPoint(name: string, path?: string): void {
  if (faults.size === 0) return;
  const fault = faults.get(name);
  if (fault === undefined) return;
  const hit = (hits.get(name) ?? 0) + 1;
  hits.set(name, hit);
  if (hit !== fault.at) return;
  if (fault.action === 'GROUPSIGINT') {
    process.kill(0, 'SIGINT');
    return;
  }
  if (fault.action.startsWith('SIG')) {
    process.kill(process.pid, fault.action as NodeJS.Signals);
    return;
  }
  if (fault.action === 'throw') throw new Error(`test fault at ${name}`);
  throw Object.assign(new Error(`${fault.action}: test fault at ${name}`), {
    code: fault.action,
    syscall: 'write',
    path: path ?? name,
  });
}
