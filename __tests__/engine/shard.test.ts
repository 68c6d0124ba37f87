import * as fs from 'fs';
import * as path from 'path';
import { Evaluation, Policy } from '../../lib/engine/policy';
import { shardPlan } from '../../lib/engine/shard';
import { ROOT } from '../support/cdktf-app';

const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => a.localeCompare(b))) : val,
  );
const sorted = (xs: unknown[]): string[] => xs.map(canon).sort();
const same = (a: Evaluation, b: Evaluation): void => {
  expect(sorted(a.findings)).toEqual(sorted(b.findings));
  expect(sorted(a.pipelines)).toEqual(sorted(b.pipelines));
};

const jsonFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(dir, f));
const plans: [string, string][] = [
  ...jsonFiles(path.join(ROOT, 'fixtures', 'plan')),
  ...fs
    .readdirSync(path.join(ROOT, 'corpus'))
    .map((d) => path.join(ROOT, 'corpus', d, 'plan.json'))
    .filter((f) => fs.existsSync(f)),
  // the benchmark's generated plans, when `npm run bench` has generated them
  ...['n10', 'n100'].map((n) => path.join(ROOT, 'bench', 'out', 'inputs', n, 'plan.json')).filter((f) => fs.existsSync(f)),
].map((f) => [path.relative(ROOT, f), f]);
const synths = jsonFiles(path.join(ROOT, 'fixtures', 'synth')).map((f) => [path.relative(ROOT, f), f] as [string, string]);

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const TOKEN_CHARS = 'A-Za-z0-9_+=,.@-';
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const COMMON_WORDS = new Set(['aws', 'lambda', 'sqs', 'iam', 'arn', 'https', 'service-role']);
const IDENTITY = ['name', 'function_name', 'arn', 'url', 'id', 'key_id', 'alarm_name'];

/**
 * `copies` copies of a plan in one plan, each copy's addresses, module names and resource names
 * suffixed (text-wide, so references, ARNs, URLs and policy documents follow): k independent
 * pipelines where the plan had one, linked to each other only where the plan shares something
 * (an account data source, a module). What the policy concludes on the copy does not matter,
 * only that sharded and whole evaluation of it agree.
 */
function replicate(plan: Obj, copies: number, tag = 'c'): Obj[] {
  const rcs: Obj[] = plan.resource_changes ?? [];
  const keys = new Set<string>();
  const modules = new Set<string>();
  const names = new Set<string>();
  for (const rc of rcs) {
    if (rc.module_address) for (const m of String(rc.module_address).matchAll(/module\.([A-Za-z0-9_-]+)/g)) modules.add(m[1]);
    else {
      const k = /^(data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(rc.address)?.[0];
      if (k) keys.add(k.replace(/^data\./, ''));
    }
    for (const a of IDENTITY) {
      const v = rc.change?.after?.[a];
      if (typeof v !== 'string' || a === 'arn' || a === 'url') continue;
      for (const t of v.match(/[A-Za-z0-9_+=,.@-]+/g) ?? []) if (/^[A-Za-z][A-Za-z0-9_-]{2,}$/.test(t) && !COMMON_WORDS.has(t)) names.add(t);
    }
  }
  for (const r of plan.configuration?.root_module?.resources ?? []) {
    const k = /^(data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(String(r.address))?.[0];
    if (k) keys.add(k.replace(/^data\./, ''));
  }
  const text = JSON.stringify(plan);
  return Array.from({ length: copies }, (_, i) => {
    let t = text;
    for (const k of keys) t = t.replace(new RegExp(`(?<![A-Za-z0-9_-])${escape(k)}(?![A-Za-z0-9_-])`, 'g'), `${k}_${tag}${i}`);
    for (const m of modules) t = t.replace(new RegExp(`module\\.${escape(m)}(?![A-Za-z0-9_-])`, 'g'), `module.${m}_${tag}${i}`);
    for (const n of names) t = t.replace(new RegExp(`(?<![${TOKEN_CHARS}])${escape(n)}(?![${TOKEN_CHARS}])`, 'g'), `${n}-${tag}${i}`);
    const copy = JSON.parse(t) as Obj;
    const rootResources = [...(copy.resource_changes ?? []), ...(copy.prior_state?.values?.root_module?.resources ?? [])];
    for (const r of rootResources) if (!r.module_address && typeof r.name === 'string') r.name = `${r.name}_${tag}${i}`;
    const calls = copy.configuration?.root_module?.module_calls;
    if (calls) copy.configuration.root_module.module_calls = Object.fromEntries(Object.entries(calls).map(([k, v]) => [`${k}_${tag}${i}`, v]));
    return copy;
  });
}

/** Plans merged into one: resource changes, configuration, prior state and variables side by side. */
function merge(plans: Obj[]): Obj {
  const out: Obj = { format_version: '1.2', planned_values: {}, variables: {}, resource_changes: [], configuration: { root_module: { resources: [], module_calls: {} } }, prior_state: { values: { root_module: { resources: [], child_modules: [] } } } };
  for (const p of plans) {
    Object.assign(out.variables, p.variables ?? {});
    out.resource_changes.push(...(p.resource_changes ?? []));
    const root = p.configuration?.root_module ?? {};
    out.configuration.root_module.resources.push(...(root.resources ?? []));
    Object.assign(out.configuration.root_module.module_calls, root.module_calls ?? {});
    const prior = p.prior_state?.values?.root_module ?? {};
    out.prior_state.values.root_module.resources.push(...(prior.resources ?? []));
    out.prior_state.values.root_module.child_modules.push(...(prior.child_modules ?? []));
  }
  return out;
}

const read = (file: string): Obj => JSON.parse(fs.readFileSync(file, 'utf8'));

/**
 * Sharded evaluation must equal whole-plan evaluation. Shards of one resource at most (whole
 * components still) make every plan split as far as it can, so every link the components need is
 * exercised; a plan the sharder declines, or whose shards report something unattributable, is
 * evaluated whole by `Policy.evaluate`, which must equal the whole-plan result too.
 */
describe('sharded evaluation equals whole-plan evaluation', () => {
  const policy = new Policy();
  let sharded = 0;

  test('there are fixture and corpus plans', () => {
    expect(plans.filter(([n]) => n.startsWith('corpus/')).length).toBeGreaterThanOrEqual(50);
    expect(plans.filter(([n]) => n.startsWith('fixtures/')).length).toBeGreaterThan(20);
  });

  // Plans whose shards fall back although the whole plan decides everything: a shard cannot see a
  // resource with no instance in the plan (count = 0), so a redrive policy pointing at a count-0 DLQ
  // is undetermined there and decided (absent) only in the whole plan. The fallback keeps the result
  // exact; the list is exact, so a new case (or this one disappearing) fails the test.
  const CONSERVATIVE_FALLBACKS = new Set(['corpus/count-toggle-dlq-disabled/plan.json, three copies']);
  const differential = (document: unknown, name = ''): void => {
    const whole = policy.evaluateWhole(document);
    const shards = shardPlan(document, { shardResources: 1, force: true });
    if (shards) {
      const result = policy.evaluateShards(shards);
      if (result) {
        sharded++;
        same(result, whole);
      } else {
        // the shards reported something unattributable: so does the whole plan
        const unsure = whole.findings.some((f) => f.severity === 'undetermined') || JSON.stringify(whole.pipelines).includes('"unattributed_resource"');
        expect({ name, justified: unsure || CONSERVATIVE_FALLBACKS.has(name) }).toEqual({ name, justified: true });
        if (CONSERVATIVE_FALLBACKS.has(name)) expect({ name, unsure }).toEqual({ name, unsure: false });
      }
    }
    same(policy.evaluate(document), whole);
  };

  test.each(plans)('%s', (name, file) => differential(read(file), name));

  test.each(plans)('%s, three copies in one plan', (name, file) => differential(merge(replicate(read(file), 3)), `${name}, three copies`));

  test('every corpus plan in one plan, twice', () => {
    differential(merge(plans.filter(([n]) => n.startsWith('corpus/')).flatMap(([, f], i) => replicate(read(f), 2, `p${i}c`))));
  });

  test.each(synths)('%s (synthesized: never sharded)', (_name, file) => {
    const document = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(shardPlan(document, { shardResources: 1, force: true })).toBeUndefined();
    same(policy.evaluate(document), policy.evaluateWhole(document));
  });

  test('most plans were compared sharded, not only whole', () => {
    // (a plan with an undetermined finding is evaluated whole: about half of the corpus)
    expect(sharded).toBeGreaterThanOrEqual(35);
  });
});

describe('shardPlan declines what it cannot split safely', () => {
  const rc = (address: string, type: string, after: object): object => ({ address, mode: 'managed', type, name: address.split('.')[1], change: { actions: ['create'], after, after_unknown: {} } });
  const plan = (rcs: object[]): object => ({ format_version: '1.2', planned_values: {}, resource_changes: rcs, configuration: { root_module: { resources: [] } } });

  test('an alarm whose queue is not in its component (it would be unattributed for every pipeline)', () => {
    const rcs = [
      rc('aws_sqs_queue.a', 'aws_sqs_queue', { name: 'alpha' }),
      rc('aws_sqs_queue.b', 'aws_sqs_queue', { name: 'beta' }),
      rc('aws_cloudwatch_metric_alarm.x', 'aws_cloudwatch_metric_alarm', { namespace: 'AWS/SQS', dimensions: { QueueName: 'gamma' } }),
    ];
    expect(shardPlan(plan(rcs), { shardResources: 1 })).toBeUndefined();
    expect(shardPlan(plan(rcs.slice(0, 2)), { shardResources: 1 })).toHaveLength(2);
    // an alarm on another service's metric is never attributed to a queue
    const lambdaAlarm = rc('aws_cloudwatch_metric_alarm.y', 'aws_cloudwatch_metric_alarm', { namespace: 'AWS/Lambda', dimensions: { FunctionName: 'delta' } });
    expect(shardPlan(plan([...rcs.slice(0, 2), lambdaAlarm]), { shardResources: 1 })).toHaveLength(3);
  });

  test('a queue whose name is too common a token to link on', () => {
    const rcs = Array.from({ length: 20 }, (_, i) => rc(`aws_sqs_queue.q${i}`, 'aws_sqs_queue', { name: `q${i}`, url: `https://sqs.us-east-1.amazonaws.com/1/q${i}` }));
    expect(shardPlan(plan(rcs), { shardResources: 1 })).toHaveLength(20);
    rcs.push(rc('aws_sqs_queue.odd', 'aws_sqs_queue', { name: '1' }));
    expect(shardPlan(plan(rcs), { shardResources: 1 })).toBeUndefined();
  });

  test('a literal name links two resources, a reference too', () => {
    const rcs = [
      rc('aws_sqs_queue.a', 'aws_sqs_queue', { name: 'alpha' }),
      rc('aws_sqs_queue.b', 'aws_sqs_queue', { name: 'beta' }),
      rc('aws_sqs_queue_policy.p', 'aws_sqs_queue_policy', { queue_url: 'https://sqs.us-east-1.amazonaws.com/1/alpha' }),
      rc('aws_sqs_queue.c', 'aws_sqs_queue', { name: 'gamma' }),
    ];
    const doc = plan(rcs) as { configuration: { root_module: { resources: object[] } } };
    doc.configuration.root_module.resources.push({ address: 'aws_sqs_queue.c', expressions: { redrive_policy: { references: ['aws_sqs_queue.b.arn', 'aws_sqs_queue.b'] } } });
    const shards = shardPlan(doc, { shardResources: 1 }) as { resource_changes: { address: string }[] }[];
    expect(shards.map((s) => s.resource_changes.map((r) => r.address).sort())).toEqual([
      ['aws_sqs_queue.a', 'aws_sqs_queue_policy.p'],
      ['aws_sqs_queue.b', 'aws_sqs_queue.c'],
    ]);
  });
});
