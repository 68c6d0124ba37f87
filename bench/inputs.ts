/**
 * Generates (and caches) the benchmark inputs for N pipelines under bench/out/inputs/n<N>/:
 *   cdktf.out/stacks/bench/cdk.tf.json   real `cdktf synth` of bench/app.ts (one stack, N QueueWorkers)
 *   synth.json                           that cdk.tf.json (the synthesized input)
 *   plan.json                            `terraform show -json` of an offline `terraform plan` of it
 *   stamp.json                           cache key + how long generation took
 * The cache key hashes what the inputs are made from (the construct, the worker, the bench app, the
 * Terraform version), so a rerun regenerates only what changed.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findTerraform, offlineTerraformEnv } from '../scripts/dev/toolchain';
import { cdktfCommand } from '../scripts/cdktf-cli';

export interface BenchInput {
  n: number;
  dir: string;
  synthFile: string;
  planFile: string;
  resources: number;
  /** Wall time of the generating `cdktf synth` (ms), for the N = 1000 row of the synth table. */
  synthMs: number;
  planMs: number;
}

/** Runs the real `cdktf synth` CLI on the bench app for N pipelines into outdir; returns wall ms. */
export function cdktfSynth(root: string, n: number, outdir: string): number {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-bench-synth-'));
  try {
    // a cdktf.json of its own, so the project's cdktf.json (app, outdir) is left alone
    fs.writeFileSync(path.join(cwd, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'true', sendCrashReports: 'false' }));
    const app = `node ${JSON.stringify(path.join(root, 'dist-dev', 'bench', 'app.js'))} ${n}`;
    const t0 = process.hrtime.bigint();
    const cdktf = cdktfCommand(root, ['synth', '--app', app, '--output', outdir]);
    const r = spawnSync(cdktf.command, cdktf.args, {
      cwd,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_DISABLE_TELEMETRY: '1', CI: '1', FORCE_COLOR: '0' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`cdktf synth (N=${n}) failed (${r.status}): ${(r.stderr || r.stdout).slice(-2000)}`);
    return ms;
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

function hashSources(root: string): string {
  const h = crypto.createHash('sha256');
  const files = [
    ...fs.readdirSync(path.join(root, 'lib', 'queue-worker')).map((f) => path.join('lib', 'queue-worker', f)),
    ...fs.readdirSync(path.join(root, 'functions', 'orders-worker')).map((f) => path.join('functions', 'orders-worker', f)),
    path.join('bench', 'app.ts'),
  ].sort();
  for (const f of files) {
    const abs = path.join(root, f);
    if (fs.statSync(abs).isFile()) h.update(f).update('\0').update(fs.readFileSync(abs)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** Terraform's version (stderr dropped: without a CLI config Terraform warns about ~/.terraformrc). */
export function tfVersion(): string {
  const out = tryRun(findTerraform(), ['version', '-json']);
  return out ? (JSON.parse(out) as { terraform_version: string }).terraform_version : '?';
}

function countResources(planFile: string): number {
  const doc = JSON.parse(fs.readFileSync(planFile, 'utf8')) as { resource_changes?: unknown[] };
  return doc.resource_changes?.length ?? 0;
}

export function ensureInput(root: string, outRoot: string, n: number, log: (s: string) => void): BenchInput {
  outRoot = path.resolve(outRoot);
  const dir = path.join(outRoot, 'inputs', `n${n}`);
  const stampFile = path.join(dir, 'stamp.json');
  const key = `${hashSources(root)}-tf${tfVersion()}`;
  const synthFile = path.join(dir, 'synth.json');
  const planFile = path.join(dir, 'plan.json');
  if (fs.existsSync(stampFile)) {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { key: string; synthMs: number; planMs: number; resources: number };
    if (stamp.key === key && fs.existsSync(synthFile) && fs.existsSync(planFile)) {
      return { n, dir, synthFile, planFile, resources: stamp.resources, synthMs: stamp.synthMs, planMs: stamp.planMs };
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });

  log(`generating N=${n}: cdktf synth`);
  const outdir = path.join(dir, 'cdktf.out');
  const synthMs = cdktfSynth(root, n, outdir);
  const stackDir = path.join(outdir, 'stacks', 'bench');
  fs.copyFileSync(path.join(stackDir, 'cdk.tf.json'), synthFile);

  log(`generating N=${n}: terraform init + plan + show -json (offline) (synth took ${(synthMs / 1000).toFixed(1)} s)`);
  const tfTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-bench-tf-'));
  const pluginCache = path.join(outRoot, 'tf-plugin-cache');
  fs.mkdirSync(pluginCache, { recursive: true });
  const env = { ...offlineTerraformEnv(tfTmp), TF_PLUGIN_CACHE_DIR: pluginCache };
  const terraform = findTerraform();
  const tf = (args: string[], stdout?: number): void => {
    const r = spawnSync(terraform, args, {
      cwd: stackDir,
      env,
      stdio: ['ignore', stdout ?? 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`terraform ${args[0]} (N=${n}) failed: ${(r.stderr || r.stdout || '').slice(-2000)}`);
  };
  const t0 = process.hrtime.bigint();
  try {
    tf(['init', '-input=false', '-no-color']);
    tf(['plan', '-input=false', '-no-color', '-refresh=false', '-lock=false', '-out=bench.tfplan']);
    const fd = fs.openSync(planFile, 'w');
    try {
      tf(['show', '-json', 'bench.tfplan'], fd);
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    fs.rmSync(tfTmp, { recursive: true, force: true });
    fs.rmSync(path.join(stackDir, '.terraform'), { recursive: true, force: true });
    fs.rmSync(path.join(stackDir, 'bench.tfplan'), { force: true });
  }
  const planMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const resources = countResources(planFile);
  fs.writeFileSync(stampFile, JSON.stringify({ key, n, synthMs, planMs, resources }, null, 2) + '\n');
  log(`generated N=${n}: ${resources} resources, plan ${(fs.statSync(planFile).size / 1e6).toFixed(1)} MB (plan took ${(planMs / 1000).toFixed(1)} s)`);
  return { n, dir, synthFile, planFile, resources, synthMs, planMs };
}

/** `execFileSync` returning trimmed stdout, or undefined if the command fails. */
export function tryRun(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
