/**
 * Ctrl-C, `kill` and a closed terminal (SIGINT, SIGTERM, SIGHUP) while carebill writes.
 * Whoever has something to undo registers a synchronous cleanup ({@link onInterrupt}): an
 * output run removes its staging folder and its lock, the PDF pool kills its processes.
 * On a signal the cleanups run, newest first, and the process exits 128 + the signal's
 * number (130 for Ctrl-C). A commit defers signals ({@link deferInterrupts}) so it is
 * never cut short by one; the signal is acted on the moment it ends. SIGKILL cannot be
 * caught: what it leaves is recovered by the next run (see `output-commit.ts`).
 *
 * Nothing is installed until the CLI's entry point calls {@link installInterruptHandlers};
 * a library user (a queue worker) keeps its own signal handling and may call
 * {@link runInterruptCleanups} from it.
 */

type Cleanup = (signal: NodeJS.Signals) => void;

const cleanups: Cleanup[] = [];
let deferring = 0;
let pending: NodeJS.Signals | undefined;
let exiting = false;

const SIGNAL_NUMBERS: Readonly<Partial<Record<NodeJS.Signals, number>>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGTERM: 15,
};

/**
 * Registers a cleanup to run (synchronously) if the process is interrupted; the result
 * unregisters it.
 *
 * @example const off = onInterrupt(() => rmSync(staging, { recursive: true, force: true })); … off()
 */
export function onInterrupt(cleanup: Cleanup): () => void {
  cleanups.push(cleanup);
  return () => {
    const index = cleanups.lastIndexOf(cleanup);
    if (index >= 0) cleanups.splice(index, 1);
  };
}

/**
 * Runs `work` with signals held back: one that arrives meanwhile is acted on when `work`
 * has finished (or failed).
 *
 * @example await deferInterrupts(() => commitJournal(journal))
 */
export async function deferInterrupts<T>(work: () => Promise<T>): Promise<T> {
  deferring += 1;
  try {
    return await work();
  } finally {
    deferring -= 1;
    if (deferring === 0 && pending !== undefined) {
      const signal = pending;
      pending = undefined;
      interrupt(signal);
    }
  }
}

/**
 * Runs every registered cleanup, newest first, each at most once; errors are ignored
 * (the process is on its way out).
 *
 * @example process.on('SIGTERM', () => { runInterruptCleanups('SIGTERM'); process.exit(143) })
 */
export function runInterruptCleanups(signal: NodeJS.Signals): void {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop() as Cleanup;
    try {
      cleanup(signal);
    } catch {
      // best effort: the next run cleans up what is left
    }
  }
}

function interrupt(signal: NodeJS.Signals): void {
  if (deferring > 0) {
    pending ??= signal;
    return;
  }
  if (exiting) return;
  exiting = true;
  runInterruptCleanups(signal);
  process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 0));
}

/**
 * Makes SIGINT, SIGTERM and SIGHUP run the cleanups and exit (the CLI's entry point).
 *
 * @example installInterruptHandlers()
 */
export function installInterruptHandlers(): void {
  for (const signal of Object.keys(SIGNAL_NUMBERS) as NodeJS.Signals[]) {
    process.on(signal, () => interrupt(signal));
  }
}
