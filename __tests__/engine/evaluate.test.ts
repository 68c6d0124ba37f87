/**
 * evaluate(): the one path from documents to a report, for files (the CLI) and for documents in
 * memory (the guard, and tests of a user's stacks).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Testing, TerraformStack } from 'cdktf';
import { evaluate } from '../../lib/engine/evaluate';
import { InputError, parseDocument, resourceLine } from '../../lib/engine/input';
import { EXPIRED_RULE } from '../../lib/engine/suppressions';
import { projectRoot } from '../../lib/project-root';
import { buildUnsafeApp } from '../guard/apps/unsafe-app';

const ROOT = projectRoot();
const SYNTH = path.join(ROOT, 'fixtures', 'synth', 'sqsl001_vt_below_timeout.json');
const PLAN = path.join(ROOT, 'fixtures', 'plan', 'sqsl003_no_dlq.json');
const load = (file: string) => parseDocument(file, fs.readFileSync(file, 'utf8'));

describe('evaluate', () => {
  it('GIVEN a synthesized file and a plan WHEN evaluated THEN every finding names its input and the line of its resource', () => {
    const inputs = [load(SYNTH), load(PLAN)];
    const report = evaluate(inputs, { version: '1.2.3' });
    expect(report.tool).toEqual({ name: 'sqsguard', version: '1.2.3' });
    expect(new Set(report.findings.map((f) => f.input))).toEqual(new Set([SYNTH, PLAN]));
    for (const f of report.findings) {
      const input = inputs.find((i) => i.path === f.input)!;
      expect(f.line).toBe(resourceLine(input, f.resource));
      expect(f.line).toBeGreaterThan(1);
    }
    expect(report.findings.find((f) => f.input === SYNTH)?.constructPath).toMatch(/\//);
  });

  it('GIVEN a configuration in memory in HCL\'s array-of-bodies form WHEN evaluated THEN merged as from a file: the same findings', () => {
    const doc = JSON.parse(fs.readFileSync(SYNTH, 'utf8'));
    const arrayForm = { ...doc, resource: Object.entries(doc.resource).map(([type, byName]) => ({ [type]: byName })) };
    const rules = (r: ReturnType<typeof evaluate>) => r.findings.map((f) => `${f.rule} ${f.resource}`);
    expect(rules(evaluate([{ name: 'orders', document: arrayForm }]))).toEqual(rules(evaluate([{ name: 'orders', document: doc }])));
    expect(rules(evaluate([{ name: 'orders', document: doc }]))).toContain('SQSL001 aws_sqs_queue.orders');
  });

  it('GIVEN a plan in memory whose resource_changes is an object WHEN evaluated THEN an InputError naming it, not "no findings"', () => {
    const plan = JSON.parse(fs.readFileSync(PLAN, 'utf8'));
    expect(() => evaluate([{ name: 'orders-plan', document: { ...plan, resource_changes: {} } }])).toThrow(
      new InputError('orders-plan', 'not a Terraform plan sqsguard can check: resource_changes must be an array (found object)'),
    );
  });

  it('GIVEN the same configuration in memory WHEN evaluated THEN the same findings, under the given name and without lines', () => {
    const fromFile = evaluate([load(SYNTH)]);
    const inMemory = evaluate([{ name: 'orders', document: JSON.parse(fs.readFileSync(SYNTH, 'utf8')) }]);
    const strip = ({ line, input, ...rest }: (typeof fromFile.findings)[number]) => (void line, void input, rest);
    expect(inMemory.findings.map(strip)).toEqual(fromFile.findings.map(strip));
    expect(inMemory.findings.every((f) => f.input === 'orders' && f.line === undefined)).toBe(true);
    expect(inMemory.inputs).toEqual([{ path: 'orders', kind: 'synth', hasSqsOrLambda: true }]);
    expect(inMemory.pipelines.map((p) => p.mapping)).toEqual(fromFile.pipelines.map((p) => p.mapping));
  });

  it('GIVEN a stack in memory WHEN evaluated THEN toTerraform() gives construct paths; Testing.synth (metadata stripped) the same findings without them', () => {
    const app = buildUnsafeApp(Testing.app({ context: { awsOffline: true } }) as App);
    const stack = app.node.findChild('orders-unsafe') as TerraformStack;
    const denies = (document: unknown) =>
      evaluate([{ name: 'orders-unsafe', document }])
        .findings.filter((f) => f.severity === 'deny')
        .map((f) => [f.rule, f.constructPath]);
    expect(denies(stack.toTerraform())).toEqual([
      ['SQSL001', 'orders-unsafe/orders/Queue'],
      ['SQSL002', 'orders-unsafe/orders/Queue'],
    ]);
    expect(denies(JSON.parse(Testing.synth(stack)))).toEqual([
      ['SQSL001', undefined],
      ['SQSL002', undefined],
    ]);
  });

  it('GIVEN an expired suppression WHEN evaluated THEN its finding fails the report and its rule is described although the catalogue lacks it', () => {
    const report = evaluate([load(PLAN)], {
      suppressions: [{ rule: 'SQSL003', resource: '*', reason: 'old', expires: '2020-01-01' }],
      suppressionsFile: 's.json',
      today: '2025-06-01',
    });
    const expired = report.findings.find((f) => f.rule === EXPIRED_RULE)!;
    expect(expired).toMatchObject({ severity: 'deny', input: 's.json' });
    expect(expired.line).toBeUndefined();
    expect(report.rules.map((r) => r.id)).not.toContain(EXPIRED_RULE);
    expect(report.uncataloguedRules.map((r) => r.id)).toEqual([EXPIRED_RULE]);
  });

  it('GIVEN a document that is neither config nor plan WHEN evaluated THEN an input error naming it', () => {
    expect(() => evaluate([{ name: 'stack x', document: { hello: 1 } }])).toThrow(/^stack x: neither a Terraform JSON config/);
  });
});

describe('output formats', () => {
  it('GIVEN lib/format WHEN its imports are read THEN it depends on the engine only through the report types', () => {
    const dir = path.join(ROOT, 'lib', 'format');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const imports = [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports) expect({ file, spec, ok: /^(\.\/[\w-]+|\.\.\/engine\/report|crypto|path)$/.test(spec) }).toEqual({ file, spec, ok: true });
    }
  });
});
