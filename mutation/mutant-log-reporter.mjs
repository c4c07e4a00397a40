// A Stryker reporter that writes each mutant's result as soon as it is known, one JSON
// line each, to reports/mutation/<module>[-focus]/mutants.jsonl. Stryker writes its own
// reports only when a run ends; on a busy machine a large module's run can outlast the
// session, and this keeps what was learned (`node scripts/mutation-progress.mjs <module>`).
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

class MutantLogReporter {
  constructor() {
    // biome-ignore lint/suspicious/noUndeclaredEnvVars: set by scripts/mutation.mjs; no turbo task reads it
    const name = process.env.CAREBILL_MUTATION_MODULE ?? 'unknown';
    // biome-ignore lint/suspicious/noUndeclaredEnvVars: set by scripts/mutation.mjs; no turbo task reads it
    const focus = process.env.CAREBILL_MUTATION_FOCUS === '1';
    this.file = `reports/mutation/${focus ? `${name}-focus` : name}/mutants.jsonl`;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, '');
  }

  onMutantTested(result) {
    const line = {
      id: result.id,
      status: result.status,
      file: result.fileName,
      line: result.location.start.line,
      mutator: result.mutatorName,
      replacement: result.replacement,
      reason: result.statusReason,
    };
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}

export const strykerPlugins = [
  { kind: 'Reporter', name: 'mutant-log', injectableClass: MutantLogReporter },
];
