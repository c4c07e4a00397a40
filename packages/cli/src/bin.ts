#!/usr/bin/env node
import { installInterruptHandlers } from './io/interrupt.js';
import { terminalSafe } from './io/terminal.js';
import { runCli } from './main.js';
import { applyCommandV8Flags } from './v8-flags.js';

if (process.argv[2] !== 'worker') {
  // A worker stops on a signal its own way (the jobs being rendered finish first).
  installInterruptHandlers();
  // The command's heap grows by at most 50% past what a full GC left live (v8-flags.ts).
  applyCommandV8Flags();
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
