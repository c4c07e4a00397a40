import { defineCommand } from 'citty';

/** `carebill validate --data DIR [--json]` (the loader lands with the dataset issue). */
export const validateCommand = defineCommand({
  meta: { name: 'validate', description: 'Check a dataset folder and report every problem.' },
  args: {
    data: { type: 'string', required: true, description: 'Dataset folder' },
    json: { type: 'boolean', description: 'Print the report as JSON' },
  },
  run: () => 0,
});
