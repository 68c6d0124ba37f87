/**
 * Each defect against the real policy (Wasm): what today's reading (JSON.parse) makes the policy
 * conclude, and what the fail-closed reader does instead. Once the engine reads through
 * readTerraformDocument, the CLI gives the second outcome.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Policy } from '../../lib/engine/policy';
import { readTerraformDocument, TerraformJsonError } from '../../lib/terraform-json';

const policy = new Policy();
const fixture = (dir: string, name: string): Record<string, any> =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures', dir, name), 'utf8'));
const denyRules = (doc: unknown): string[] =>
  [...new Set(policy.evaluate(doc).findings.filter((f) => f.severity === 'deny').map((f) => f.rule))].sort();

function refusal(file: string, text: string): string {
  try {
    readTerraformDocument(file, text);
  } catch (e) {
    if (e instanceof TerraformJsonError) return e.message;
    throw e;
  }
  throw new Error('expected a TerraformJsonError');
}

describe('HCL JSON forms', () => {
  const doc = fixture('synth', 'sqsl001_vt_below_timeout.json');
  const expected = denyRules(doc);

  test('the fixture has deny findings to lose', () => {
    expect(expected).toContain('SQSL001');
  });

  test('block bodies as arrays: JSON.parse hides every finding, the reader keeps them', () => {
    const arrayForm = {
      ...doc,
      resource: Object.entries(doc.resource).map(([type, byName]) => ({
        [type]: Object.fromEntries(Object.entries(byName as object).map(([name, body]) => [name, [body]])),
      })),
    };
    const text = JSON.stringify(arrayForm);
    expect(denyRules(JSON.parse(text))).toEqual([]);
    expect(denyRules(readTerraformDocument('cdk.tf.json', text).document)).toEqual(expected);
  });

  test('"resource" split over two keys: JSON.parse keeps the last, the reader merges both', () => {
    const types = Object.keys(doc.resource);
    const queues = Object.fromEntries(types.filter((t) => t === 'aws_sqs_queue').map((t) => [t, doc.resource[t]]));
    const rest = Object.fromEntries(types.filter((t) => t !== 'aws_sqs_queue').map((t) => [t, doc.resource[t]]));
    const { resource: _dropped, ...others } = doc;
    const text = `{"resource": ${JSON.stringify(queues)}, "resource": ${JSON.stringify(rest)}, ${JSON.stringify(others).slice(1)}`;
    expect(denyRules(JSON.parse(text))).not.toEqual(expected);
    expect(denyRules(readTerraformDocument('cdk.tf.json', text).document)).toEqual(expected);
  });
});

describe('numbers', () => {
  const doc = fixture('synth', 'baseline.json');

  test('timeout 1e400: JSON.parse makes SQSL013 vanish, the reader refuses with line and path', () => {
    const withTimeout = (t: number): Record<string, any> => ({
      ...doc,
      resource: { ...doc.resource, aws_lambda_function: { orders: { ...doc.resource.aws_lambda_function.orders, timeout: t } } },
    });
    expect(denyRules(withTimeout(1000))).toContain('SQSL013'); // an out-of-range timeout is found
    const text = JSON.stringify(withTimeout(123456789), null, 2).replace('123456789', '1e400');
    expect(denyRules(JSON.parse(text))).not.toContain('SQSL013'); // Infinity → null → "not set"
    expect(refusal('cdk.tf.json', text)).toMatch(
      /^cdk\.tf\.json: line \d+, column \d+: number 1e400 at resource\.aws_lambda_function\.orders\.timeout is too large for a 64-bit float/,
    );
  });

  test('timeout 3000000000: the policy aborts (format_int), the reader refuses with line and path', () => {
    const big = { ...doc, resource: { ...doc.resource, aws_lambda_function: { orders: { ...doc.resource.aws_lambda_function.orders, timeout: 3000000000 } } } };
    expect(() => policy.evaluate(big)).toThrow(/strings: get uint failed/);
    expect(refusal('cdk.tf.json', JSON.stringify(big))).toMatch(
      /^cdk\.tf\.json: line 1, column \d+: integer 3000000000 at resource\.aws_lambda_function\.orders\.timeout is outside -2147483648\.\.2147483647/,
    );
  });
});

describe('plan shape', () => {
  const plan = fixture('plan', 'sqsl001_vt_below_timeout.json');

  test.each([
    ['{}', {}],
    ['null', null],
  ])('resource_changes %s: the policy finds nothing, the reader refuses', (_, value) => {
    expect(denyRules(plan)).toContain('SQSL001');
    const broken = { ...plan, resource_changes: value };
    expect(policy.evaluate(broken).findings).toEqual([]);
    expect(refusal('plan.json', JSON.stringify(broken))).toMatch(/^plan\.json: not a Terraform plan sqsguard can check: resource_changes must be an array \(found (object|null)\)/);
  });

  test('resource_changes missing while planned_values has resources: the reader refuses', () => {
    const { resource_changes: _gone, ...broken } = plan;
    expect(policy.evaluate(broken).findings.filter((f) => f.severity === 'deny')).toEqual([]);
    expect(refusal('plan.json', JSON.stringify(broken))).toMatch(/^plan\.json: not a Terraform plan sqsguard can check: resource_changes is missing while planned_values lists \d+ resources/);
  });
});
