/**
 * `npm run bench`: synth and policy-evaluation benchmarks at N = 1, 10, 100, 1000 pipelines.
 *
 *   npm run bench                 full run, writes BENCHMARKS.md (+ bench/out/results.json)
 *   npm run bench -- --smoke      N = 1 and 10, fewer synth runs; writes bench/out/BENCHMARKS.smoke.md
 *                                 (SQSGUARD_BENCH_SMOKE=1 does the same)
 *   options: --n=1,10,100 (pipeline counts), --runs=5 (timed runs per measure, after one warm-up),
 *            --render (rewrite the report from bench/out/results.json, e.g. after editing bench/reading.md),
 *            --out=<file> (report path), --skip-synth (no synth measures),
 *            --rounds=5 (interleaved rounds of the process comparison on the largest plan),
 *            --peers (add `opa eval` and checkov, when installed, to that comparison)
 *
 * Inputs are generated once per N and cached under bench/out/inputs (see bench/inputs.ts). Every
 * measure is the median of the timed runs after a warm-up run; the warm-up (first, cold) time is
 * reported too where it differs in kind (the first Wasm evaluation in a process).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cdktfSynth, ensureInput, BenchInput, tfVersion, tryRun } from './inputs';
import { Comparison, compare, renderComparison } from './compare';
import { RSS_METHOD, Stat, median, timeFn, timeProcess, timeRepeated } from './measure';
import { loadPolicySync, LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { projectRoot } from '../lib/project-root';
import { findProjectTool } from '../scripts/dev/toolchain';

const ROOT = projectRoot(__dirname);
const OUT = path.join(ROOT, 'bench', 'out');

interface Args {
  smoke: boolean;
  ns: number[];
  runs: number;
  synthRuns: number;
  out: string;
  skipSynth: boolean;
  rounds: number;
  peers: boolean;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const smoke = argv.includes('--smoke') || (process.env.SQSGUARD_BENCH_SMOKE ?? '') !== '' && process.env.SQSGUARD_BENCH_SMOKE !== '0';
  const ns = (get('n') ?? (smoke ? '1,10' : '1,10,100,1000')).split(',').map(Number);
  const runs = Number(get('runs') ?? 5);
  return {
    smoke,
    ns,
    runs,
    synthRuns: smoke ? 3 : Math.max(5, runs),
    out: get('out') ?? (smoke || get('n') ? path.join(OUT, smoke ? 'BENCHMARKS.smoke.md' : 'BENCHMARKS.partial.md') : path.join(ROOT, 'BENCHMARKS.md')),
    skipSynth: argv.includes('--skip-synth'),
    rounds: Number(get('rounds') ?? (smoke ? 1 : 5)),
    peers: argv.includes('--peers'),
  };
}

const log = (s: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
};

function pkgVersion(name: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function machine(opa: string): Record<string, string> {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model ?? '?';

  return {
    cpu: cpu.trim(),
    cores: String(os.cpus().length),
    ram: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    opa: (tryRun(opa, ['version']) ?? '?').split('\n')[0].replace(/^Version:\s*/, ''),
    terraform: tfVersion(),
    'hashicorp/aws': '5.100.0',
    cdktf: pkgVersion('cdktf'),
    'cdktf-cli': pkgVersion('cdktf-cli'),
    '@cdktf/provider-aws': pkgVersion('@cdktf/provider-aws'),
    '@open-policy-agent/opa-wasm': pkgVersion('@open-policy-agent/opa-wasm'),
  };
}

type Kind = 'synth' | 'plan';
const KINDS: Kind[] = ['synth', 'plan'];

interface Row {
  n: number;
  kind: Kind;
  bytes: number;
  resources: number;
  parse: Stat;
  wasm: Stat;
  /** policyInput + JSON.stringify + Buffer (the JS side of the Wasm check) */
  prepare: Stat;
  /** raw SDK, policy loaded once with memory sized for the input, on the prepared input buffer */
  sdkMain: Stat;
  wasmFindings: Stat;
  wasmPipelines: Stat;
  /** raw SDK on the whole parsed document (the SDK stringifies it): the path before the pre-filter */
  sdkWhole: Stat;
  preparedBytes: number;
  wasmCold: number;
  opaEval: Stat;
  cli?: Stat;
  nodeParse: Stat;
}

interface Results {
  smoke: boolean;
  date: string;
  machine: Record<string, string>;
  runs: number;
  nodeFloor: Stat;
  rows: Row[];
  synthCli: Record<number, Stat>;
  synthApp: Record<number, Stat>;
  generation: { n: number; resources: number; synthMs: number; planMs: number }[];
  cliAvailable: boolean;
  rssMethod: string;
  /** Interleaved process comparison on the largest plan (absent in results of older runs). */
  comparison?: Comparison & { n: number };
}

function opaEvalArgs(file: string): string[] {
  return ['eval', '--format', 'json', '--ignore', '*_test.rego', '-d', path.join(ROOT, 'policies', 'sqsguard'), '-i', file, 'data.sqsguard.main'];
}

/** The CLI's own evaluation path, loaded once per process (dist/lib/engine/policy.js). */
interface PolicyLike {
  evaluate(doc: unknown, thresholds?: Record<string, unknown>): { findings: unknown[]; pipelines: unknown[] };
}
interface PolicyModule {
  Policy: new () => PolicyLike;
  policyDir: () => string;
  /** absent before the pre-filter existed: the whole document is the input then */
  policyInput?: (doc: unknown) => unknown;
  memoryPages?: (bytes: number) => number;
}
function loadPolicyModule(): PolicyModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(ROOT, 'dist', 'lib', 'engine', 'policy.js')) as PolicyModule;
}

function rawPolicy(mod: PolicyModule, bytes: number): LoadedPolicy {
  const pages = mod.memoryPages ? mod.memoryPages(bytes) : Math.ceil((bytes * 48) / 65536) + 64;
  const p = loadPolicySync(fs.readFileSync(path.join(mod.policyDir(), 'policy.wasm')), { initial: pages });
  p.setData({ sqsguard_thresholds: {} });
  return p;
}

function prepared(mod: PolicyModule, doc: unknown): ArrayBuffer {
  const buf = Buffer.from(JSON.stringify(mod.policyInput ? mod.policyInput(doc) : doc));
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

/** Policy.evaluate (pre-filter included) must equal the raw SDK on the whole document, on every fixture. */
function checkFixtures(mod: PolicyModule): number {
  const raw = loadPolicySync(fs.readFileSync(path.join(mod.policyDir(), 'policy.wasm')));
  raw.setData({ sqsguard_thresholds: {} });
  const policy = new mod.Policy();
  let n = 0;
  for (const shape of ['plan', 'synth']) {
    const dir = path.join(ROOT, 'fixtures', shape);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;
      const whole = (raw.evaluate(doc, 'sqsguard/main') as { result: { findings?: unknown[]; pipelines?: unknown[] } }[])[0].result;
      if (!sameResult(policy.evaluate(doc), whole)) throw new Error(`fixtures/${shape}/${f}: Policy.evaluate differs from the SDK on the whole document`);
      n++;
    }
  }
  return n;
}

function measureInput(input: BenchInput, kind: Kind, args: Args, opa: string, cli: string | undefined): Row {
  const file = kind === 'synth' ? input.synthFile : input.planFile;
  const text = fs.readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(text);
  const runs = args.runs;
  log(`N=${input.n} ${kind} (${(bytes / 1e6).toFixed(2)} MB): JSON.parse`);
  const parse = timeFn(() => JSON.parse(text), runs);
  const doc = JSON.parse(text) as unknown;

  log(`N=${input.n} ${kind}: Wasm (lib/engine/policy.ts Policy, loaded once)`);
  const mod = loadPolicyModule();
  const { Policy } = mod;
  // cold: a fresh Policy (as the CLI process has) and its first evaluation
  const fresh = new Policy();
  const t0 = process.hrtime.bigint();
  fresh.evaluate(doc);
  const wasmCold = Number(process.hrtime.bigint() - t0) / 1e6;
  const policy = new Policy();
  const wasm = timeFn(() => policy.evaluate(doc), runs);
  log(`N=${input.n} ${kind}: Wasm phases (raw SDK)`);
  const prepare = timeFn(() => prepared(mod, doc), runs);
  const input0 = prepared(mod, doc);
  const raw = rawPolicy(mod, input0.byteLength);
  const sdkMain = timeFn(() => raw.evaluate(input0, 'sqsguard/main'), runs);
  const wasmFindings = timeFn(() => raw.evaluate(input0, 'sqsguard/main/findings'), runs);
  const wasmPipelines = timeFn(() => raw.evaluate(input0, 'sqsguard/main/pipelines'), runs);
  const rawWhole = rawPolicy(mod, Buffer.byteLength(text) * 2);
  const sdkWhole = timeFn(() => rawWhole.evaluate(doc, 'sqsguard/main'), runs);

  log(`N=${input.n} ${kind}: opa eval`);
  const opaOut = path.join(OUT, `opa-eval-n${input.n}-${kind}.json`);
  const opaEval = timeProcess(opa, opaEvalArgs(file), { runs, warmupStdout: opaOut });
  // the Wasm must give what the reference engine gives, on every benchmark input too
  const reference = (JSON.parse(fs.readFileSync(opaOut, 'utf8')) as { result: { expressions: { value: unknown }[] }[] }).result[0].expressions[0].value;
  const same = sameResult(policy.evaluate(doc), reference as { findings?: unknown[]; pipelines?: unknown[] });
  fs.rmSync(opaOut, { force: true });
  if (!same) throw new Error(`N=${input.n} ${kind}: the Wasm result differs from opa eval's`);

  let cliStat: Stat | undefined;
  if (cli) {
    log(`N=${input.n} ${kind}: sqsguard check (process)`);
    cliStat = timeProcess(process.execPath, [cli, 'check', file, '--format', 'json'], { runs, okCodes: [0, 1] });
  }
  log(`N=${input.n} ${kind}: bare node read + JSON.parse (process)`);
  const nodeParse = timeProcess(process.execPath, ['-e', 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))', file], { runs });
  return {
    n: input.n,
    kind,
    bytes,
    resources: kind === 'plan' ? input.resources : countSynthResources(doc),
    parse,
    wasm,
    prepare,
    sdkMain,
    wasmFindings,
    wasmPipelines,
    sdkWhole,
    preparedBytes: input0.byteLength,
    wasmCold,
    opaEval,
    cli: cliStat,
    nodeParse,
  };
}

const canon = (v: unknown): string => JSON.stringify(sortKeys(v));
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}
function sameResult(a: { findings?: unknown[]; pipelines?: unknown[] }, b: { findings?: unknown[]; pipelines?: unknown[] }): boolean {
  const norm = (x: { findings?: unknown[]; pipelines?: unknown[] }): string =>
    canon({ findings: (x.findings ?? []).map(canon).sort(), pipelines: (x.pipelines ?? []).map(canon).sort() });
  return norm(a) === norm(b);
}

function countSynthResources(doc: unknown): number {
  const r = (doc as { resource?: Record<string, Record<string, unknown>> }).resource ?? {};
  return Object.values(r).reduce((a, byName) => a + Object.keys(byName).length, 0);
}

function measureSynth(args: Args, inputs: Map<number, BenchInput>): { cli: Record<number, Stat>; app: Record<number, Stat> } {
  const cli: Record<number, Stat> = {};
  const app: Record<number, Stat> = {};
  const appJs = path.join(ROOT, 'dist-dev', 'bench', 'app.js');
  const ns = [0, ...args.ns];
  for (const n of ns) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-bench-out-'));
    try {
      // a synth that takes minutes is timed once: the run that generated the cached input
      if (inputs.get(n) && inputs.get(n)!.synthMs > 60_000) {
        const ms = inputs.get(n)!.synthMs;
        cli[n] = { median: ms, min: ms, max: ms, runs: 1 };
        log(`synth N=${n}: using the generation run (${(ms / 1000).toFixed(1)} s)`);
        continue;
      }
      log(`synth N=${n}: cdktf synth CLI × ${args.synthRuns}`);
      let i = 0;
      cli[n] = timeRepeated(() => cdktfSynth(ROOT, n, path.join(tmp, `cli${i++}`)), args.synthRuns);
      log(`synth N=${n}: App.synth() in a fresh node process × ${args.synthRuns}`);
      app[n] = timeProcess(process.execPath, [appJs, String(n), path.join(tmp, 'app')], { runs: args.synthRuns });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  return { cli, app };
}

// --- report ---------------------------------------------------------------------------------------

const fmtMs = (ms: number | undefined): string => (ms === undefined || Number.isNaN(ms) ? '–' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`);
const fmtX = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '–' : `${x.toFixed(x >= 10 ? 1 : 2)}×`);
const fmtMb = (b: number): string => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(1)} kB`);

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function growth(rows: Row[], kind: Kind, pick: (r: Row) => number | undefined): number | undefined {
  const a = rows.find((r) => r.kind === kind && r.n === 100);
  const b = rows.find((r) => r.kind === kind && r.n === 1000);
  if (!a || !b) return undefined;
  const x = pick(a);
  const y = pick(b);
  return x !== undefined && y !== undefined ? y / x : undefined;
}

interface Target {
  what: string;
  value: string;
  limit: string;
  met: boolean | undefined;
}

function targets(res: Results): Target[] {
  const out: Target[] = [];
  const plan1000 = res.rows.find((r) => r.kind === 'plan' && r.n === 1000);
  const plan1 = res.rows.find((r) => r.kind === 'plan' && r.n === 1);
  const add = (what: string, v: number | undefined, limit: number, cmp: 'le' | 'ge', unit = '×'): void => {
    out.push({
      what,
      value: v === undefined ? '–' : `${v.toFixed(2)}${unit}`,
      limit: `${cmp === 'le' ? '≤' : '≥'} ${limit}${unit}`,
      met: v === undefined ? undefined : cmp === 'le' ? v <= limit : v >= limit,
    });
  };
  add('Wasm check of the 1000-pipeline plan / JSON.parse of it (warm)', plan1000 && plan1000.wasm.median / plan1000.parse.median, 3, 'le');
  add('opa eval / Wasm check, 1000-pipeline plan (opa eval process vs in-process Wasm)', plan1000 && plan1000.opaEval.median / plan1000.wasm.median, 3, 'ge');
  const measures: [string, (r: Row) => number | undefined][] = [
    ['JSON.parse', (r) => r.parse.median],
    ['Wasm check', (r) => r.wasm.median],
    ['Wasm check, first in process', (r) => r.wasmCold],
    ['opa eval', (r) => r.opaEval.median],
    ['sqsguard check process', (r) => r.cli?.median],
    ['sqsguard check peak RSS', (r) => r.cli?.rssMb],
    ['node read + JSON.parse process', (r) => r.nodeParse.median],
  ];
  for (const kind of KINDS) for (const [name, pick] of measures) add(`t(1000)/t(100): ${name}, ${kind}`, growth(res.rows, kind, pick), 12, 'le');
  const s = res.synthCli;
  if (s[100] && s[1000]) add('t(1000)/t(100): cdktf synth', s[1000].median / s[100].median, 12, 'le');
  add('sqsguard check process, 1000-pipeline plan / node read + JSON.parse of it', plan1000?.cli && plan1000.cli.median / plan1000.nodeParse.median, 3, 'le');
  add(
    'sqsguard check peak RSS, 1000-pipeline plan / node read + JSON.parse peak RSS',
    plan1000?.cli?.rssMb && plan1000.nodeParse.rssMb ? plan1000.cli.rssMb / plan1000.nodeParse.rssMb : undefined,
    2,
    'le',
  );
  add('t(1000)/t(100): Wasm check, plan (the check itself)', growth(res.rows, 'plan', (r) => r.wasm.median), 10.5, 'le');
  const c = res.comparison;
  if (c && c.n === 1000) {
    const ms = (i: number): number => median(c.rows[i].ms);
    const rss = (i: number): number => median(c.rows[i].rssMb);
    add(`interleaved (${c.rounds} rounds): sqsguard check / node read + JSON.parse, 1000-pipeline plan`, ms(1) / ms(0), 3, 'le');
    add(`interleaved (${c.rounds} rounds): sqsguard check peak RSS / node read + JSON.parse's, 1000-pipeline plan`, rss(1) / rss(0), 2, 'le');
  }
  add('sqsguard check process, 1-pipeline plan / `node -e 0`', plan1?.cli && plan1.cli.median / res.nodeFloor.median, 4, 'le');
  if (s[0] && s[1]) add('cdktf synth: 1 pipeline / empty app', s[1].median / s[0].median, 1.3, 'le');
  if (s[1] && s[100]) add('cdktf synth: 100 pipelines / 1 pipeline', s[100].median / s[1].median, 2, 'le');
  return out;
}

function render(res: Results, reading: string): string {
  const lines: string[] = [];
  const m = res.machine;
  lines.push('# Benchmarks');
  lines.push('');
  lines.push(
    `Generated by \`npm run bench${res.smoke ? ' -- --smoke' : ''}\` (bench/bench.ts) on ${res.date}. ` +
      `Every time is the median of ${res.runs} timed runs after one warm-up run unless a column says otherwise; ` +
      'inputs are one stack with N `QueueWorker` pipelines (bench/app.ts, ≈ 12 resources each), synthesized by the real ' +
      '`cdktf synth` and planned by the real `terraform plan` offline (bench/inputs.ts). Regenerate with `npm run bench`; ' +
      '`npm run bench:smoke` is the quick CI variant (N = 1, 10; writes bench/out/BENCHMARKS.smoke.md).',
  );
  lines.push('');
  lines.push('## Machine and versions');
  lines.push('');
  lines.push(table(['', ''], Object.entries(m).map(([k, v]) => [k, v])));
  lines.push('');
  lines.push('## Inputs');
  lines.push('');
  lines.push(
    table(
      ['N pipelines', 'resources', 'cdk.tf.json', 'plan.json', 'generation: cdktf synth', 'generation: terraform init + plan + show'],
      res.generation.map((g) => {
        const s = res.rows.find((r) => r.n === g.n && r.kind === 'synth');
        const p = res.rows.find((r) => r.n === g.n && r.kind === 'plan');
        return [String(g.n), String(g.resources), s ? fmtMb(s.bytes) : '–', p ? fmtMb(p.bytes) : '–', fmtMs(g.synthMs), fmtMs(g.planMs)];
      }),
    ),
  );
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  lines.push(table(['target', 'measured', 'limit', 'met'], targets(res).filter((t) => t.met !== undefined).map((t) => [t.what, t.value, t.limit, t.met === undefined ? '–' : t.met ? 'yes' : '**no**'])));
  lines.push('');
  for (const kind of KINDS) {
    const rows = res.rows.filter((r) => r.kind === kind);
    if (rows.length === 0) continue;
    const title = kind === 'plan' ? '`terraform show -json` plan' : 'synthesized `cdk.tf.json`';
    lines.push(`## Policy evaluation: ${title}`);
    lines.push('');
    lines.push(
      'In-process (one node process, policy loaded once): `JSON.parse` of the file text (the floor) and the Wasm check through ' +
        "`lib/engine/policy.ts` (`Policy.evaluate`, what the CLI calls, from the parsed document). “first” is a fresh `Policy` and " +
        'its first evaluation — what a CLI process pays. Then its parts, with the raw SDK: “prepare” is the pre-filter + ' +
        '`JSON.stringify` of what the policy reads (“policy input” is its size), “Wasm” the SDK evaluating that buffer (parse inside ' +
        'Wasm + rules), also per entrypoint, and “SDK, whole document” the SDK given the whole parsed document (it stringifies ' +
        'everything), i.e. the path without the pre-filter.',
    );
    lines.push('');
    lines.push(
      table(
        ['N', 'size', 'JSON.parse', 'Wasm check', 'Wasm / parse', 'Wasm, first in process', 'policy input', 'prepare', 'Wasm', '`findings` only', '`pipelines` only', 'SDK, whole document'],
        rows.map((r) => [
          String(r.n),
          fmtMb(r.bytes),
          fmtMs(r.parse.median),
          fmtMs(r.wasm.median),
          fmtX(r.wasm.median / r.parse.median),
          fmtMs(r.wasmCold),
          fmtMb(r.preparedBytes),
          fmtMs(r.prepare.median),
          fmtMs(r.sdkMain.median),
          fmtMs(r.wasmFindings.median),
          fmtMs(r.wasmPipelines.median),
          fmtMs(r.sdkWhole.median),
        ]),
      ),
    );
    lines.push('');
    lines.push(
      'Processes (wall time including start-up; peak RSS by ' +
        RSS_METHOD +
        '): `opa eval` of `data.sqsguard.main` with the same policy files (tests excluded), `node dist/bin/sqsguard.js check <file> --format json`, and a bare `node` that only reads and `JSON.parse`s the file.',
    );
    lines.push('');
    lines.push(
      table(
        [
          'N',
          'opa eval',
          'opa eval / Wasm check',
          'sqsguard check',
          'sqsguard check / node parse',
          'sqsguard peak RSS',
          'sqsguard RSS / node RSS',
          'node read + parse',
          'node peak RSS',
          'opa eval peak RSS',
          'opa eval RSS / node RSS',
        ],
        rows.map((r) => [
          String(r.n),
          fmtMs(r.opaEval.median),
          fmtX(r.opaEval.median / r.wasm.median),
          r.cli ? fmtMs(r.cli.median) : 'not built',
          r.cli ? fmtX(r.cli.median / r.nodeParse.median) : '–',
          r.cli?.rssMb ? `${r.cli.rssMb.toFixed(0)} MB` : '–',
          r.cli?.rssMb && r.nodeParse.rssMb ? fmtX(r.cli.rssMb / r.nodeParse.rssMb) : '–',
          fmtMs(r.nodeParse.median),
          r.nodeParse.rssMb ? `${r.nodeParse.rssMb.toFixed(0)} MB` : '–',
          r.opaEval.rssMb ? `${r.opaEval.rssMb.toFixed(0)} MB` : '–',
          r.opaEval.rssMb && r.nodeParse.rssMb ? fmtX(r.opaEval.rssMb / r.nodeParse.rssMb) : '–',
        ]),
      ),
    );
    lines.push('');
    const g = (pick: (r: Row) => number | undefined): string => fmtX(growth(res.rows, kind, pick));
    if (rows.some((r) => r.n === 1000) && rows.some((r) => r.n === 100)) {
      lines.push(
        `Growth t(1000)/t(100) (linear = 10×): JSON.parse ${g((r) => r.parse.median)}, Wasm check ${g((r) => r.wasm.median)}, ` +
          `Wasm first ${g((r) => r.wasmCold)}, opa eval ${g((r) => r.opaEval.median)}, sqsguard check ${g((r) => r.cli?.median)}, ` +
          `node read + parse ${g((r) => r.nodeParse.median)}, sqsguard peak RSS ${g((r) => r.cli?.rssMb)}.`,
      );
      lines.push('');
    }
  }
  lines.push(`Process floor: \`node -e 0\` ${fmtMs(res.nodeFloor.median)} (peak RSS ${res.nodeFloor.rssMb?.toFixed(0) ?? '–'} MB).`);
  lines.push('');
  if (res.comparison) {
    lines.push(`## Processes interleaved: ${res.comparison.n}-pipeline plan`);
    lines.push('');
    lines.push(
      'Each round runs every process once, in turn, so load from other jobs on the machine hits all of them alike. ' +
        '`sqsguard check` evaluates a large plan in shards (lib/engine/shard.ts); `SQSGUARD_SHARDING=0` is the whole-plan evaluation.',
    );
    lines.push('');
    lines.push(renderComparison(res.comparison).trim());
    lines.push('');
  }
  const sn = Object.keys(res.synthCli).map(Number).sort((a, b) => a - b);
  if (sn.length) {
    lines.push('## cdktf synth');
    lines.push('');
    lines.push(
      'The real CLI: `node_modules/.bin/cdktf synth --app "node dist-dev/bench/app.js <N>" --output <dir>` (run in a temp dir with its ' +
        'own cdktf.json), and the same app\'s `App.synth()` alone in a fresh `node dist-dev/bench/app.js <N> <dir>` process. N = 0 is ' +
        'the empty app (the stack with only its provider and backend): the synth floor. A CLI synth that takes over a minute is ' +
        'timed once, by the run that generated the cached input (runs = 1).',
    );
    lines.push('');
    lines.push(
      table(
        ['N', 'cdktf synth (CLI)', 'runs', '/ empty app', '/ 1 pipeline', 'App.synth() process', 'peak RSS'],
        sn.map((n) => [
          String(n),
          fmtMs(res.synthCli[n].median),
          String(res.synthCli[n].runs),
          res.synthCli[0] ? fmtX(res.synthCli[n].median / res.synthCli[0].median) : '–',
          res.synthCli[1] ? fmtX(res.synthCli[n].median / res.synthCli[1].median) : '–',
          res.synthApp[n] ? fmtMs(res.synthApp[n].median) : '–',
          res.synthApp[n]?.rssMb ? `${res.synthApp[n].rssMb!.toFixed(0)} MB` : '–',
        ]),
      ),
    );
    lines.push('');
  }
  if (reading.trim()) {
    lines.push(reading.trim());
    lines.push('');
  }
  lines.push('Raw numbers (min/max/median per measure): `bench/out/results.json` after a run.');
  lines.push('');
  return lines.join('\n');
}

/** `--render`: rewrite the report from bench/out/results.json (e.g. after editing bench/reading.md). */
function rerender(args: Args): void {
  const res = JSON.parse(fs.readFileSync(path.join(OUT, args.smoke ? 'results.smoke.json' : 'results.json'), 'utf8')) as Results;
  const readingFile = path.join(ROOT, 'bench', 'reading.md');
  const reading = !res.smoke && fs.existsSync(readingFile) ? fs.readFileSync(readingFile, 'utf8') : '';
  fs.writeFileSync(args.out, render(res, reading));
  log(`wrote ${path.relative(ROOT, args.out)} from the last results`);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (process.argv.includes('--render')) return rerender(args);
  const opa = findProjectTool('opa');
  const cliJs = path.join(ROOT, 'dist', 'bin', 'sqsguard.js');
  const cli = fs.existsSync(cliJs) ? cliJs : undefined;
  if (!cli) log('dist/bin/sqsguard.js not built: the CLI process measure is skipped (run npm run build)');
  if (!fs.existsSync(path.join(ROOT, 'dist-dev', 'bench', 'app.js'))) throw new Error('dist-dev/bench/app.js missing: run npm run build');
  fs.mkdirSync(OUT, { recursive: true });

  log(`fixtures: Policy.evaluate = SDK on the whole document on ${checkFixtures(loadPolicyModule())} fixtures`);
  const inputs = new Map<number, BenchInput>();
  for (const n of args.ns) inputs.set(n, ensureInput(ROOT, OUT, n, log));

  const mach = machine(opa);
  log('node -e 0 floor');
  const nodeFloor = timeProcess(process.execPath, ['-e', '0'], { runs: Math.max(args.runs, 10) });
  const rows: Row[] = [];
  for (const n of args.ns) for (const kind of KINDS) rows.push(measureInput(inputs.get(n)!, kind, args, opa, cli));

  let comparison: Results['comparison'];
  const largest = Math.max(...args.ns);
  if (cli && args.rounds > 0) {
    log(`N=${largest} plan: ${args.rounds} interleaved rounds${args.peers ? ' with peers' : ''}`);
    comparison = { n: largest, ...compare(inputs.get(largest)!.planFile, args.rounds, args.peers, log) };
    for (const a of comparison.absent) log(a);
  }
  const synth = args.skipSynth ? { cli: {}, app: {} } : measureSynth(args, inputs);
  const res: Results = {
    smoke: args.smoke,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: mach,
    runs: args.runs,
    nodeFloor,
    rows,
    synthCli: synth.cli,
    synthApp: synth.app,
    generation: args.ns.map((n) => ({ n, resources: inputs.get(n)!.resources, synthMs: inputs.get(n)!.synthMs, planMs: inputs.get(n)!.planMs })),
    cliAvailable: cli !== undefined,
    rssMethod: RSS_METHOD,
    comparison,
  };
  fs.writeFileSync(path.join(OUT, args.smoke ? 'results.smoke.json' : 'results.json'), JSON.stringify(res, null, 2) + '\n');
  const readingFile = path.join(ROOT, 'bench', 'reading.md');
  const reading = !args.smoke && fs.existsSync(readingFile) ? fs.readFileSync(readingFile, 'utf8') : '';
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, render(res, reading));
  log(`wrote ${path.relative(ROOT, args.out)}`);
  for (const t of targets(res).filter((x) => x.met !== undefined)) log(`${t.met ? '  ok' : 'MISS'} ${t.what}: ${t.value} (${t.limit})`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  }
}
