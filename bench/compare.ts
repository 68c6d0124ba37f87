/**
 * Interleaved process comparison on one input: each round runs every command once, in turn, so a
 * load spike on the (shared) machine hits all of them alike; medians, min and max of wall time and
 * peak RSS, and each one's ratio to the bare `node` read + `JSON.parse` process.
 *
 *   node dist-dev/bench/compare.js <plan.json> [--rounds=7] [--peers]
 *
 * --peers adds `opa eval` (the same policy, the reference interpreter) and checkov (when installed),
 * on the same file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RSS_METHOD, median, timeProcess } from './measure';

const ROOT = path.resolve(__dirname, '..', '..');

export interface Contender {
  name: string;
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  okCodes?: number[];
}

export interface Row {
  name: string;
  ms: number[];
  rssMb: number[];
}

export interface Comparison {
  file: string;
  rounds: number;
  rows: Row[];
  /** Contenders left out, and why (e.g. "checkov: not installed"). */
  absent: string[];
  rssMethod: string;
}

/** On PATH (or the project's .tools/bin), else undefined. */
export function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), path.join(ROOT, '.tools', 'bin')];
  for (const d of dirs) {
    const f = path.join(d, name);
    try {
      fs.accessSync(f, fs.constants.X_OK);
      return f;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function contenders(file: string, peers: boolean, absent: string[]): Contender[] {
  const cli = path.join(ROOT, 'dist', 'bin', 'sqsguard.js');
  const out: Contender[] = [
    { name: 'node read + JSON.parse', cmd: process.execPath, args: ['-e', 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))', file] },
    { name: 'sqsguard check', cmd: process.execPath, args: [cli, 'check', file, '--format', 'json'], okCodes: [0, 1] },
    {
      name: 'sqsguard check, whole plan (SQSGUARD_SHARDING=0)',
      cmd: process.execPath,
      args: [cli, 'check', file, '--format', 'json'],
      env: { ...process.env, SQSGUARD_SHARDING: '0' },
      okCodes: [0, 1],
    },
  ];
  if (!peers) return out;
  const opa = which('opa');
  if (opa) {
    out.push({
      name: 'opa eval',
      cmd: opa,
      args: ['eval', '--format', 'json', '--input', file, '--data', path.join(ROOT, 'policies', 'sqsguard'), '--ignore', '*_test.rego', 'data.sqsguard.main'],
    });
  } else {
    absent.push('opa: not installed (not on PATH nor in .tools/bin)');
  }
  const checkov = which('checkov');
  if (checkov) {
    out.push({ name: 'checkov', cmd: checkov, args: ['-f', file, '--framework', 'terraform_plan', '--quiet', '--compact', '-o', 'json'], okCodes: [0, 1] });
  } else {
    absent.push('checkov: not installed (not on PATH), not compared');
  }
  return out;
}

export function compare(file: string, rounds: number, peers: boolean, log: (s: string) => void = () => undefined): Comparison {
  const absent: string[] = [];
  const list = contenders(file, peers, absent);
  const rows: Row[] = list.map((c) => ({ name: c.name, ms: [], rssMb: [] }));
  // one untimed warm-up each (page cache, compiled code cache)
  for (const c of list) timeProcess(c.cmd, c.args, { runs: 0, warmup: 1, env: c.env, okCodes: c.okCodes });
  for (let r = 0; r < rounds; r++) {
    list.forEach((c, i) => {
      const s = timeProcess(c.cmd, c.args, { runs: 1, warmup: 0, env: c.env, okCodes: c.okCodes });
      rows[i].ms.push(s.median);
      if (s.rssMb !== undefined) rows[i].rssMb.push(s.rssMb);
    });
    log(`round ${r + 1}/${rounds}: ${rows.map((x) => `${x.name} ${x.ms[x.ms.length - 1].toFixed(0)} ms`).join(', ')}`);
  }
  return { file, rounds, rows, absent, rssMethod: RSS_METHOD };
}

const fmt = (xs: number[], unit: string, digits = 0): string =>
  xs.length ? `${median(xs).toFixed(digits)} ${unit} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})` : '–';

/** Markdown: per contender, median (min–max) of time and peak RSS, and the ratios of the medians to the bare parse's. */
export function renderComparison(c: Comparison): string {
  const base = c.rows[0];
  const lines = [
    `${c.rounds} interleaved rounds on \`${path.relative(ROOT, c.file)}\` (${(fs.statSync(c.file).size / 1e6).toFixed(1)} MB); median (min–max); peak RSS by ${c.rssMethod}.`,
    '',
    '| process | wall time | / node parse | peak RSS | / node parse RSS | per-round time ratio (min–max) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of c.rows) {
    const perRound = r.ms.map((m, i) => m / base.ms[i]);
    lines.push(
      `| ${r.name} | ${fmt(r.ms, 'ms')} | ${(median(r.ms) / median(base.ms)).toFixed(2)}× | ${fmt(r.rssMb, 'MB')} | ${
        r.rssMb.length && base.rssMb.length ? `${(median(r.rssMb) / median(base.rssMb)).toFixed(2)}×` : '–'
      } | ${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)}× |`,
    );
  }
  for (const a of c.absent) lines.push('', `- ${a}`);
  return lines.join('\n') + '\n';
}

function main(): void {
  const argv = process.argv.slice(2);
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: node dist-dev/bench/compare.js <plan.json> [--rounds=N] [--peers]\n');
    process.exitCode = 2;
    return;
  }
  const rounds = Number(argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 7);
  const c = compare(path.resolve(file), rounds, argv.includes('--peers'), (s) => process.stderr.write(s + '\n'));
  process.stdout.write(renderComparison(c));
}

if (require.main === module) main();
