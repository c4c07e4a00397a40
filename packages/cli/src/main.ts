/**
 * The `carebill` command: parses the command line and runs one subcommand.
 * Each subcommand lives in `commands/<name>.ts` and returns its exit code.
 */
import { type ArgsDef, type CommandDef, defineCommand, renderUsage, runCommand } from 'citty';
import { formatEnvironmentFailure, isEnvironmentError } from './io/environment-error.js';
import { OutputRefusedError } from './io/output-refused.js';
import { stripAnsi, styledFor, terminalSafe } from './io/terminal.js';
import { checkArgs, closest } from './strict-args.js';
import { EXIT, isOptionError, RunFailure, UsageError } from './usage-error.js';

// biome-ignore lint/suspicious/noExplicitAny: each subcommand has its own argument types
const subCommands: Record<string, () => Promise<CommandDef<any>>> = {
  generate: () => import('./commands/generate.js').then((m) => m.generateCommand),
  validate: () => import('./commands/validate.js').then((m) => m.validateCommand),
  preview: () => import('./commands/preview.js').then((m) => m.previewCommand),
  export: () => import('./commands/export.js').then((m) => m.exportCommand),
  pull: () => import('./commands/pull.js').then((m) => m.pullCommand),
  runway: () => import('./commands/runway.js').then((m) => m.runwayCommand),
  report: () => import('./commands/report.js').then((m) => m.reportCommand),
  verify: () => import('./commands/verify.js').then((m) => m.verifyCommand),
  worker: () => import('./commands/worker.js').then((m) => m.workerCommand),
  refer: () =>
    Promise.all([import('./commands/refer.js'), import('@carebill/core')]).then(([m, core]) =>
      m.createReferCommand(
        (loaded, asOf, { region }) => core.referralCandidatesFromRunway(loaded, { asOf, region }),
        core.createDatasetLoader,
      ),
    ),
};

export const main = defineCommand({
  meta: {
    name: 'carebill',
    description: 'Billing and finance reporting for UK care homes, from CareHQ data.',
  },
  subCommands,
});

/**
 * Runs the CLI with the given arguments and resolves to the exit code.
 *
 * @example await runCli(['validate', '--data', 'fixtures/demo']) // 0
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (name === undefined || (name.startsWith('-') && wantsHelp)) {
    process.stdout.write(`${styledFor(process.stdout, await renderUsage(main))}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = Object.hasOwn(subCommands, name) ? subCommands[name] : undefined;
  if (!load) {
    const suggestion = closest(name, Object.keys(subCommands));
    process.stderr.write(
      `${terminalSafe(`carebill: unknown command "${name}"${suggestion === undefined ? '' : `; did you mean ${suggestion}?`}`)}\n\n` +
        `${styledFor(process.stderr, await renderUsage(main))}\n`,
    );
    return EXIT.usage;
  }
  const command = await load();
  if (wantsHelp) {
    process.stdout.write(`${styledFor(process.stdout, await renderUsage(command, main))}\n`);
    return EXIT.ok;
  }
  try {
    checkArgs((command.args ?? {}) as ArgsDef, rest);
    const { result } = await runCommand(command, { rawArgs: rest });
    return typeof result === 'number' ? result : EXIT.ok;
  } catch (error) {
    // isOptionError: core refusing an option that no flag check caught first is usage too.
    if (
      error instanceof UsageError ||
      isOptionError(error) ||
      (error instanceof Error && error.name === 'CLIError')
    ) {
      process.stderr.write(
        `${terminalSafe(`carebill ${name}: ${stripAnsi(error.message)}`)}\n\n` +
          `${styledFor(process.stderr, await renderUsage(command, main))}\n`,
      );
      return EXIT.usage;
    }
    if (error instanceof OutputRefusedError) {
      process.stderr.write(`${terminalSafe(`carebill ${name}: ${error.message}`)}\n`);
      return EXIT.usage;
    }
    if (error instanceof RunFailure) {
      process.stderr.write(`${terminalSafe(`carebill ${name}: ${error.message}`)}\n`);
      return EXIT.environment;
    }
    if (isEnvironmentError(error)) {
      process.stderr.write(
        `${terminalSafe(`carebill ${name}: ${formatEnvironmentFailure(error)}`)}\n`,
      );
      return EXIT.environment;
    }
    throw error;
  }
}
