/**
 * `carebill runway --data DIR --as-of D [...]`: care fund runway forecasts (SPEC §5, §7).
 *
 */
import { createDatasetLoader } from '@carebill/core';
import { defineCommand } from 'citty';
import { waitLockArg } from './output-args.js';
import { runRunway, runwayOptionsFromArgs } from './runway-run.js';

export const runwayCommand = defineCommand({
  meta: {
    name: 'runway',
    description:
      'Forecast how long each resident’s care funds last, when they fall below the capital limits and by when to tell the council. Writes runway.json, runway.xlsx and runway.pdf.',
  },
  args: {
    data: { type: 'string', required: true, description: 'Dataset folder' },
    'as-of': { type: 'string', required: true, description: 'As-of date T, YYYY-MM-DD' },
    months: { type: 'string', description: 'Horizon: months after T’s month (default 36)' },
    region: {
      type: 'string',
      description: 'england (default), scotland, wales or northern-ireland: the capital limits',
    },
    upper: { type: 'string', description: 'Upper capital limit in pence (with --lower)' },
    lower: { type: 'string', description: 'Lower capital limit in pence (with --upper)' },
    uplift: { type: 'string', description: 'Yearly fee uplift in percent, e.g. 3.5' },
    'uplift-date': { type: 'string', description: 'Uplift day each year, MM-DD (default 04-01)' },
    'lead-months': {
      type: 'string',
      description: 'Months before the upper-limit date to tell the council (default 3)',
    },
    out: { type: 'string', description: 'Output folder (default out)' },
    ...waitLockArg,
  },
  run: ({ args }) => {
    runwayOptionsFromArgs(args); // usage errors first, before anything is read
    return runRunway(args, createDatasetLoader);
  },
});
