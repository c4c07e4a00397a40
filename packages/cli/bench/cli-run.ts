/**
 * The real `carebill` (the built CLI) run as a user runs it, timed, with the resident
 * memory of its whole process tree — the command and every PDF child — read from /proc
 * every 100 ms and summed. Linux only (elsewhere the memory figures are left out).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../dist/bin.js');
const PAGE_KB = 4; // /proc/<pid>/statm counts pages; 4 KiB on x86-64 and arm64 Linux
const CLOCK_TICKS = 100; // USER_HZ, the unit of /proc/<pid>/stat's CPU times

/** What one run cost. */
export interface CliRun {
  readonly wallMs: number;
  /** CPU of the command and its children (user + system), as far as /proc saw it. */
  readonly cpuMs?: number;
  /** The largest sum of resident memory over the whole tree at one sample. */
  readonly peakTreeMb?: number;
  /** The command's own largest resident memory (VmHWM, the kernel's count, not sampled). */
  readonly peakParentMb?: number;
  /** The largest of the PDF children's own peaks (VmHWM). */
  readonly peakChildMb?: number;
  /** Most processes alive at one sample (the command and its PDF children). */
  readonly processes?: number;
  readonly exitCode: number | null;
  readonly stderr: string;
}

interface ProcStat {
  readonly ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  readonly cpuTicks: number;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) is in parentheses and may hold spaces: split after it.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i - 3]);
    return { ppid: n(4), cpuTicks: n(14) + n(15) + n(16) + n(17) };
  } catch {
    return undefined; // gone, or not Linux
  }
}

function rssKb(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]) * PAGE_KB;
  } catch {
    return 0;
  }
}

/** The process and its descendants alive now. */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const name of pids) {
    const stat = procStat(Number(name));
    if (stat === undefined) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(Number(name));
    children.set(stat.ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** What a sample saw, for {@link runCli}'s `stopWhen`. */
export interface CliSample {
  readonly elapsedMs: number;
  /** The command and its PDF children alive at this sample. */
  readonly processes: number;
  /** Their resident memory summed, and the command's own, at this sample. */
  readonly treeMb: number;
  readonly commandMb: number;
  /**
   * Each process's resident memory at this sample, the command first: anonymous (its heap
   * and buffers) and file-backed (the node binary and libraries, shared between them
   * but counted in each one's RSS).
   */
  readonly each: readonly {
    readonly pid: number;
    readonly anonMb: number;
    readonly fileMb: number;
  }[];
}

/**
 * Runs `carebill <args>` from the repository root and measures it. With `stopWhen`, the
 * command is interrupted (SIGINT, as Ctrl-C) at the first sample for which it is true:
 * the memory of a preview's load and workbook without waiting for every PDF.
 *
 * @example const run = await runCli(['preview', '--data', 'bench/data/group', '--month', '2024-11', '--out', 'bench/out/cli']);
 */
export function runCli(
  args: readonly string[],
  cwd: string,
  stopWhen?: (sample: CliSample) => boolean,
): Promise<CliRun> {
  const linux = process.platform === 'linux';
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  const pid = child.pid as number;
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let peakTreeKb = 0;
  let parentHwmKb = 0;
  let childHwmKb = 0;
  let processes = 0;
  let cpuTicks = 0;
  const sample = () => {
    const pids = tree(pid);
    let sum = 0;
    for (const p of pids) sum += rssKb(p);
    peakTreeKb = Math.max(peakTreeKb, sum);
    parentHwmKb = Math.max(parentHwmKb, hwmKb(pid));
    for (const p of pids.slice(1)) childHwmKb = Math.max(childHwmKb, hwmKb(p));
    processes = Math.max(processes, pids.length);
    // The command's cutime/cstime count children it has reaped; add the ones still alive.
    let ticks = procStat(pid)?.cpuTicks ?? 0;
    for (const p of pids.slice(1)) ticks += procStat(p)?.cpuTicks ?? 0;
    cpuTicks = Math.max(cpuTicks, ticks);
    const now: CliSample = {
      elapsedMs: performance.now() - started,
      processes: pids.length,
      treeMb: sum / 1024,
      commandMb: rssKb(pid) / 1024,
      each: pids.map((p) => ({ pid: p, ...rssParts(p) })),
    };
    if (stopWhen?.(now)) child.kill('SIGINT');
  };
  const timer = linux ? setInterval(sample, 100) : undefined;
  if (linux) sample();
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('exit', (exitCode) => {
      const wallMs = performance.now() - started;
      if (timer !== undefined) clearInterval(timer);
      done({
        wallMs,
        exitCode,
        stderr,
        ...(linux && {
          cpuMs: (cpuTicks / CLOCK_TICKS) * 1000,
          peakTreeMb: peakTreeKb / 1024,
          peakParentMb: parentHwmKb / 1024,
          peakChildMb: childHwmKb / 1024,
          processes,
        }),
      });
    });
  });
}

/** A live process's resident memory split as /proc/<pid>/status counts it, in MB. */
function rssParts(pid: number): { anonMb: number; fileMb: number } {
  try {
    const status = readFileSync(join('/proc', String(pid), 'status'), 'latin1');
    const kb = (field: string) =>
      Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    return { anonMb: kb('RssAnon') / 1024, fileMb: (kb('RssFile') + kb('RssShmem')) / 1024 };
  } catch {
    return { anonMb: 0, fileMb: 0 };
  }
}

/** A live process's peak resident memory so far (VmHWM), 0 once it is gone. */
function hwmKb(pid: number): number {
  try {
    const status = readFileSync(join('/proc', String(pid), 'status'), 'latin1');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}
