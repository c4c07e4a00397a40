/**
 * `carebill verify DIR`: checks an output folder against the manifests carebill wrote
 * there (docs/outputs.md). Exit 0 when every file is as written, 1 naming every file that
 * changed, went missing or was added, 2 when DIR is not a carebill output folder or a run
 * is writing it. An interrupted commit found there is finished first.
 */
import { defineCommand } from 'citty';
import { type FolderCheck, verifyOutputFolders } from '../io/output-verify.js';
import { complain, say } from '../io/terminal.js';
import { EXIT } from '../usage-error.js';
import { waitLockArg } from './output-args.js';

/**
 * The report of a check, one block per folder.
 *
 * @example formatChecks(await verifyOutputFolders('out'))
 */
export function formatChecks(checks: readonly FolderCheck[]): string {
  let text = '';
  for (const check of checks) {
    const runs =
      [...check.manifests]
        .sort((a, b) => (a.command < b.command ? -1 : 1))
        .map(
          (m) =>
            `${m.command} (${m.files.length} file${m.files.length === 1 ? '' : 's'}, ${m.written_at})`,
        )
        .join(', ') || 'no completed run yet';
    if (check.problems.length === 0) {
      text += `${check.folder}: as written — ${runs}\n`;
      continue;
    }
    const n = check.problems.length;
    text += `${check.folder}: ${n} difference${n === 1 ? '' : 's'} from the manifests — ${runs}\n`;
    for (const p of check.problems) {
      const owner = p.command === undefined ? '' : ` (${p.command})`;
      text += `  ${p.kind.padEnd(7)} ${p.path}${owner}${p.detail === undefined ? '' : `: ${p.detail}`}\n`;
    }
  }
  return text;
}

export const verifyCommand = defineCommand({
  meta: {
    name: 'verify',
    description:
      'Check an output folder against its carebill manifests: every file as written, nothing missing or added.',
  },
  args: {
    dir: { type: 'positional', required: true, description: 'The output folder to check' },
    ...waitLockArg,
  },
  async run({ args }) {
    const checks = await verifyOutputFolders(args.dir, {
      wait: args['wait-lock'] === true,
      notice: (text) => complain(`carebill verify: ${text}`),
    });
    for (const check of checks) {
      for (const command of check.recovered.finished)
        complain(
          `carebill verify: finished the commit of an interrupted ${command} run in ${check.folder}\n`,
        );
      if (check.recovered.discarded > 0)
        complain(
          `carebill verify: removed what ${check.recovered.discarded} interrupted run(s) left in ${check.folder}/.carebill\n`,
        );
    }
    say(formatChecks(checks));
    return checks.every((c) => c.problems.length === 0) ? EXIT.ok : EXIT.datasetErrors;
  },
});
