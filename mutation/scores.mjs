/**
 * The mutation score of a module, as Stryker counts it, and a fingerprint of what the
 * score was measured on (the module's source and its tests), so a stale score is noticed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The committed score file, at the repository root. */
export const SCORES_FILE = 'mutation-scores.json';

/**
 * Stryker's mutation score: detected (killed or timed out) over valid mutants (detected,
 * survived or not covered); mutants that do not compile, error at runtime or are ignored
 * (recorded equivalent) do not count.
 */
export function scoreOf(report) {
  const counts = {
    killed: 0,
    timeout: 0,
    survived: 0,
    noCoverage: 0,
    ignored: 0,
    compileError: 0,
    runtimeError: 0,
  };
  const key = {
    Killed: 'killed',
    Timeout: 'timeout',
    Survived: 'survived',
    NoCoverage: 'noCoverage',
    Ignored: 'ignored',
    CompileError: 'compileError',
    RuntimeError: 'runtimeError',
  };
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) counts[key[mutant.status]] += 1;
  }
  const detected = counts.killed + counts.timeout;
  const valid = detected + counts.survived + counts.noCoverage;
  const score = valid === 0 ? 100 : Math.floor((detected / valid) * 10000) / 100;
  return { score, ...counts };
}

/** Files under `root` matching a module's globs (`**`, `*`, and `!` to exclude). */
export function filesOf(root, globs) {
  const include = globs.filter((g) => !g.startsWith('!')).map(globRegExp);
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => globRegExp(g.slice(1)));
  const matches = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const rel = relative(root, path).split('\\').join('/');
        if (include.some((r) => r.test(rel)) && !exclude.some((r) => r.test(rel))) {
          matches.push(rel);
        }
      }
    }
  };
  walk(join(root, 'packages'));
  return matches.sort();
}

function globRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*' && glob[i + 2] === '/') {
      source += '(?:.*/)?';
      i += 2;
    } else if (ch === '*') source += '[^/]*';
    else source += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** A fingerprint of a module's source and test files (paths and contents). */
export function fingerprint(root, module) {
  const hash = createHash('sha256');
  for (const file of [...filesOf(root, module.mutate), ...filesOf(root, module.tests)]) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(root, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
