/**
 * Differential test: the compiled policy (policies/dist/policy.wasm, run with
 * @open-policy-agent/opa-wasm) must give exactly the findings and pipelines of
 * the reference engine (`opa eval`) on every fixture, in both input shapes.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadPolicy, LoadedPolicy } from '@open-policy-agent/opa-wasm';

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

function findOpa(): string {
  const local = path.join(ROOT, '.tools', 'bin', 'opa');
  if (fs.existsSync(local)) return local;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'opa');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new Error('opa not found: run scripts/tools.sh');
}

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

// rule ids each fixture must raise (deny/warn/undetermined), per shape
const EXPECTED: Record<string, string[]> = {
  sqsl001_vt_below_timeout: ['SQSL001', 'SQSL002'],
  sqsl002_vt_below_6x: ['SQSL002'],
  sqsl003_no_dlq: ['SQSL003'],
  sqsl004_max_receive_count: ['SQSL004'],
  sqsl005_dlq_retention: ['SQSL005'],
  sqsl006_fifo_mix: ['SQSL006'],
  sqsl007_expire_before_dlq: ['SQSL007'],
  sqsl008_no_partial_batch: ['SQSL008'],
  sqsl009_batch_without_window: ['SQSL009'],
  sqsl010_reserved_zero: ['SQSL010'],
  sqsl011_max_concurrency_above_reserved: ['SQSL011'],
  sqsl012_max_concurrency_range: ['SQSL012'],
  sqsl013_timeout_range: ['SQSL013'],
  sqsl014_function_dlq: ['SQSL014'],
  sqsl015_no_redrive_allow: ['SQSL015'],
  sqsl016_no_dlq_alarm: ['SQSL016'],
  sqsl017_no_age_alarm: ['SQSL017'],
  sqsl018_mapping_disabled: ['SQSL018'],
  sqsl019_dlq_retention_short: ['SQSL019'],
  sqsl020_unencrypted: ['SQSL020'],
  sqsl021_public_policy: ['SQSL021'],
  sqsl022_no_tls_policy: ['SQSL022'],
  sqsl023_broad_role: ['SQSL023'],
  sqsl024_missing_permissions: ['SQSL024'],
  sqsl025_kms_without_decrypt: ['SQSL025'],
  separate_resources: ['SQSL004'],
  literal_arns: ['SQSL002'],
  module_count: ['SQSL002'],
  // the project's own QueueWorker with unsafe overrides (scripts/fixtures/construct-app.ts)
  construct_unsafe_visibility: ['SQSL002'],
  construct_unsafe_retries: ['SQSL004', 'SQSL008'],
  construct_unsafe_concurrency: ['SQSL011'],
  construct_unsafe_expiry: ['SQSL005', 'SQSL007', 'SQSL019'],
};

// fixtures that must raise nothing at all
const CLEAN = new Set(['baseline', 'construct_default']);

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
    const rules = new Set(wasm.findings.map((f) => f.rule));
    if (CLEAN.has(name)) {
      expect(wasm.findings).toEqual([]);
      expect(wasm.pipelines).toHaveLength(1);
    }
    if (name === 'unknown_values') {
      expect(wasm.findings.some((f) => f.severity === 'undetermined')).toBe(true);
      expect(wasm.findings.filter((f) => f.severity === 'deny')).toEqual([]);
    }
    for (const id of EXPECTED[name] ?? []) {
      expect([...rules]).toContain(id);
    }
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
