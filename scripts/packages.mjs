// The publishable packages (every packages/* whose package.json is not "private") and
// packing them as `pnpm publish` would: pnpm applies `publishConfig` (the published exports
// map, without the workspace's `source` condition and test-only entry points) and turns
// `workspace:*` into real versions. Shared by check-packages.mjs and examples.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

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

/**
 * Builds the library packages (turbo, cached) once. A package's build script empties its
 * dist/ before tsc, but a turbo cache hit restores the cached files over what is there, so
 * a file whose source has since gone (another branch, a rename) can outlive it: such
 * files are removed here, each named, so nothing stale is packed.
 */
export function buildLibraries() {
  const packages = libraryPackages();
  const filters = packages.flatMap(({ pkg }) => ['--filter', pkg.name]);
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (const { dir } of packages) {
    for (const stale of staleOutputs(dir)) {
      rmSync(join(dir, stale));
      process.stderr.write(`removed ${relative(ROOT, join(dir, stale))}: its source is gone\n`);
    }
  }
}

/** Files in `dir`/dist (relative to `dir`) that no `src/**.ts` compiles to. */
function staleOutputs(dir) {
  if (!existsSync(join(dir, 'dist'))) return [];
  return readdirSync(join(dir, 'dist'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((file) => {
      const stem = file
        .slice('dist/'.length)
        .replace(/(\.d)?\.ts\.map$|\.js\.map$|\.d\.ts$|\.js$/, '');
      return !existsSync(join(dir, 'src', `${stem}.ts`));
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
