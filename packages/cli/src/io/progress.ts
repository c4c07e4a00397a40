/**
 * Progress on standard error: a bar on a terminal, nothing when stderr is not a TTY
 * (scripts and CI see only the closing summary).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Starts a stage of `total` steps. */
  start(label: string, total: number): void;
  /** Moves the current stage on by `steps` (default 1). */
  tick(steps?: number): void;
  /** Ends the current stage. */
  stop(): void;
}

/**
 * A progress reporter for the current terminal.
 *
 * @example const progress = createProgress(); progress.start('PDFs', 40); progress.tick(); progress.stop();
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { start() {}, tick() {}, stop() {} };
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(label, total) {
      bar?.stop();
      bar = new cliProgress.SingleBar(
        {
          format: `${label.padEnd(16)} {bar} {value}/{total} {eta_formatted}`,
          stream,
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    tick(steps = 1) {
      bar?.increment(steps);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/** Runs one step of a command as a stage of the progress display, and returns its result. */
export type Stage = <T>(label: string, run: () => T | Promise<T>) => Promise<T>;

/**
 * A {@link Stage} runner over a progress display: each stage is one step.
 *
 * @example const stage = stagesOf(createProgress()); const loaded = await stage('Load + check', () => load(dir));
 */
export function stagesOf(progress: Progress): Stage {
  return async (label, run) => {
    progress.start(label, 1);
    const result = await run();
    progress.tick();
    progress.stop();
    return result;
  };
}
