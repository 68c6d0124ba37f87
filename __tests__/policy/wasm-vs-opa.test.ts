/**
 * Differential test: the compiled policy (policies/dist/policy.wasm, run with
 * @open-policy-agent/opa-wasm) must give exactly the findings and pipelines of
 * the reference engine (`opa eval`) on every fixture, in both input shapes.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadPolicy, LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { findProjectTool } from '../../scripts/dev/toolchain';

const ROOT = path.resolve(__dirname, '..', '..');
const WASM = path.join(ROOT, 'policies', 'dist', 'policy.wasm');
const SHAPES = ['synth', 'plan'] as const;

interface Finding {
  rule: string;
  severity: 'deny' | 'warn' | 'undetermined';
  resource: string;
  related: string[];
  message: string;
  remediation: string;
}
interface Result {
  findings: Finding[];
  pipelines: Record<string, unknown>[];
}

// the one tool finder (scripts/find-tool.sh): .tools/bin first, then PATH
const findOpa = (): string => findProjectTool('opa');

function fixtures(): [string, string][] {
  const out: [string, string][] = [];
  for (const shape of SHAPES) {
    const dir = path.join(ROOT, 'fixtures', shape);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
      out.push([shape, f.slice(0, -5)]);
    }
  }
  return out;
}

const canon = (v: unknown): string => JSON.stringify(sortKeys(v));
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}
const sorted = <T>(xs: T[]): string[] => xs.map(canon).sort();

// fixtures/expected.json: the exact "RULE:severity" set each fixture raises (the Rego
// tests read the same table). A row is {RULE: severity} for every shape, or
// {plan: {...}, synth: {...}} when the shapes differ.
type Row = Record<string, string>;
const TABLE = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', 'expected.json'), 'utf8')) as Record<string, Row | Record<'plan' | 'synth', Row>>;
function expected(shape: string, name: string): string[] | undefined {
  const row = TABLE[name];
  if (row === undefined) return undefined;
  const byShape = 'plan' in row || 'synth' in row ? (row as Record<string, Row>)[shape] : (row as Row);
  return Object.entries(byShape ?? {})
    .map(([id, severity]) => `${id}:${severity}`)
    .sort();
}

describe('policy.wasm vs opa eval', () => {
  let policy: LoadedPolicy;
  let opa: string;

  beforeAll(async () => {
    opa = findOpa();
    if (!fs.existsSync(WASM)) throw new Error(`${WASM} missing: run scripts/build-policy.sh`);
    policy = await loadPolicy(fs.readFileSync(WASM));
  });

  it('needs no SDK-provided built-ins (everything is compiled natively)', async () => {
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(WASM), stubImports());
    const exp = instance.exports as Record<string, CallableFunction>;
    // builtins() returns the JSON address of an object {name: id} of SDK-provided built-ins
    const addr = exp.builtins() as number;
    const str = exp.opa_json_dump(addr) as number;
    const mem = new Uint8Array((exp.memory as unknown as WebAssembly.Memory).buffer);
    let end = str;
    while (mem[end] !== 0) end++;
    expect(JSON.parse(Buffer.from(mem.slice(str, end)).toString('utf8'))).toEqual({});
  });

  const all = fixtures();
  it('has fixtures of both shapes', () => {
    expect(all.some(([s]) => s === 'plan')).toBe(true);
    expect(all.some(([s]) => s === 'synth')).toBe(true);
  });

  it.each(all)('%s/%s: identical findings and pipelines', (shape, name) => {
    const file = path.join(ROOT, 'fixtures', shape, `${name}.json`);
    const input = JSON.parse(fs.readFileSync(file, 'utf8'));
    const wasm = policy.evaluate(input, 'sqsguard/main')[0].result as Result;
    const out = execFileSync(opa, ['eval', '--format', 'json', '-d', path.join(ROOT, 'policies', 'sqsguard'), '-i', file, 'data.sqsguard.main'], {
      maxBuffer: 256 * 1024 * 1024,
    }).toString('utf8');
    const ref = JSON.parse(out).result[0].expressions[0].value as Result;

    expect(sorted(wasm.findings)).toEqual(sorted(ref.findings));
    expect(sorted(wasm.pipelines)).toEqual(sorted(ref.pipelines));

    for (const f of wasm.findings) {
      expect(f.remediation.length).toBeGreaterThan(0); // rego.metadata works in Wasm
      expect(f.message.length).toBeGreaterThan(0);
    }
    // exactly the rules (and severities) of its row; a fixture without a row fails
    const raised = [...new Set(wasm.findings.map((f) => `${f.rule}:${f.severity}`))].sort();
    expect({ fixture: name, raised }).toEqual({ fixture: name, raised: expected(shape, name) });
    if (raised.length === 0) expect(wasm.pipelines).toHaveLength(1); // the clean fixtures are one pipeline each
    if (name === 'unknown_values') {
      expect(wasm.findings.some((f) => f.severity === 'undetermined')).toBe(true);
      expect(wasm.findings.filter((f) => f.severity === 'deny')).toEqual([]);
    }
  });

  // the shapes scripts/make-fixtures.sh writes for each fixtures/src dir
  it('every expected row has a fixture; each source has its plan (unless SYNTH_ONLY) and synth (unless it calls modules) fixture', () => {
    const have = new Set(all.map(([shape, name]) => `${shape}/${name}`));
    for (const name of Object.keys(TABLE)) {
      expect({ name, anyShape: have.has(`synth/${name}`) || have.has(`plan/${name}`) }).toEqual({ name, anyShape: true });
    }
    const src = path.join(ROOT, 'fixtures', 'src');
    for (const name of fs.readdirSync(src)) {
      const synthOnly = fs.existsSync(path.join(src, name, 'SYNTH_ONLY'));
      const callsModules = fs.readFileSync(path.join(src, name, 'main.tf.json'), 'utf8').includes('"module"');
      expect({ name, synth: have.has(`synth/${name}`), plan: have.has(`plan/${name}`) }).toEqual({ name, synth: !callsModules, plan: !synthOnly });
    }
  });
});

// The Terraform corpus (corpus/<case>/plan.json): plans of HCL written the way practitioners write
// it, whose verdicts __tests__/corpus/conformance.test.ts checks. Here only the two engines must agree,
// on the whole document (the engine's pruning is compared in __tests__/engine/policy.test.ts).
// One `opa eval` per plan: about half a second each.
const CORPUS = path.join(ROOT, 'corpus');
const corpusCases = (): string[] =>
  fs
    .readdirSync(CORPUS)
    .filter((d) => fs.existsSync(path.join(CORPUS, d, 'plan.json')))
    .sort();

describe('policy.wasm vs opa eval on the Terraform corpus', () => {
  let policy: LoadedPolicy;
  let opa: string;

  beforeAll(async () => {
    opa = findOpa();
    policy = await loadPolicy(fs.readFileSync(WASM));
  });

  it('has the corpus', () => {
    expect(corpusCases().length).toBeGreaterThanOrEqual(50);
  });

  it.each(corpusCases())('%s: identical findings and pipelines', (name) => {
    const file = path.join(CORPUS, name, 'plan.json');
    const input = JSON.parse(fs.readFileSync(file, 'utf8'));
    const wasm = policy.evaluate(input, 'sqsguard/main')[0].result as Result;
    const out = execFileSync(opa, ['eval', '--format', 'json', '-d', path.join(ROOT, 'policies', 'sqsguard'), '-i', file, 'data.sqsguard.main'], {
      maxBuffer: 256 * 1024 * 1024,
    }).toString('utf8');
    const ref = JSON.parse(out).result[0].expressions[0].value as Result;
    expect(sorted(wasm.findings)).toEqual(sorted(ref.findings));
    expect(sorted(wasm.pipelines)).toEqual(sorted(ref.pipelines));
    expect(wasm.pipelines.length).toBeGreaterThan(0); // every case is a queue -> function pipeline
  });
});

// minimal imports to instantiate the module without the SDK
function stubImports(): WebAssembly.Imports {
  const memory = new WebAssembly.Memory({ initial: 5 });
  const fail = () => {
    throw new Error('unexpected call');
  };
  return {
    env: {
      memory,
      opa_abort: fail,
      opa_println: fail,
      opa_builtin0: fail,
      opa_builtin1: fail,
      opa_builtin2: fail,
      opa_builtin3: fail,
      opa_builtin4: fail,
    },
  };
}
