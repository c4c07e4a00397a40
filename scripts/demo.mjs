#!/usr/bin/env node
// The main job on the demo home: validate the dataset (preview and runway join as they land).
import { spawnSync } from 'node:child_process';

const steps = [['validate', '--data', 'fixtures/demo']];
for (const args of steps) {
  const result = spawnSync('pnpm', ['-s', 'carebill', ...args], { stdio: 'inherit' });
  if (result.status !== 0 && result.status !== 3) process.exit(result.status ?? 1);
}
