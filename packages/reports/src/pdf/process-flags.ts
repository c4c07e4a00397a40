/**
 * The Node flags of a process that does nothing but render invoice PDFs and merge print
 * packs: what `carebill preview`'s PDF processes and a queue worker's rendering processes
 * both start with.
 */

/**
 * V8 flags for a process rendering invoice PDFs and print packs in bulk: one GC thread (no
 * helper threads fighting a second renderer for the other core), a young generation big
 * enough that a page's short-lived objects die young (8 MB semi-spaces kept a process
 * ~15 MB smaller than 16 MB, and 16 ~50 MB smaller than 32, for no measurable CPU at a
 * 500-home group's size), and an old generation collected before it
 * grows past what merging a 250-invoice print pack needs (left alone V8 let a renderer
 * grow past 350 MB at a 500-home group's size, lazily). Measured in docs/performance.md.
 * Pass them when starting the process (V8 reads them only at start-up).
 *
 * @example
 * import { fork } from 'node:child_process';
 * import { PDF_PROCESS_EXEC_ARGV } from '@carebill/reports/pdf';
 * const child = fork('render-invoices.js', [], { execArgv: [...PDF_PROCESS_EXEC_ARGV] });
 */
export const PDF_PROCESS_EXEC_ARGV: readonly string[] = [
  '--single-threaded-gc',
  '--max-semi-space-size=8',
  '--max-old-space-size=384',
];
