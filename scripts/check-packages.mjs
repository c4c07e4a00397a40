#!/usr/bin/env node
// Part of `pnpm check`: every publishable package, packed as `pnpm publish` would pack it,
// passes publint (strict) and arethetypeswrong (esm-only profile), and keeps the house
// rules of docs/library.md "Versions": MIT LICENSE, README and CHANGELOG shipped,
// repository, engines and sideEffects stated, source maps carrying their sources, no test
// files, and a published exports map that is the workspace's minus `source` and test-only
// entries.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { buildLibraries, libraryPackages, pack, ROOT } from './packages.mjs';

const run = promisify(execFile);
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const rootPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const rootLicense = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
const problems = [];

/** The exports map a package publishes: the workspace map without the `source` condition. */
function publishedExports(exports) {
  const out = {};
  for (const [key, conditions] of Object.entries(exports)) {
    const { source: _source, ...rest } = conditions;
    if (Object.keys(rest).length > 0) out[key] = rest;
  }
  return out;
}

function checkManifest({ dir, pkg }) {
  const name = pkg.name;
  const say = (message) => problems.push(`${name}: ${message}`);
  const where = relative(ROOT, dir);
  if (pkg.license !== rootPkg.license) say(`license must be "${rootPkg.license}" like the root`);
  if (!pkg.files?.includes('LICENSE')) say('files must include LICENSE');
  let license = '';
  try {
    license = readFileSync(join(dir, 'LICENSE'), 'utf8');
  } catch {}
  if (license !== rootLicense) say(`${where}/LICENSE must be a copy of the root LICENSE`);
  if (pkg.repository?.directory !== where) say(`repository.directory must be "${where}"`);
  if (pkg.engines?.node !== rootPkg.engines.node) {
    say(`engines.node must be "${rootPkg.engines.node}" like the root (docs/library.md)`);
  }
  if (pkg.type !== 'module') say('type must be "module" (the packages are ESM-only)');
  if (typeof pkg.sideEffects !== 'boolean') say('sideEffects must be stated (true or false)');
  try {
    readFileSync(join(dir, 'README.md'), 'utf8');
  } catch {
    say(`${where}/README.md is missing`);
  }
  const expected = JSON.stringify(publishedExports(pkg.exports));
  if (JSON.stringify(pkg.publishConfig?.exports) !== expected) {
    say(`publishConfig.exports must be exports without "source" entries: ${expected}`);
  }
}

/** Source maps must carry their sources (src/ is not shipped); no test code is shipped. */
function checkTarballFiles(name, tarball, scratch) {
  const unpacked = mkdtempSync(join(scratch, 'unpacked-'));
  return run('tar', ['xzf', tarball, '-C', unpacked]).then(() => {
    const walk = (d) =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
      );
    const shipped = walk(join(unpacked, 'package'));
    for (const needed of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
      if (!shipped.includes(join(unpacked, 'package', needed))) {
        problems.push(`${name}: does not ship ${needed}`);
      }
    }
    for (const file of shipped) {
      const path = relative(join(unpacked, 'package'), file);
      if (/(^|\/)(test|src)\/|\.test\./.test(path)) problems.push(`${name}: ships ${path}`);
      if (path.endsWith('.map')) {
        const map = JSON.parse(readFileSync(file, 'utf8'));
        if (map.sourcesContent?.length !== map.sources?.length) {
          problems.push(`${name}: ${path} points at sources it does not carry`);
        }
      }
    }
  });
}

async function lint(tarball, name) {
  const bytes = readFileSync(tarball);
  const tarballData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const attw = run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], {
    cwd: ROOT,
    maxBuffer: 1 << 24,
  }).catch((error) => {
    problems.push(`${name}: arethetypeswrong failed\n${error.stdout}${error.stderr}`);
  });
  const { messages, pkg } = await publint({ pack: { tarball: tarballData }, strict: true });
  for (const message of messages) {
    problems.push(`${name}: publint ${message.type}: ${formatMessage(message, pkg)}`);
  }
  await attw;
}

const packages = libraryPackages();
for (const p of packages) checkManifest(p);
buildLibraries();
const scratch = mkdtempSync(join(tmpdir(), 'carebill-check-packages-'));
try {
  await Promise.all(
    packages.map(async ({ dir, pkg }) => {
      const tarball = pack(dir, scratch);
      await checkTarballFiles(pkg.name, tarball, scratch);
      await lint(tarball, pkg.name);
    }),
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `packages: ${packages.map((p) => p.pkg.name).join(', ')} pass publint and arethetypeswrong\n`,
);
