/**
 * Loads the compiled policy (policies/dist/policy.wasm) and its rule catalogue (rules.json) and
 * evaluates documents with it. Synchronous on purpose: the synth-time guard runs inside cdktf's
 * (synchronous) validation phase.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadPolicySync, LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { PolicyFinding, PolicyPipeline, RuleDescriptor } from './types';

export type Thresholds = Record<string, string | number | boolean>;

export interface Evaluation {
  findings: PolicyFinding[];
  pipelines: PolicyPipeline[];
}

/**
 * The directory holding policy.wasm and rules.json: SQSGUARD_POLICY_DIR, else `policies/dist` in the
 * nearest ancestor of this module (the same from lib/check/ and dist/lib/check/, and in node_modules).
 */
export function policyDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SQSGUARD_POLICY_DIR) return env.SQSGUARD_POLICY_DIR;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'policies', 'dist');
    if (fs.existsSync(path.join(candidate, 'policy.wasm'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`policies/dist/policy.wasm not found above ${__dirname}: run scripts/build-policy.sh`);
    dir = parent;
  }
}

export class Policy {
  private readonly loaded: LoadedPolicy;
  readonly rules: RuleDescriptor[];

  constructor(dir: string = policyDir()) {
    this.loaded = loadPolicySync(fs.readFileSync(path.join(dir, 'policy.wasm')));
    const catalogue = JSON.parse(fs.readFileSync(path.join(dir, 'rules.json'), 'utf8')) as { rules?: RuleDescriptor[] };
    this.rules = [...(catalogue.rules ?? [])].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Evaluates one raw document (synthesized Terraform JSON or a `terraform show -json` plan). */
  evaluate(document: unknown, thresholds: Thresholds = {}): Evaluation {
    this.loaded.setData({ sqsguard_thresholds: thresholds });
    const result = this.loaded.evaluate(document, 'sqsguard/main') as { result?: Partial<Evaluation> }[];
    const value = result?.[0]?.result ?? {};
    return { findings: value.findings ?? [], pipelines: value.pipelines ?? [] };
  }
}

let cached: Policy | undefined;
/** One Policy per process (compiling the module takes a few hundred milliseconds). */
export function defaultPolicy(): Policy {
  cached ??= new Policy();
  return cached;
}
