/**
 * The V8 flags of the `carebill` command's own process (not its PDF children, which have
 * theirs in io/pdf-pool.ts), set by bin.ts and by `pnpm bench`, so the bench times the
 * stages as the command runs them.
 */
import { setFlagsFromString } from 'node:v8';

/**
 * The command holds little (~130 MB live for a 500-home group's dataset, ~50 MB for its
 * preview) but makes much garbage; left alone V8 let its heap grow up to 4× what a full
 * GC left live before collecting again, ~840 MB at group size. Growing by at most 50%
 * kept it at ~480–550 MB for ~4 s more GC CPU over a ~700 s run (docs/performance.md).
 */
export const COMMAND_V8_FLAGS: readonly string[] = ['--heap-growing-percent=50'];

/**
 * Sets {@link COMMAND_V8_FLAGS} in this process.
 *
 * @example applyCommandV8Flags(); // first thing in bin.ts
 */
export function applyCommandV8Flags(): void {
  for (const flag of COMMAND_V8_FLAGS) setFlagsFromString(flag);
}
