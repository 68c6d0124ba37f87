/**
 * Sharded evaluation of a `terraform show -json` plan: the plan is split into sub-plans (shards) of
 * the same shape, each holding whole connected components of the resources' references, and the
 * policy evaluates each shard in one reused Wasm memory. The policy's work per resource is constant
 * but OPA's value runtime slows down on large inputs (hash tables, first touches of a large heap):
 * small shards keep it in its fast regime and keep the Wasm memory small.
 *
 * Exactness: a shard must see everything that any result in it depends on. Two resources are in the
 * same component when
 * - one's configuration references the other (HCL references of root-module resources; every
 *   instance of a configuration resource belongs to the same component),
 * - a string anywhere in one's values contains a token of the other's identity (name, ARN, URL, id:
 *   the model resolves literal names, ARNs and URLs by exact name, so a literal match always shares
 *   such a token),
 * - both live under the same root module call, or one references a module call the other lives
 *   under (the model follows module outputs and variables through a call's whole subtree; calls
 *   whose arguments reference another call are joined).
 * Data sources that describe the account (caller identity, region, partition) are copied into every
 * shard; findings are a set, so copies merge. `shardPlan` returns undefined — evaluate the whole
 * plan — whenever this cannot be computed safely: a resource the model may resolve by a name that
 * is too common to link on, a separate resource (role policy, queue policy, alarm, redrive, redrive
 * allow) whose component holds no resource it could attach to (it would be "unattributed", which
 * changes every pipeline's result), or one component holding most of the plan (no gain).
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Data sources about the account, read by many resources and by no rule as a subject. */
const SHARED_DATA_TYPES = new Set(['aws_caller_identity', 'aws_region', 'aws_partition', 'aws_availability_zone', 'aws_availability_zones']);

/** Types the model resolves literal names, ARNs and URLs to (lib/model/values.rego `_literal`): only
 * their identities link on values; everything else links by configuration references. */
const TARGET_TYPES = new Set(['aws_sqs_queue', 'aws_lambda_function', 'aws_lambda_alias', 'aws_iam_role', 'aws_iam_policy', 'aws_kms_key']);

/** Separate resources that attach to a resource of a target type (lib/model: unattributed_*). */
const SEPARATE_TARGETS: Record<string, string> = {
  aws_iam_role_policy: 'aws_iam_role',
  aws_iam_role_policy_attachment: 'aws_iam_role',
  aws_iam_policy_attachment: 'aws_iam_role',
  aws_sqs_queue_policy: 'aws_sqs_queue',
  aws_cloudwatch_metric_alarm: 'aws_sqs_queue',
  aws_sqs_queue_redrive_policy: 'aws_sqs_queue',
  aws_sqs_queue_redrive_allow_policy: 'aws_sqs_queue',
};

/**
 * An alarm on a metric of another service than SQS, known from its values: the model never tries
 * to attribute it to a queue (lib/model/iam.rego: unattributed_alarms reads AWS/SQS or unknown).
 */
function otherNamespaceAlarm(n: Node): boolean {
  if (n.type !== 'aws_cloudwatch_metric_alarm') return false;
  return n.values.every((v) => {
    if (!isObj(v) || typeof v.namespace !== 'string' || v.namespace === 'AWS/SQS') return false;
    return v.metric_query === undefined || v.metric_query === null || (Array.isArray(v.metric_query) && v.metric_query.length === 0);
  });
}

/** Top-level attributes that identify a resource to other resources. */
const IDENTITY_KEYS = ['arn', 'id', 'name', 'url', 'function_name', 'qualified_arn', 'invoke_arn', 'key_id', 'unique_id', 'alarm_name'];

/** A token shared by more identities than this is too common to link on (region, account, "aws"). */
const COMMON_TOKEN_OWNERS = 16;

/** Characters of names the model resolves (SQS, Lambda, IAM [\w+=,.@-], KMS ids). */
const TOKEN = /[A-Za-z0-9_+=,.@-]+/g;

export interface ShardOptions {
  /** Resources per shard (whole components are packed up to this size). */
  shardResources?: number;
  /** Split even when it gains nothing (a small plan, one dominant component): for tests. */
  force?: boolean;
  /** Told why the plan is not split (for the benchmark and tests). */
  onDecline?: (reason: string) => void;
}

interface Node {
  address: string;
  type: string;
  mode: string;
  /** The root module call it lives under (`a` for module.a[0].module.b.x), or undefined. */
  call: string | undefined;
  values: unknown[];
  rcIndex: number[];
  shared: boolean;
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[i] !== r) {
      const next = this.parent[i];
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[ra] = rb;
  }
}

const CONFIG_BASE = /^(data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;
function configKey(address: string): string | undefined {
  return CONFIG_BASE.exec(address)?.[0];
}

/** The resource a reference names (`aws_sqs_queue.q.arn` -> `aws_sqs_queue.q`), or a kind. */
const CALL = /^module\.([A-Za-z0-9_-]+)/;
function referenceTarget(ref: string): { kind: 'resource'; key: string } | { kind: 'module'; call: string } | { kind: 'none' } {
  const call = CALL.exec(ref)?.[1];
  if (call) return { kind: 'module', call };
  const root = ref.split('.')[0];
  if (['var', 'local', 'each', 'count', 'path', 'terraform', 'self'].includes(root)) return { kind: 'none' };
  const key = configKey(ref);
  return key ? { kind: 'resource', key } : { kind: 'none' };
}

function collectReferences(v: unknown, out: string[]): void {
  if (Array.isArray(v)) {
    for (const x of v) collectReferences(x, out);
  } else if (isObj(v)) {
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (k === 'references' && Array.isArray(x)) {
        for (const r of x) if (typeof r === 'string') out.push(r);
      } else {
        collectReferences(x, out);
      }
    }
  }
}

function forEachString(v: unknown, f: (s: string) => void): void {
  if (typeof v === 'string') f(v);
  else if (Array.isArray(v)) for (const x of v) forEachString(x, f);
  else if (isObj(v)) for (const k of Object.keys(v)) forEachString(v[k], f);
}

/** A character of TOKEN. */
function isTokenChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 43 || c === 61 || c === 44 || c === 46 || c === 64 || c === 45
  );
}

function tokens(s: string): string[] {
  return s.match(TOKEN) ?? [];
}

interface PriorEntry {
  moduleAddress: string;
  resource: Obj;
}

function priorDataEntries(doc: Obj): PriorEntry[] | undefined {
  const ps = doc.prior_state;
  if (ps === undefined) return [];
  if (!isObj(ps)) return undefined;
  const values = ps.values;
  if (values === undefined) return [];
  if (!isObj(values)) return undefined;
  const out: PriorEntry[] = [];
  const walk = (m: unknown, depth: number): boolean => {
    if (m === undefined) return true;
    if (!isObj(m) || depth > 8) return false;
    const addr = typeof m.address === 'string' ? m.address : '';
    if (has(m, 'resources')) {
      if (!Array.isArray(m.resources)) return false;
      for (const r of m.resources) {
        if (!isObj(r) || typeof r.address !== 'string') return false;
        if (r.mode === 'data') out.push({ moduleAddress: addr, resource: r });
      }
    }
    if (has(m, 'child_modules')) {
      if (!Array.isArray(m.child_modules)) return false;
      for (const c of m.child_modules) if (!walk(c, depth + 1)) return false;
    }
    return true;
  };
  return walk(values.root_module, 0) ? out : undefined;
}

/**
 * The plan split into shard documents (each a plan of the same shape holding whole components), or
 * undefined when the plan should be evaluated whole (not a plan, too small, or not safely shardable).
 */
export function shardPlan(document: unknown, options: ShardOptions = {}): Obj[] | undefined {
  const shardResources = options.shardResources ?? 512;
  const decline = (reason: string): undefined => {
    options.onDecline?.(reason);
    return undefined;
  };
  if (!isObj(document) || !Array.isArray(document.resource_changes)) return decline('not a plan');
  const doc = document;
  const rcs = doc.resource_changes as unknown[];
  if (rcs.length <= shardResources && !options.force) return decline('small');
  const cfg = doc.configuration;
  if (cfg !== undefined && !isObj(cfg)) return decline('shape: configuration');
  const root = isObj(cfg) ? cfg.root_module : undefined;
  if (root !== undefined && !isObj(root)) return decline('shape: root_module');
  const prior = priorDataEntries(doc);
  if (!prior) return decline('shape: prior_state');

  // nodes: one per address (a data source may be both a resource change and a prior_state entry)
  const nodes: Node[] = [];
  const byAddress = new Map<string, number>();
  const node = (address: string, type: string, mode: string, call: string | undefined): number => {
    let i = byAddress.get(address);
    if (i === undefined) {
      i = nodes.length;
      byAddress.set(address, i);
      nodes.push({ address, type, mode, call, values: [], rcIndex: [], shared: mode === 'data' && !call && SHARED_DATA_TYPES.has(type) });
    }
    return i;
  };
  for (let i = 0; i < rcs.length; i++) {
    const rc = rcs[i];
    if (!isObj(rc) || typeof rc.address !== 'string' || typeof rc.type !== 'string') return decline('shape: resource change');
    if (rc.module_address !== undefined && typeof rc.module_address !== 'string') return decline('shape: module_address');
    const call = rc.module_address ? CALL.exec(rc.module_address)?.[1] : undefined;
    if (rc.module_address && !call) return decline(`shape: module_address ${JSON.stringify(rc.module_address)}`);
    const n = nodes[node(rc.address, rc.type, rc.mode === 'data' ? 'data' : 'managed', call)];
    n.rcIndex.push(i);
    if (isObj(rc.change)) n.values.push(rc.change.after);
  }
  for (const p of prior) {
    const r = p.resource;
    if (typeof r.type !== 'string') return decline('shape: prior_state resource');
    const call = p.moduleAddress ? CALL.exec(p.moduleAddress)?.[1] : undefined;
    if (p.moduleAddress && !call) return decline(`shape: prior_state module ${JSON.stringify(p.moduleAddress)}`);
    nodes[node(r.address as string, r.type, 'data', call)].values.push(r.values);
  }

  // one extra element per root module call: what lives under it or references it
  const calls = new Map<string, number>();
  const callNames = new Set<string>(nodes.flatMap((n) => (n.call ? [n.call] : [])));
  if (isObj(root) && isObj(root.module_calls)) for (const c of Object.keys(root.module_calls)) callNames.add(c);
  for (const c of callNames) calls.set(c, nodes.length + calls.size);
  const uf = new UnionFind(nodes.length + calls.size);
  const byConfigKey = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    if (n.call) {
      uf.union(i, calls.get(n.call)!);
      return;
    }
    const key = configKey(n.address);
    if (!key) return;
    const list = byConfigKey.get(key);
    if (list) list.push(i);
    else byConfigKey.set(key, [i]);
  });
  // instances of one configuration resource share its configuration
  for (const list of byConfigKey.values()) for (const i of list) uf.union(i, list[0]);

  // configuration references (root module; module resources are one component already)
  if (isObj(root)) {
    if (has(root, 'resources') && !Array.isArray(root.resources)) return decline('shape: configuration resources');
    for (const r of (root.resources as unknown[] | undefined) ?? []) {
      if (!isObj(r) || typeof r.address !== 'string') return decline('shape: configuration resource');
      const own = byConfigKey.get(r.address);
      if (!own) continue;
      const refs: string[] = [];
      collectReferences(r.expressions, refs);
      collectReferences(r.for_each_expression, refs);
      collectReferences(r.count_expression, refs);
      for (const ref of refs) {
        const t = referenceTarget(ref);
        if (t.kind === 'module') {
          const c = calls.get(t.call);
          if (c !== undefined) uf.union(own[0], c);
        }
        else if (t.kind === 'resource') {
          const targets = byConfigKey.get(t.key);
          if (targets && !nodes[targets[0]].shared) uf.union(own[0], targets[0]);
        }
      }
    }
    // module call arguments that read root resources
    if (has(root, 'module_calls')) {
      if (!isObj(root.module_calls)) return decline('shape: module_calls');
      for (const [name, call] of Object.entries(root.module_calls)) {
        const self = calls.get(name)!;
        const refs: string[] = [];
        if (isObj(call)) {
          collectReferences(call.expressions, refs);
          collectReferences(call.for_each_expression, refs);
          collectReferences(call.count_expression, refs);
        }
        for (const ref of refs) {
          const t = referenceTarget(ref);
          if (t.kind === 'module') {
            const c = calls.get(t.call);
            if (c !== undefined) uf.union(self, c);
          } else if (t.kind === 'resource') {
            const targets = byConfigKey.get(t.key);
            if (targets && !nodes[targets[0]].shared) uf.union(targets[0], self);
          }
        }
      }
    }
  }

  // identities: token -> owners
  const owners = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    if (n.shared || !TARGET_TYPES.has(n.type)) return;
    const seen = new Set<string>();
    for (const v of n.values) {
      if (!isObj(v)) continue;
      for (const k of IDENTITY_KEYS) {
        const s = v[k];
        if (typeof s !== 'string') continue;
        for (const t of tokens(s)) {
          if (seen.has(t)) continue;
          seen.add(t);
          const list = owners.get(t);
          if (list) list.push(i);
          else owners.set(t, [i]);
        }
      }
    }
  });
  const common = (t: string): boolean => (owners.get(t)?.length ?? 0) > COMMON_TOKEN_OWNERS;
  // a resource the model may find by name must be linkable by a distinctive token of it
  for (const n of nodes) {
    if (n.shared || !TARGET_TYPES.has(n.type)) continue;
    for (const v of n.values) {
      if (!isObj(v)) continue;
      for (const k of IDENTITY_KEYS) {
        const s = v[k];
        if (typeof s !== 'string') continue;
        const ts = tokens(s);
        if (ts.length > 0 && ts.every(common)) return decline(`${n.address}: ${k} ${JSON.stringify(s)} is too common to link on`);
      }
    }
  }
  let minToken = Infinity;
  let maxToken = 0;
  for (const t of owners.keys()) {
    minToken = Math.min(minToken, t.length);
    maxToken = Math.max(maxToken, t.length);
  }
  nodes.forEach((n, i) => {
    if (n.shared) return;
    for (const v of n.values) {
      forEachString(v, (s) => {
        if (s.length < minToken) return;
        // the tokens of s (as `tokens` does, without a regex), looked up only when an identity could be that long
        let start = -1;
        for (let p = 0; p <= s.length; p++) {
          if (p < s.length && isTokenChar(s.charCodeAt(p))) {
            if (start < 0) start = p;
            continue;
          }
          if (start >= 0) {
            const len = p - start;
            if (len >= minToken && len <= maxToken) {
              const list = owners.get(s.slice(start, p));
              if (list && list.length <= COMMON_TOKEN_OWNERS) for (const j of list) uf.union(i, j);
            }
            start = -1;
          }
        }
      });
    }
  });

  // components
  const components = new Map<number, number[]>();
  nodes.forEach((n, i) => {
    if (n.shared) return;
    const r = uf.find(i);
    const list = components.get(r);
    if (list) list.push(i);
    else components.set(r, [i]);
  });
  // a separate resource with nothing to attach to in its component is unattributed in the whole plan
  for (const members of components.values()) {
    const types = new Set(members.map((i) => nodes[i].type));
    for (const i of members) {
      const target = SEPARATE_TARGETS[nodes[i].type];
      if (target && nodes[i].mode === 'managed' && !types.has(target) && !otherNamespaceAlarm(nodes[i])) return decline(`${nodes[i].address}: no ${target} in its component`);
    }
  }
  const largest = Math.max(...[...components.values()].map((m) => m.length));
  if (largest > nodes.length / 2 && !options.force) return decline('one component holds most of the plan');

  // pack whole components into shards, in plan order
  const ordered = [...components.values()].sort((a, b) => a[0] - b[0]);
  const shards: number[][] = [];
  let current: number[] = [];
  for (const members of ordered) {
    if (current.length > 0 && current.length + members.length > shardResources) {
      shards.push(current);
      current = [];
    }
    current.push(...members);
  }
  if (current.length > 0) shards.push(current);
  if (shards.length < 2) return decline('one shard');

  const shared = nodes.map((n, i) => (n.shared ? i : -1)).filter((i) => i >= 0);
  const shardOf = new Map<string, number>();
  shards.forEach((members, k) => {
    for (const i of members) shardOf.set(nodes[i].address, k);
  });
  const sharedAddresses = new Set(shared.map((i) => nodes[i].address));
  const callShards = shards.map((members) => {
    const roots = new Set(members.map((i) => uf.find(i)));
    return new Set([...calls].filter(([, i]) => roots.has(uf.find(i))).map(([c]) => c));
  });
  return shardDocuments(doc, shards.length, shardOf, sharedAddresses, callShards);
}

/**
 * The plan split by address (`shardOf`; shared addresses go to every shard), in the same shape and
 * order; one pass over each list.
 */
function shardDocuments(doc: Obj, count: number, shardOf: Map<string, number>, shared: Set<string>, calls: Set<string>[]): Obj[] {
  const split = <T>(items: T[], keyOf: (item: T) => string | undefined): T[][] => {
    const out: T[][] = Array.from({ length: count }, () => []);
    for (const item of items) {
      const key = keyOf(item);
      if (key === undefined) continue;
      if (shared.has(key)) for (const list of out) list.push(item);
      else {
        const k = shardOf.get(key);
        if (k !== undefined) out[k].push(item);
      }
    }
    return out;
  };
  const rcs = split(doc.resource_changes as Obj[], (rc) => rc.address as string);
  // configuration resources by configuration key: every instance of one is in the same shard
  const keyShard = new Map<string, number>();
  for (const [address, k] of shardOf) {
    const key = configKey(address);
    if (key) keyShard.set(key, k);
  }
  const sharedKeys = new Set([...shared].map((a) => configKey(a) ?? a));
  const cfg = doc.configuration;
  const root = isObj(cfg) && isObj(cfg.root_module) ? cfg.root_module : undefined;
  const configResources = Array.from({ length: count }, () => [] as unknown[]);
  if (root && Array.isArray(root.resources)) {
    for (const r of root.resources as Obj[]) {
      const key = r.address as string;
      if (sharedKeys.has(key)) for (const list of configResources) list.push(r);
      else {
        const k = keyShard.get(key);
        if (k !== undefined) configResources[k].push(r);
      }
    }
  }
  const ps = doc.prior_state;
  const priorRoot = isObj(ps) && isObj(ps.values) && isObj(ps.values.root_module) ? ps.values.root_module : undefined;
  const priorData = priorRoot && Array.isArray(priorRoot.resources)
    ? split(priorRoot.resources as Obj[], (r) => (r.mode === 'data' ? (r.address as string) : undefined))
    : undefined;
  return Array.from({ length: count }, (_, k) => {
    const out: Obj = {};
    for (const key of Object.keys(doc)) {
      const v = doc[key];
      if (key === 'resource_changes') {
        out[key] = rcs[k];
      } else if (key === 'configuration' && isObj(v)) {
        const c: Obj = { ...v };
        if (root) {
          const r: Obj = { ...root };
          if (Array.isArray(root.resources)) r.resources = configResources[k];
          if (isObj(root.module_calls)) r.module_calls = Object.fromEntries(Object.entries(root.module_calls).filter(([name]) => calls[k].has(name)));
          c.root_module = r;
        }
        out[key] = c;
      } else if (key === 'prior_state' && isObj(v) && isObj(v.values) && priorRoot) {
        const r: Obj = { ...priorRoot };
        if (priorData) r.resources = priorData[k];
        if (Array.isArray(priorRoot.child_modules)) {
          r.child_modules = (priorRoot.child_modules as unknown[]).filter((c) => isObj(c) && calls[k].has(CALL.exec(String(c.address))?.[1] ?? ''));
        }
        out[key] = { ...v, values: { ...v.values, root_module: r } };
      } else {
        out[key] = v;
      }
    }
    return out;
  });
}
