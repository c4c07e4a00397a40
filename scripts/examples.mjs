#!/usr/bin/env node
// Part of `pnpm test`: examples/*.ts, type-checked and run the way a user runs them — the
// library packages packed (`pnpm pack`, as published), installed with npm into a scratch
// project outside the workspace (no workspace links), compiled with tsc under strict
// settings and run with plain node against the demo dataset. A CommonJS `require()` of
// each package is tried too (Node >= 20.19, docs/library.md "ESM-only").
// Needs the npm registry (or a warm npm cache) for the packages' own dependencies.
import { execFile, execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { buildLibraries, libraryPackages, pack, ROOT } from './packages.mjs';

const run = promisify(execFile);
const DATASET = join(ROOT, 'fixtures', 'demo');
const rootPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const keep = process.argv.includes('--keep');
const started = Date.now();

const scratch = mkdtempSync(join(tmpdir(), 'carebill-examples-'));
const say = (text) => process.stdout.write(`examples: ${text}\n`);
const sh = (command, args, options = {}) =>
  execFileSync(command, args, {
    cwd: scratch,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });

try {
  buildLibraries();
  say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs);
  const dependencies = {};
  for (const { dir, pkg } of libraryPackages()) {
    dependencies[pkg.name] = `file:./tarballs/${basename(pack(dir, tarballs))}`;
  }
  writeFileSync(
    join(scratch, 'package.json'),
    `${JSON.stringify(
      {
        name: 'carebill-examples-scratch',
        private: true,
        type: 'module',
        dependencies,
        // The packages depend on each other by version; the tarballs answer for them.
        overrides: dependencies,
        devDependencies: {
          '@types/node': rootPkg.devDependencies['@types/node'],
          typescript: rootPkg.devDependencies.typescript,
        },
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: true,
        types: ['node'],
        outDir: 'build',
        rootDir: 'examples',
      },
      include: ['examples'],
    }),
  );
  cpSync(join(ROOT, 'examples'), join(scratch, 'examples'), { recursive: true });

  say(`npm install in ${scratch}`);
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']);
  say(
    `installed at ${((Date.now() - started) / 1000).toFixed(1)} s; tsc (strict, as a careful user sets it)`,
  );
  sh(join(scratch, 'node_modules', '.bin', 'tsc'), ['-p', '.']);

  const examples = readdirSync(join(scratch, 'build'))
    .filter((f) => f.endsWith('.js') && f !== 'read-folder.js') // a helper the others import
    .sort();
  const outputs = await Promise.all(
    examples.map((name) => run('node', [join('build', name), DATASET], { cwd: scratch })),
  );
  examples.forEach((name, i) => {
    const out = outputs[i].stdout;
    say(`${name.replace(/\.js$/, '.ts')} ran; it said:\n${out.replace(/^/gm, '    ').trimEnd()}`);
  });

  for (const { pkg } of libraryPackages()) {
    sh('node', ['--no-warnings', '-e', `require(${JSON.stringify(pkg.name)})`]);
  }
  say(`require() of each package works; done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  process.stderr.write(
    `examples failed: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}\n`,
  );
  process.exitCode = 1;
} finally {
  if (keep) say(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
