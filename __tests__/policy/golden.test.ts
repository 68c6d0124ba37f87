/**
 * Golden results: what the reporters print comes from the Wasm findings and
 * pipelines and from policies/dist/rules.json, so a refactoring of the policy
 * must leave all three exactly as recorded in __tests__/policy/golden/.
 * An intended change: rerun with SQSGUARD_UPDATE_GOLDEN=1 to rewrite the
 * golden files, and review their diff.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadPolicy, LoadedPolicy } from '@open-policy-agent/opa-wasm';

const ROOT = path.resolve(__dirname, '..', '..');
const GOLDEN = path.join(__dirname, 'golden');
const UPDATE = process.env.SQSGUARD_UPDATE_GOLDEN === '1';

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
// sets come out of Wasm in no promised order: compare them sorted
const sortedSet = (xs: unknown[]): unknown[] =>
  xs
    .map(sortKeys)
    .map((x) => [JSON.stringify(x), x] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, x]) => x);

describe('golden policy results', () => {
  let policy: LoadedPolicy;
  beforeAll(async () => {
    policy = await loadPolicy(fs.readFileSync(path.join(ROOT, 'policies', 'dist', 'policy.wasm')));
  });

  it('policies/dist/rules.json is byte-identical to the golden catalogue', () => {
    const current = fs.readFileSync(path.join(ROOT, 'policies', 'dist', 'rules.json'), 'utf8');
    if (UPDATE) fs.writeFileSync(path.join(GOLDEN, 'rules.json'), current);
    expect(current).toBe(fs.readFileSync(path.join(GOLDEN, 'rules.json'), 'utf8'));
  });

  it('findings and pipelines of every fixture equal the golden results', () => {
    const results: Record<string, { findings: unknown[]; pipelines: unknown[] }> = {};
    for (const shape of ['plan', 'synth']) {
      const dir = path.join(ROOT, 'fixtures', shape);
      for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
        const input = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
        const { result } = policy.evaluate(input, 'sqsguard/main')[0];
        results[`${shape}/${f.slice(0, -5)}`] = { findings: sortedSet(result.findings), pipelines: sortedSet(result.pipelines) };
      }
    }
    if (UPDATE) fs.writeFileSync(path.join(GOLDEN, 'results.json'), JSON.stringify(results, null, 1) + '\n');
    const golden = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'results.json'), 'utf8'));
    expect(Object.keys(results).sort()).toEqual(Object.keys(golden).sort());
    for (const key of Object.keys(golden)) expect({ key, ...results[key] }).toEqual({ key, ...golden[key] });
  });
});
