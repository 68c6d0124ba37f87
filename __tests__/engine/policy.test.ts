import * as fs from 'fs';
import * as path from 'path';
import { loadPolicySync } from '@open-policy-agent/opa-wasm';
import { Policy, memoryPages, policyInput } from '../../lib/engine/policy';
import { ROOT } from '../support/cdktf-app';

const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => a.localeCompare(b))) : val,
  );
const sorted = (xs: unknown[]): string[] => xs.map(canon).sort();

const fixtures = ['synth', 'plan'].flatMap((shape) =>
  fs
    .readdirSync(path.join(ROOT, 'fixtures', shape))
    .filter((f) => f.endsWith('.json'))
    .map((f) => [`${shape}/${f}`, path.join(ROOT, 'fixtures', shape, f)] as const),
);
// the Terraform corpus: plans of practitioners' HCL (module calls, count toggles, policy documents)
const corpus = fs
  .readdirSync(path.join(ROOT, 'corpus'))
  .filter((d) => fs.existsSync(path.join(ROOT, 'corpus', d, 'plan.json')))
  .map((d) => [`corpus/${d}`, path.join(ROOT, 'corpus', d, 'plan.json')] as const);

/**
 * `Policy.evaluate` hands the Wasm only the parts of a document the model reads (`policyInput`).
 * That filter must be exact: the result on the filtered input equals the raw SDK's on the whole
 * document, for every fixture (both shapes, modules, count, separate resources, unknown values) and
 * every plan of the Terraform corpus.
 */
describe('Policy.evaluate', () => {
  const policy = new Policy();
  const raw = loadPolicySync(fs.readFileSync(path.join(ROOT, 'policies', 'dist', 'policy.wasm')));

  test('there are fixtures of both shapes', () => {
    expect(fixtures.filter(([name]) => name.startsWith('plan/')).length).toBeGreaterThan(20);
    expect(fixtures.filter(([name]) => name.startsWith('synth/')).length).toBeGreaterThan(20);
    expect(corpus.length).toBeGreaterThanOrEqual(50);
  });

  test.each([...fixtures, ...corpus])('%s: the filtered input gives the same result as the whole document', (_name, file) => {
    const document = JSON.parse(fs.readFileSync(file, 'utf8'));
    const whole = raw.evaluate(document, 'sqsguard/main')[0].result;
    const filtered = policy.evaluate(document);
    expect(sorted(filtered.findings)).toEqual(sorted(whole.findings));
    expect(sorted(filtered.pipelines)).toEqual(sorted(whole.pipelines));
  });

  test('the filter keeps a synthesized document to resource and data', () => {
    expect(policyInput({ resource: { a: {} }, data: { b: {} }, output: { c: 1 }, terraform: {} })).toEqual({ resource: { a: {} }, data: { b: {} } });
  });

  test('memory is sized from the input and never below the minimum', () => {
    expect(memoryPages(0)).toBeGreaterThanOrEqual(5);
    expect(memoryPages(10 * 1024 * 1024)).toBeGreaterThan(memoryPages(1024 * 1024));
  });
});
