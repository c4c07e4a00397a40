import { loadavg } from 'node:os';
import { buildPreview, type LoadedDataset, parseDay, projectRunway } from '@carebill/core';
import { loadFolder } from '../src/io/load.js';

const MONTH = { from: parseDay('2024-11-01')!, to: parseDay('2024-11-30')! };
const AS_OF = parseDay('2024-11-22')!;
const dir = '/work/wt/perf-stages/bench/data/group';
const runs = Number(process.env.RUNS ?? 3);
const only = process.env.ONLY ?? 'load,charges,runway';
function t<T>(f: () => T) {
  const c = process.cpuUsage();
  const w = performance.now();
  const v = f();
  return {
    v,
    w: performance.now() - w,
    c: (process.cpuUsage(c).user + process.cpuUsage(c).system) / 1000,
  };
}
async function ta<T>(f: () => Promise<T>) {
  const c = process.cpuUsage();
  const w = performance.now();
  const v = await f();
  const u = process.cpuUsage(c);
  return { v, w: performance.now() - w, c: (u.user + u.system) / 1000 };
}

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const session = new Session();
session.connect();
async function profStart() {
  if (process.env.PROF) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
  }
}
async function profStop(name: string) {
  if (process.env.PROF) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(`${process.env.PROF}-${name}.cpuprofile`, JSON.stringify(profile));
  }
}
let data: LoadedDataset | undefined;
await profStart();
for (let i = 0; i < runs; i++) {
  data = undefined;
  const r = await ta(() => loadFolder(dir));
  data = r.v;
  if (only.includes('load'))
    console.log(`load ${r.w.toFixed(0)} cpu ${r.c.toFixed(0)} load ${loadavg()[0]!.toFixed(2)}`);
}
await profStop('load');
await profStart();
if (only.includes('charges'))
  for (let i = 0; i < runs; i++) {
    const r = t(() => buildPreview(data!, { period: MONTH }));
    console.log(
      `charges ${r.w.toFixed(0)} cpu ${r.c.toFixed(0)} load ${loadavg()[0]!.toFixed(2)} inv ${r.v.invoices.length}`,
    );
  }
await profStop('charges');
await profStart();
if (only.includes('runway'))
  for (let i = 0; i < runs; i++) {
    const r = t(() => projectRunway(data!, { asOf: AS_OF, months: 36 }));
    console.log(`runway ${r.w.toFixed(0)} cpu ${r.c.toFixed(0)} load ${loadavg()[0]!.toFixed(2)}`);
  }
await profStop('runway');
console.log(`maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
