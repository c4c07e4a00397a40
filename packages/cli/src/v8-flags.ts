/**
 * The V8 flags of the `carebill` command's own process (not its PDF children, which have
 * theirs in `PDF_PROCESS_EXEC_ARGV` of `@carebill/reports/pdf`), set by bin.ts and by
 * `pnpm bench`, so the bench times the stages as the command runs them.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

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

/**
 * Collects this process's garbage now and compacts its heap, so the pages of what it has
 * let go (at group size the loaded dataset and the charges' garbage, ~200 MB of heap
 * around ~75 MB still live) go back to the system at once. `carebill preview` does this
 * before its PDF processes start: left alone, V8 kept those pages for ~40 s of the PDF
 * phase, beside two rendering processes (docs/performance.md). A compacting full GC of the
 * group's preview took ~0.1–0.3 s.
 *
 * `gc` is not exposed to the command's own context (`--expose-gc` is a start-up flag), so
 * it is taken from a new context created after setting it, as Jest's leak detector does.
 *
 * @example compactHeap(); // then fork the PDF processes
 */
export function compactHeap(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // A full GC moves objects off sparse pages only when V8 judges it worth it; this one must.
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}
