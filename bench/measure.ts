/**
 * Timing helpers for the benchmark: median of runs after warm-up, in-process and as child processes
 * (wall time measured here, peak RSS from /usr/bin/time when present, else from the child itself).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number;
  /** The first (cold) run, before warm-up, when it was recorded separately. */
  first?: number;
  /** Peak RSS in MB (process measures only): median over the runs. */
  rssMb?: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function stat(times: number[], first?: number, rss?: number[]): Stat {
  return {
    median: median(times),
    min: Math.min(...times),
    max: Math.max(...times),
    runs: times.length,
    ...(first !== undefined ? { first } : {}),
    ...(rss && rss.length ? { rssMb: median(rss) } : {}),
  };
}

/** In-process: `warmup` untimed calls (the first one recorded as `first`), then `runs` timed ones (ms). */
export function timeFn(fn: () => unknown, runs: number, warmup = 1): Stat {
  let first: number | undefined;
  for (let i = 0; i < warmup; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    if (i === 0) first = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return stat(times, first);
}

const TIME_BIN = '/usr/bin/time';
const HAS_GNU_TIME = (() => {
  try {
    fs.accessSync(TIME_BIN, fs.constants.X_OK);
    return spawnSync(TIME_BIN, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
  } catch {
    return false;
  }
})();
export const RSS_METHOD = HAS_GNU_TIME
  ? '/usr/bin/time -f %M (maximum resident set size of the child)'
  : "a --require hook printing process.resourceUsage().maxRSS at the child's exit";

const RSS_HOOK = path.join(os.tmpdir(), 'sqsguard-bench-rss-hook.js');

export interface ProcOptions {
  runs: number;
  warmup?: number;
  okCodes?: number[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Write the warm-up run's stdout to this file (to check the output), else /dev/null. */
  warmupStdout?: string;
}

/** One child process run: wall ms (measured here), peak RSS MB. stdout goes to /dev/null. */
function runOnce(cmd: string, args: string[], o: ProcOptions, stdoutFile = '/dev/null'): { ms: number; rssMb: number } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-bench-'));
  const rssFile = path.join(tmp, 'rss');
  let file = cmd;
  let argv = args;
  let env = o.env ?? process.env;
  if (HAS_GNU_TIME) {
    file = TIME_BIN;
    argv = ['-f', '%M', '-o', rssFile, cmd, ...args];
  } else if (path.basename(cmd) === 'node' || cmd === process.execPath) {
    fs.writeFileSync(
      RSS_HOOK,
      "process.on('exit', () => require('fs').writeFileSync(process.env.SQSGUARD_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
    );
    argv = ['--require', RSS_HOOK, ...args];
    env = { ...env, SQSGUARD_BENCH_RSS_FILE: rssFile };
  }
  const devnull = fs.openSync(stdoutFile, 'w');
  try {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(file, argv, { cwd: o.cwd, env, stdio: ['ignore', devnull, 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const ok = o.okCodes ?? [0];
    if (r.status === null || !ok.includes(r.status)) {
      throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(-1500)}`);
    }
    let rssMb = NaN;
    try {
      rssMb = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
    } catch {
      // no RSS for non-node commands without /usr/bin/time
    }
    return { ms, rssMb };
  } finally {
    fs.closeSync(devnull);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function timeProcess(cmd: string, args: string[], o: ProcOptions): Stat {
  let first: number | undefined;
  for (let i = 0; i < (o.warmup ?? 1); i++) {
    const r = runOnce(cmd, args, o, i === 0 && o.warmupStdout ? o.warmupStdout : '/dev/null');
    if (i === 0) first = r.ms;
  }
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    const r = runOnce(cmd, args, o);
    times.push(r.ms);
    if (!Number.isNaN(r.rssMb)) rss.push(r.rssMb);
  }
  return stat(times, first, rss);
}

/** Repeats `fn` (which returns its own wall ms) `runs` times after `warmup`. */
export function timeRepeated(fn: () => number, runs: number, warmup = 1): Stat {
  let first: number | undefined;
  for (let i = 0; i < warmup; i++) {
    const ms = fn();
    if (i === 0) first = ms;
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(fn());
  return stat(times, first);
}
