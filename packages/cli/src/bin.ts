#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { installInterruptHandlers } from './io/interrupt.js';
import { terminalSafe } from './io/terminal.js';
import { runCli } from './main.js';

if (process.argv[2] !== 'worker') {
  // A worker stops on a signal its own way (the jobs being rendered finish first).
  installInterruptHandlers();
  // The command holds little (~130 MB live for a 500-home group's dataset, ~50 MB for its
  // preview) but makes much garbage; left alone V8 let its heap grow up to 4× what a full
  // GC left live before collecting again, ~840 MB at group size. Growing by at most 50%
  // kept it at ~480–550 MB for ~4 s more GC CPU over a ~700 s run (docs/performance.md).
  // The PDF children have their own flags (io/pdf-pool.ts).
  setFlagsFromString('--heap-growing-percent=50');
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug in carebill, not in the user's data: say so plainly, without a stack trace
    // unless asked for one.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`carebill: unexpected failure: ${terminalSafe(message)}\n`);
    if (process.env['CAREBILL_DEBUG']) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    process.stderr.write(
      'This is a fault in carebill; please report it with the command you ran.\n',
    );
    process.exitCode = 1;
  },
);
