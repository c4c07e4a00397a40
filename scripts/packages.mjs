// The publishable packages (every packages/* whose package.json is not "private") and
// packing them as `pnpm publish` would: pnpm applies `publishConfig` (the published exports
// map, without the workspace's `source` condition and test-only entry points) and turns
// `workspace:*` into real versions. Shared by check-packages.mjs and examples.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;

/** `{ dir, pkg }` for each package under packages/ that is published, in name order. */
export function libraryPackages() {
  const base = join(ROOT, 'packages');
  return readdirSync(base)
    .filter((name) => existsSync(join(base, name, 'package.json')))
    .map((name) => {
      const dir = join(base, name);
      return { dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
    })
    .filter(({ pkg }) => pkg.private !== true)
    .sort((a, b) => a.pkg.name.localeCompare(b.pkg.name));
}

/** Builds the library packages (turbo, cached) once. */
export function buildLibraries() {
  const filters = libraryPackages().flatMap(({ pkg }) => ['--filter', pkg.name]);
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Packs one package into `dest`; returns the tarball's path. Build first. */
export function pack(dir, dest) {
  const out = execFileSync('pnpm', ['pack', '--json', '--pack-destination', dest], {
    cwd: dir,
    encoding: 'utf8',
  });
  return JSON.parse(out).filename;
}
