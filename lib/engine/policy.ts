/**
 * Loads the compiled policy (policies/dist/policy.wasm) and its rule catalogue (rules.json) and
 * evaluates documents with it. Synchronous on purpose: the synth-time guard runs inside cdktf's
 * (synchronous) validation phase.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadPolicySync, LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { PolicyFinding, PolicyPipeline } from './contract';
import { InputError } from './input';
import { RuleDescriptor } from './report';
import { shardPlan } from './shard';

export type Thresholds = Record<string, string | number | boolean>;

export interface Evaluation {
  findings: PolicyFinding[];
  pipelines: PolicyPipeline[];
}

/**
 * The directory holding policy.wasm and rules.json: SQSGUARD_POLICY_DIR, else `policies/dist` in the
 * nearest ancestor of this module (the same from lib/engine/ and dist/lib/engine/, and in node_modules).
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
  private readonly module: WebAssembly.Module;
  private loaded: LoadedPolicy;
  private pages: number;
  readonly rules: RuleDescriptor[];

  constructor(dir: string = policyDir()) {
    this.module = new WebAssembly.Module(fs.readFileSync(path.join(dir, 'policy.wasm')));
    this.pages = memoryPages(0);
    this.loaded = loadPolicySync(this.module, { initial: this.pages });
    const catalogue = JSON.parse(fs.readFileSync(path.join(dir, 'rules.json'), 'utf8')) as { rules?: RuleDescriptor[] };
    this.rules = [...(catalogue.rules ?? [])].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The thresholds `data.sqsguard_thresholds` may override, with their defaults. */
  thresholdDefaults(): Thresholds {
    const result = this.loaded.evaluate({}, 'sqsguard/main/threshold_defaults') as { result?: Thresholds }[];
    return result?.[0]?.result ?? {};
  }

  /**
   * Sizes the Wasm memory for documents of about `bytes` bytes before they are parsed: allocating it
   * while a large parsed document is on the JS heap costs V8 full garbage collections.
   */
  reserve(bytes: number): void {
    this.ensurePages(memoryPages(Math.ceil(bytes * POLICY_INPUT_SHARE)));
  }

  private ensurePages(pages: number): void {
    if (pages > this.pages) {
      this.loaded = loadPolicySync(this.module, { initial: pages });
      this.pages = pages;
    }
  }

  /**
   * Evaluates one raw document (synthesized Terraform JSON or a `terraform show -json` plan). A large
   * plan is evaluated in shards (lib/engine/shard.ts) when that is exact, else whole. `source` names
   * the document in the InputError of a value too large for the policy to format.
   */
  evaluate(document: unknown, thresholds: Thresholds = {}, source = '<document>'): Evaluation {
    const shards = this.sharding ? shardPlan(document) : undefined;
    if (shards) {
      const sharded = this.evaluateShards(shards, thresholds, source);
      if (sharded) return sharded;
    }
    return this.evaluateWhole(document, thresholds, source);
  }

  /** The whole document in one evaluation (the reference the sharded path must equal). */
  evaluateWhole(document: unknown, thresholds: Thresholds = {}, source = '<document>'): Evaluation {
    const input = policyInput(document);
    let arg: unknown = input;
    if (input !== null && typeof input === 'object') {
      // One JSON buffer of what the policy reads (the SDK would stringify the whole document), and
      // Wasm memory sized for it up front: grown page by page it costs seconds on a large plan.
      const json = Buffer.from(JSON.stringify(input));
      this.ensurePages(memoryPages(json.byteLength));
      arg = toArrayBuffer(json);
    }
    this.loaded.setData({ sqsguard_thresholds: thresholds });
    return resultOf(this.run(arg, source));
  }

  /** One evaluation of the entrypoint; OPA's format_int abort becomes an input error naming the source. */
  private run(arg: unknown, source: string): unknown {
    try {
      return this.loaded.evaluate(arg, 'sqsguard/main');
    } catch (e) {
      if (e === FORMAT_INT_ABORT) throw new InputError(source, VALUE_TOO_LARGE);
      throw e;
    }
  }

  /**
   * The shards evaluated one after another in one Wasm memory, merged; undefined when a shard
   * reports something it cannot attribute (a resource outside the shard might explain it: the
   * caller evaluates the whole plan instead).
   */
  evaluateShards(shards: unknown[], thresholds: Thresholds = {}, source = '<document>'): Evaluation | undefined {
    const buffers = shards.map((s) => Buffer.from(JSON.stringify(policyInput(s))));
    this.ensurePages(memoryPages(Math.max(...buffers.map((b) => b.byteLength))));
    this.loaded.setData({ sqsguard_thresholds: thresholds });
    const findings = new Map<string, PolicyFinding>();
    const pipelines: PolicyPipeline[] = [];
    for (const buffer of buffers) {
      const raw = this.run(toArrayBuffer(buffer), source) as { result?: Partial<Evaluation> }[];
      if (raw?.[0]?.result === undefined) return undefined;
      const part = resultOf(raw);
      for (const p of part.pipelines) {
        if (JSON.stringify(p).includes('"unattributed_resource"')) return undefined;
        pipelines.push(p);
      }
      for (const f of part.findings) {
        if (f.severity === 'undetermined') return undefined;
        findings.set(JSON.stringify(f), f); // findings are a set: shared data sources may repeat one
      }
    }
    return { findings: [...findings.values()], pipelines };
  }

  /** Whether `evaluate` may shard large plans (on by default; SQSGUARD_SHARDING=0 turns it off). */
  sharding = process.env.SQSGUARD_SHARDING !== '0';
}

function toArrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

function resultOf(raw: unknown): Evaluation {
  const value = (raw as { result?: Partial<Evaluation> }[] | undefined)?.[0]?.result ?? {};
  return { findings: value.findings ?? [], pipelines: value.pipelines ?? [] };
}

/**
 * What OPA's Wasm runtime throws (a string) when the policy's message helper `n(x)` calls
 * `format_int` on a value of 2^31 or more: its 32-bit conversion fails and aborts the evaluation.
 * The reader refuses such integers in the input (lib/terraform-json/numbers.ts), but not values the
 * policy derives from smaller ones (6 × timeout); until the policy formats those itself, this is an
 * input error naming the file instead of an internal error.
 */
const FORMAT_INT_ABORT = 'strings: get uint failed';
const VALUE_TOO_LARGE =
  'a value is too large for the policy to format: a number it derives from the settings (e.g. 6 × a function\'s timeout, ' +
  'or maxReceiveCount × a visibility timeout) reaches 2^31 or more; no real setting is that large (OPA: "strings: get uint failed")';

let cached: Policy | undefined;
/** One Policy per process (compiling the module takes a few hundred milliseconds). */
export function defaultPolicy(): Policy {
  cached ??= new Policy();
  return cached;
}

// ---------------------------------------------------------------------------------------------
// The evaluation path. Two costs dominate a large plan (see BENCHMARKS.md): serializing the input
// into Wasm memory and parsing it there, and the Wasm memory growing page by page from the SDK's
// 320 KiB default (seconds on a 12k-resource plan). So the policy gets only the parts of the
// document it reads, in the same shape (`policyInput`, exact: see the list below), as one JSON
// buffer; and its memory starts at a size estimated from that buffer.
// ---------------------------------------------------------------------------------------------

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function pick(o: Obj, keys: string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (has(o, k)) out[k] = o[k];
  return out;
}

function hasTrue(v: unknown): boolean {
  if (v === true) return true;
  if (v !== null && typeof v === 'object') for (const k in v) if (hasTrue((v as Obj)[k])) return true;
  return false;
}

/** after_unknown: only entries with a `true` somewhere (the model reads `== true` leaves only). */
function pruneUnknown(u: unknown): unknown {
  if (!isObj(u)) return u;
  const out: Obj = {};
  for (const k of Object.keys(u)) if (hasTrue(u[k])) out[k] = u[k];
  return out;
}

function pruneChange(rc: unknown): unknown {
  if (!isObj(rc)) return rc;
  const out = pick(rc, ['address', 'mode', 'type', 'name', 'index', 'module_address']);
  if (has(rc, 'change')) {
    const c = rc.change;
    if (isObj(c)) {
      const change = pick(c, ['actions', 'after']);
      if (has(c, 'after_unknown')) change.after_unknown = pruneUnknown(c.after_unknown);
      out.change = change;
    } else {
      out.change = c;
    }
  }
  return out;
}

// the model's configuration key of a root-module resource (lib/model: _config_key)
const CONFIG_BASE = /^(data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;
function rootConfigKey(address: unknown): string | undefined {
  if (typeof address !== 'string') return undefined;
  if (!address.includes('[')) return address;
  return CONFIG_BASE.exec(address)?.[0];
}
const inRootModule = (r: Obj): boolean => !has(r, 'module_address') || r.module_address === '';

/**
 * Root-module configuration address -> the attributes whose expression the model may read: it reads
 * an expression only for an attribute missing from a resource's known values (lib/model `val`) or
 * with an unknown part inside (policy document statements, inline_policy blocks).
 */
function neededExpressions(doc: Obj, rootResources: unknown[]): Map<string, Set<string>> {
  const attrs = new Map<string, string[]>();
  for (const r of rootResources) {
    if (isObj(r) && typeof r.address === 'string' && isObj(r.expressions)) attrs.set(r.address, Object.keys(r.expressions));
  }
  const need = new Map<string, Set<string>>();
  const note = (key: string | undefined, missing: (attr: string) => boolean): void => {
    const keys = key === undefined ? undefined : attrs.get(key);
    if (!keys || key === undefined) return;
    let set = need.get(key);
    if (!set) need.set(key, (set = new Set()));
    for (const a of keys) if (missing(a)) set.add(a);
  };
  if (Array.isArray(doc.resource_changes)) {
    for (const rc of doc.resource_changes) {
      if (!isObj(rc) || !inRootModule(rc)) continue;
      const change = isObj(rc.change) ? rc.change : {};
      const after = change.after;
      const unknown = isObj(change.after_unknown) ? change.after_unknown : {};
      note(rootConfigKey(rc.address), (a) => !isObj(after) || !has(after, a) || hasTrue(unknown[a]));
    }
  }
  const prior = isObj(doc.prior_state) && isObj(doc.prior_state.values) ? doc.prior_state.values.root_module : undefined;
  if (isObj(prior) && Array.isArray(prior.resources)) {
    for (const pr of prior.resources) {
      if (isObj(pr)) note(rootConfigKey(pr.address), (a) => !isObj(pr.values) || !has(pr.values, a));
    }
  }
  return need;
}

/** A configuration module: resources' address and expressions, module calls' modules. */
function pruneConfigModule(m: unknown, need?: Map<string, Set<string>>): unknown {
  if (!isObj(m)) return m;
  const out: Obj = {};
  if (has(m, 'resources')) {
    out.resources = Array.isArray(m.resources)
      ? m.resources.map((r: unknown) => {
          if (!isObj(r)) return r;
          const kept = pick(r, ['address', 'expressions', 'for_each_expression', 'count_expression']);
          if (need && typeof r.address === 'string' && isObj(r.expressions)) {
            kept.expressions = pick(r.expressions, [...(need.get(r.address) ?? [])]);
          }
          return kept;
        })
      : m.resources;
  }
  if (has(m, 'outputs')) {
    const outputs = m.outputs;
    out.outputs = isObj(outputs)
      ? Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, isObj(o) ? pick(o, ['expression']) : o]))
      : outputs;
  }
  if (has(m, 'module_calls')) {
    const calls = m.module_calls;
    out.module_calls = isObj(calls)
      ? Object.fromEntries(
          Object.entries(calls).map(([k, c]) => {
            if (!isObj(c)) return [k, c];
            const call = pick(c, ['expressions']);
            if (has(c, 'module')) call.module = pruneConfigModule(c.module);
            return [k, call];
          }),
        )
      : calls;
  }
  return out;
}

/** prior_state modules: data sources only (the model skips managed resources there). */
function prunePriorModule(m: unknown): unknown {
  if (!isObj(m)) return m;
  const out = pick(m, ['address']);
  if (has(m, 'resources')) out.resources = Array.isArray(m.resources) ? m.resources.filter((r: unknown) => !isObj(r) || r.mode === 'data') : m.resources;
  if (has(m, 'child_modules')) out.child_modules = Array.isArray(m.child_modules) ? m.child_modules.map(prunePriorModule) : m.child_modules;
  return out;
}

/**
 * The parts of a document the policy reads, in the same shape; the policy's result on it is the
 * same as on the whole document (checked against `opa eval` on every fixture and benchmark input by
 * `npm run bench`). What the model (policies/sqsguard/lib/model) reads:
 * - synthesized JSON: `resource` and `data` only;
 * - plans: that `resource_changes` / `planned_values` exist (not planned_values' content); of each
 *   resource change its address, mode, type, name, index, module_address and change.actions / after
 *   / after_unknown (only `true` leaves of after_unknown matter); of `configuration` the modules'
 *   resources (address, expressions) and module calls, where a root-module resource's expressions
 *   are read only for attributes missing from its known values or unknown somewhere inside (nested
 *   blocks such as a policy document's statements); resources' for_each_expression and
 *   count_expression (a local toggling a DLQ's count); modules' outputs
 *   (expression) and module calls' argument expressions; the root `variables` (values); of
 *   `prior_state` the data sources.
 */
export function policyInput(doc: unknown): unknown {
  if (!isObj(doc)) return doc;
  if (!has(doc, 'resource_changes') && !has(doc, 'planned_values')) return pick(doc, ['resource', 'data']);
  const out: Obj = {};
  if (has(doc, 'planned_values')) out.planned_values = {};
  if (has(doc, 'variables')) {
    const vars = doc.variables;
    out.variables = isObj(vars) ? Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, isObj(v) ? pick(v, ['value']) : v])) : vars;
  }
  if (has(doc, 'resource_changes')) {
    const rcs = doc.resource_changes;
    out.resource_changes = Array.isArray(rcs) ? rcs.map(pruneChange) : rcs;
  }
  if (has(doc, 'configuration')) {
    const cfg = doc.configuration;
    if (isObj(cfg)) {
      const pruned: Obj = {};
      if (has(cfg, 'root_module')) {
        const root = cfg.root_module;
        const need = isObj(root) && Array.isArray(root.resources) ? neededExpressions(doc, root.resources) : undefined;
        pruned.root_module = pruneConfigModule(root, need);
      }
      out.configuration = pruned;
    } else {
      out.configuration = cfg;
    }
  }
  if (has(doc, 'prior_state')) {
    const ps = doc.prior_state;
    if (isObj(ps)) {
      const pruned: Obj = {};
      if (has(ps, 'values')) {
        const v = ps.values;
        pruned.values = isObj(v) ? (has(v, 'root_module') ? { root_module: prunePriorModule(v.root_module) } : {}) : v;
      }
      out.prior_state = pruned;
    } else {
      out.prior_state = ps;
    }
  }
  return out;
}

/** Wasm memory for an input of `bytes` JSON bytes: the model takes ~20-40 × the input (measured). */
const PAGE = 64 * 1024;
const MEMORY_PER_INPUT_BYTE = 48;
/** Policy input / file size, upper end (plans ~0.45, synthesized JSON ~0.75). */
const POLICY_INPUT_SHARE = 0.8;
const MAX_INITIAL_PAGES = 32768; // 2 GiB; the policy grows memory itself beyond that
export function memoryPages(bytes: number): number {
  return Math.min(MAX_INITIAL_PAGES, Math.max(5, Math.ceil((bytes * MEMORY_PER_INPUT_BYTE + 4 * 1024 * 1024) / PAGE)));
}
