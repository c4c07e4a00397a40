import { defineConfig } from 'vitest/config';

// Runs the benchmark scripts (printed numbers, no assertions on time): `pnpm bench:runway`.
export default defineConfig({
  test: { include: ['packages/core/bench/**/*.bench.ts'], testTimeout: 600_000 },
});
