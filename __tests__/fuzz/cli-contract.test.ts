/**
 * The CLI's contract under mutation, by property: every fixture in fixtures/plan and fixtures/synth
 * is mutated by fast-check and the BUILT CLI (dist/bin/sqsguard.js) is spawned on the result:
 * - always: exit 0, 1 or 2; exit 2 ⇒ nothing on stdout and exactly one stderr line naming the file;
 *   exit 0 or 1 ⇒ nothing on stderr; never a stack trace;
 * - a mutation that keeps the document the same for Terraform (layout, key order, escapes, HCL's
 *   array-of-bodies forms and repeated mergeable keys) or only adds a resource the policy does not
 *   read: the same findings as the fixture, so an unsafe fixture never exits 0;
 * - a mutation that breaks the shape the policy relies on: exit 2.
 *
 * Fixed seed and bounded runs (well under a minute) in `npm test`. A longer run:
 *   SQSGUARD_FUZZ_RUNS=2000 npx jest __tests__/fuzz
 * (SQSGUARD_FUZZ_SEED=<n> explores other seeds; a failure prints the seed and path to replay.)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { JsonNode, treeFromValue } from '../../lib/terraform-json';
import { CliResult, runCli } from '../cli/run-cli';
import {
  FIXTURES_ROOT,
  Rng,
  arr,
  chance,
  configBreakers,
  entry,
  fcRng,
  fixtures,
  hclForms,
  obj,
  pick,
  planBreakers,
  reorderKeys,
  serialize,
} from '../support/terraform-mutations';

const LONG_RUNS = Number(process.env.SQSGUARD_FUZZ_RUNS ?? 0);
const SEED = Number(process.env.SQSGUARD_FUZZ_SEED ?? 20261127);
/** Runs per property: [in npm test, scaled from SQSGUARD_FUZZ_RUNS]. Each run spawns the CLI once. */
const runs = (dflt: number, share = 1): number => (LONG_RUNS > 0 ? Math.max(1, Math.round(LONG_RUNS * share)) : dflt);

type Kind = 'plan' | 'synth';
interface Fixture {
  kind: Kind;
  name: string;
  doc: Record<string, any>;
}
const ALL: Fixture[] = (['plan', 'synth'] as const).flatMap((kind) => fixtures(kind).map(([name, doc]) => ({ kind, name, doc })));

/** What identifies a finding across layouts (the line moves with the layout, the input path with the file). */
type FindingKey = string;
interface JsonReport {
  findings: { rule: string; severity: string; resource: string; message: string; input: string; constructPath?: string }[];
  summary: { deny: number };
}
function findingsByInput(stdout: string): Map<string, FindingKey[]> {
  const report = JSON.parse(stdout) as JsonReport;
  const out = new Map<string, FindingKey[]>();
  for (const f of report.findings) {
    const list = out.get(f.input) ?? [];
    list.push(JSON.stringify([f.rule, f.severity, f.resource, f.constructPath ?? null, f.message]));
    out.set(f.input, list);
  }
  for (const list of out.values()) list.sort();
  return out;
}

// --- mutations that keep what the policy reads ------------------------------------------------

/** A number node written exactly as `raw` (wide integers pass through the serializer untouched). */
const num = (raw: string): JsonNode => ({ kind: 'number', offset: -1, value: Number(raw), raw });

/** Arbitrary JSON (strings with any characters, numbers, nesting) as a tree. */
function anyJson(g: fc.GeneratorValue): JsonNode {
  return treeFromValue(g(() => fc.jsonValue({ maxDepth: 3 })));
}

/**
 * Attributes of a resource the policy never reads: arbitrary JSON, and an integer of any width
 * (outside the resources it checks, Terraform's numbers are read as is).
 */
function unrelatedAttributes(g: fc.GeneratorValue): JsonNode {
  const wide = g(fc.constantFrom, '3000000000', '-9007199254740993', '123456789012345678901234567890', '7');
  return obj([entry('bucket', treeFromValue(g(fc.string))), entry('tags', anyJson(g)), entry('object_lock_days', num(wide))]);
}

/** The fixture as Terraform reads it, in another form, maybe with an aws_s3_bucket added. */
function equivalentText(g: fc.GeneratorValue, f: Fixture): string {
  const r: Rng = fcRng(g);
  const addBucket = chance(r, 0.5);
  if (f.kind === 'synth') {
    const tree = hclForms(r, f.doc);
    if (tree.kind !== 'object') throw new Error('config fixture is not an object');
    // a second "resource" key merges with the first (HCL's JSON: every occurrence is read)
    const entries = addBucket ? [...tree.entries, entry('resource', obj([entry('aws_s3_bucket', obj([entry('fuzz_extra', unrelatedAttributes(g))]))]))] : tree.entries;
    return serialize(r, reorderKeys(r, obj(entries)));
  }
  const tree = treeFromValue(f.doc);
  if (tree.kind !== 'object') throw new Error('plan fixture is not an object');
  if (!addBucket) return serialize(r, reorderKeys(r, tree));
  const bucket = obj([
    entry('address', treeFromValue('aws_s3_bucket.fuzz_extra')),
    entry('mode', treeFromValue('managed')),
    entry('type', treeFromValue('aws_s3_bucket')),
    entry('name', treeFromValue('fuzz_extra')),
    entry('provider_name', treeFromValue('registry.terraform.io/hashicorp/aws')),
    entry('change', obj([entry('actions', treeFromValue(['create'])), entry('before', treeFromValue(null)), entry('after', unrelatedAttributes(g)), entry('after_unknown', obj([]))])),
  ]);
  const entries = tree.entries.map((e) => (e.key === 'resource_changes' && e.value.kind === 'array' ? entry(e.key, arr([...e.value.items, bucket])) : e));
  return serialize(r, reorderKeys(r, obj(entries)));
}

// --- mutations that may break anything ----------------------------------------------------------

/** A value somewhere in the document replaced by arbitrary JSON. */
function replaceSomeValue(g: fc.GeneratorValue, r: Rng, doc: unknown): string {
  const root = treeFromValue(doc);
  const containers: JsonNode[] = [];
  const walk = (n: JsonNode): void => {
    if (n.kind === 'object' && n.entries.length > 0) containers.push(n);
    if (n.kind === 'array' && n.items.length > 0) containers.push(n);
    if (n.kind === 'object') n.entries.forEach((e) => walk(e.value));
    if (n.kind === 'array') n.items.forEach(walk);
  };
  walk(root);
  const target = pick(r, containers);
  if (target.kind === 'object') pick(r, target.entries).value = anyJson(g);
  else if (target.kind === 'array') target.items[Math.floor(r() * target.items.length)] = anyJson(g);
  return serialize(r, root);
}

/** `only`: the kind of fixture the damage applies to (breakers know one shape each). */
type Damage = { name: string; apply: (g: fc.GeneratorValue, f: Fixture) => string; mustRefuse: boolean; only?: Kind };
const DAMAGE: Damage[] = [
  ...planBreakers.map((m): Damage => ({ name: `plan: ${m.name}`, apply: (g, f) => m.apply(fcRng(g), f.doc), mustRefuse: true, only: 'plan' })),
  ...configBreakers.map((m): Damage => ({ name: `config: ${m.name}`, apply: (g, f) => m.apply(fcRng(g), f.doc), mustRefuse: true, only: 'synth' })),
  { name: 'a value replaced by arbitrary JSON', apply: (g, f) => replaceSomeValue(g, fcRng(g), f.doc), mustRefuse: false },
  {
    name: 'cut off',
    apply: (g, f) => {
      const text = JSON.stringify(f.doc, null, 2);
      return text.slice(0, g(fc.integer, { min: 0, max: text.length - 1 }));
    },
    mustRefuse: true,
  },
  {
    name: 'a character inserted',
    apply: (g, f) => {
      const text = JSON.stringify(f.doc, null, 2);
      const at = g(fc.integer, { min: 0, max: text.length });
      return text.slice(0, at) + g(fc.string, { minLength: 1, maxLength: 1, unit: 'binary' }) + text.slice(at);
    },
    mustRefuse: false,
  },
];

// --- the contract -------------------------------------------------------------------------------

let dir: string;
let serial = 0;
function writeInput(f: Fixture, text: string): string {
  const file = path.join(dir, `${f.kind}-${serial++}-${f.name}`);
  fs.writeFileSync(file, text);
  return file;
}

/** exit ∈ {0, 1, 2}; 2 ⇒ one stderr line naming the file and nothing on stdout; 0/1 ⇒ stderr empty. */
function expectContract(r: CliResult, file: string): void {
  expect([0, 1, 2]).toContain(r.status);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  if (r.status === 2) {
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([expect.stringMatching(/^sqsguard: /), '']);
    expect(r.stderr.startsWith(`sqsguard: ${file}: `)).toBe(true);
  } else {
    expect(r.stderr).toBe('');
  }
}

describe('sqsguard check under mutation (fast-check, spawning the built CLI)', () => {
  let baseline: Map<string, FindingKey[]>;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-fuzz-'));
    const originals = ALL.map((f) => path.join(FIXTURES_ROOT, f.kind, f.name));
    const r = runCli(['check', '--format', 'json', ...originals]);
    expect(r.stderr).toBe('');
    const byPath = findingsByInput(r.stdout);
    baseline = new Map(ALL.map((f, i) => [`${f.kind}/${f.name}`, byPath.get(originals[i]) ?? []]));
    // the property below is only as strong as the unsafe fixtures: most of them have deny findings
    expect(ALL.filter((f) => (baseline.get(`${f.kind}/${f.name}`) ?? []).some((k) => JSON.parse(k)[1] === 'deny')).length).toBeGreaterThanOrEqual(30);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('every fixture, in a form Terraform reads the same (maybe plus an unrelated resource): the same findings as the fixture', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        // every fixture mutated in one run, checked by one spawn (the findings are per input)
        const files = ALL.map((f) => writeInput(f, equivalentText(g, f)));
        const r = runCli(['check', '--format', 'json', ...files]);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(1);
        const got = findingsByInput(r.stdout);
        ALL.forEach((f, i) => {
          expect({ fixture: `${f.kind}/${f.name}`, findings: got.get(files[i]) ?? [] }).toEqual({
            fixture: `${f.kind}/${f.name}`,
            findings: baseline.get(`${f.kind}/${f.name}`),
          });
        });
      }),
      { seed: SEED, numRuns: runs(3, 0.05) },
    );
  });

  test('an unsafe fixture in a form Terraform reads the same, checked alone: never exit 0, the same findings', () => {
    const unsafe = ALL.filter((f) => (baseline.get(`${f.kind}/${f.name}`) ?? []).some((k) => JSON.parse(k)[1] === 'deny'));
    fc.assert(
      fc.property(fc.constantFrom(...unsafe), fc.gen(), (f, g) => {
        const file = writeInput(f, equivalentText(g, f));
        const r = runCli(['check', '--format', 'json', file]);
        expectContract(r, file);
        expect(r.status).toBe(1);
        expect(findingsByInput(r.stdout).get(file)).toEqual(baseline.get(`${f.kind}/${f.name}`));
      }),
      { seed: SEED, numRuns: runs(12, 0.3) },
    );
  });

  test('any fixture, damaged in any way: exit 0, 1 or 2, and 2 is one line naming the file (shape breakers are always 2)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL), fc.constantFrom(...DAMAGE), fc.gen(), (f, damage, g) => {
        fc.pre(damage.only === undefined || damage.only === f.kind);
        const file = writeInput(f, damage.apply(g, f));
        const r = runCli(['check', file]);
        expectContract(r, file);
        if (damage.mustRefuse) expect({ damage: damage.name, status: r.status }).toEqual({ damage: damage.name, status: 2 });
      }),
      { seed: SEED, numRuns: runs(30, 0.65) },
    );
  });
});
