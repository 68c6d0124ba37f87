/**
 * readTerraformDocument: Terraform JSON forms merged as Terraform merges them, what Terraform
 * rejects refused with both places, plans strict, numbers checked.
 */
import * as fs from 'fs';
import * as path from 'path';
import { normalizeTerraformConfig, readTerraformDocument, TerraformJsonError, treeFromValue } from '../../lib/terraform-json';

const fixture = (dir: string, name: string): string => fs.readFileSync(path.join(__dirname, '../../fixtures', dir, name), 'utf8');

function problemOf(file: string, text: string): string {
  try {
    readTerraformDocument(file, text);
  } catch (e) {
    if (e instanceof TerraformJsonError) {
      expect(e.message).toBe(`${file === '-' ? '<stdin>' : file}: ${e.problem}`);
      expect(e.message).not.toContain('\n');
      return e.problem;
    }
    throw e;
  }
  throw new Error('expected a TerraformJsonError');
}

const queue = { visibility_timeout_seconds: 180, message_retention_seconds: 345600 };
const fn = { function_name: 'f', timeout: 30 };

describe('configurations: HCL JSON forms Terraform accepts read as the canonical object', () => {
  const canonical = { resource: { aws_sqs_queue: { orders: queue }, aws_lambda_function: { orders: fn } } };

  test.each([
    ['the canonical form itself', canonical],
    ['"resource" as an array of bodies', { resource: [{ aws_sqs_queue: { orders: queue } }, { aws_lambda_function: { orders: fn } }] }],
    ['a type level as an array', { resource: { aws_sqs_queue: [{ orders: queue }], aws_lambda_function: [{ orders: fn }] } }],
    ['a block body as a one-element array', { resource: { aws_sqs_queue: { orders: [queue] }, aws_lambda_function: { orders: [fn] } } }],
    ['the root as an array of bodies', [{ resource: { aws_sqs_queue: { orders: queue } } }, { resource: { aws_lambda_function: { orders: fn } } }]],
    ['"//" comments at the label levels', { resource: { '//': 'generated', aws_sqs_queue: { '//': 'note', orders: queue }, aws_lambda_function: { orders: fn } } }],
  ])('%s', (_, doc) => {
    const r = readTerraformDocument('cdk.tf.json', JSON.stringify(doc, null, 2));
    expect(r.kind).toBe('synth');
    expect(r.document).toEqual(canonical);
  });

  test('"resource" repeated in one object: both read (JSON.parse keeps only the last)', () => {
    const text = `{
  "resource": {"aws_sqs_queue": {"orders": ${JSON.stringify(queue)}}},
  "resource": {"aws_lambda_function": {"orders": ${JSON.stringify(fn)}}}
}`;
    expect(readTerraformDocument('cdk.tf.json', text).document).toEqual(canonical);
    expect(JSON.parse(text)).toEqual({ resource: { aws_lambda_function: { orders: fn } } }); // the queue vanished
  });

  test('a type repeated inside "resource": both read', () => {
    const text = `{"resource": {"aws_sqs_queue": {"a": {}}, "aws_sqs_queue": {"b": {}}}}`;
    expect(readTerraformDocument('x.tf.json', text).document).toEqual({ resource: { aws_sqs_queue: { a: {}, b: {} } } });
  });

  test('data sources merge the same way; other blocks keep their values (repeated: as an array)', () => {
    const text = `{
  "data": [{"aws_iam_policy_document": {"p": {"statement": [{"actions": ["sqs:*"]}]}}}],
  "provider": {"aws": [{"region": "eu-west-1"}]},
  "terraform": {"required_version": ">= 1.5"},
  "terraform": {"backend": {"local": {}}}
}`;
    expect(readTerraformDocument('x.tf.json', text).document).toEqual({
      data: { aws_iam_policy_document: { p: { statement: [{ actions: ['sqs:*'] }] } } },
      provider: { aws: [{ region: 'eu-west-1' }] },
      terraform: [{ required_version: '>= 1.5' }, { backend: { local: {} } }],
    });
  });

  test('every synth fixture reads to exactly what it holds', () => {
    for (const f of fs.readdirSync(path.join(__dirname, '../../fixtures/synth'))) {
      const text = fixture('synth', f);
      const r = readTerraformDocument(f, text);
      expect([f, r.kind]).toEqual([f, 'synth']);
      expect(r.document).toEqual(JSON.parse(text));
    }
  });

  test('in-memory documents (the guard) normalize through treeFromValue', () => {
    const doc = { resource: [{ aws_sqs_queue: { orders: [queue] } }] };
    expect(normalizeTerraformConfig(treeFromValue(doc))).toEqual({ resource: { aws_sqs_queue: { orders: queue } } });
  });
});

describe('configurations: what Terraform rejects is refused, naming both places', () => {
  test('the same resource twice (repeated "resource" keys)', () => {
    const text = `{
  "resource": {"aws_sqs_queue": {"orders": {"visibility_timeout_seconds": 180}}},
  "resource": {"aws_sqs_queue": {"orders": {"visibility_timeout_seconds": 10}}}
}`;
    expect(problemOf('cdk.tf.json', text)).toBe(
      'line 3, column 44: resource "aws_sqs_queue" "orders" is declared twice (line 2, column 44 and line 3, column 44); Terraform rejects a duplicate resource',
    );
  });

  test('the same resource twice (a body array of two)', () => {
    const text = '{"resource": {"aws_sqs_queue": {"orders": [\n{},\n{}]}}}';
    expect(problemOf('cdk.tf.json', text)).toBe(
      'line 3, column 1: resource "aws_sqs_queue" "orders" is declared twice (line 2, column 1 and line 3, column 1); Terraform rejects a duplicate resource',
    );
  });

  test('the same data source twice', () => {
    const text = '{"data": [{"aws_iam_policy_document": {"p": {}}}, {"aws_iam_policy_document": {"p": {}}}]}';
    expect(problemOf('x.tf.json', text)).toMatch(/^line 1, column 85: data source "aws_iam_policy_document" "p" is declared twice \(line 1, column 45 and line 1, column 85\)/);
  });

  test('a key repeated inside a resource body (a duplicate argument, or undecidable without the schema)', () => {
    const text = '{"resource": {"aws_lambda_function": {"f": {\n"timeout": 30,\n"timeout": 3000}}}}';
    expect(problemOf('cdk.tf.json', text)).toBe(
      'line 3, column 1: key "timeout" appears twice in the body of resource aws_lambda_function.f (line 2, column 1 and line 3, column 1) at resource.aws_lambda_function.f.timeout: Terraform rejects a repeated argument (write repeated nested blocks as an array)',
    );
  });

  test('a repeated plain argument outside resources', () => {
    expect(problemOf('x.tf.json', '{"terraform": {"required_version": "1", "required_version": "2"}}')).toMatch(
      /^line 1, column 41: key "required_version" appears twice \(line 1, column 16 and line 1, column 41\) at terraform.required_version: Terraform rejects a repeated argument$/,
    );
  });

  test.each([
    ['{"resource": "x"}', 'line 1, column 14: resource must be an object or an array of objects (resource types; found string)'],
    ['{"resource": [1]}', 'line 1, column 15: resource[0] must be an object (resource types; found number)'],
    ['{"resource": {"aws_sqs_queue": []}}', null],
    ['{"resource": {"aws_sqs_queue": {"q": "x"}}}', 'line 1, column 38: resource.aws_sqs_queue.q must be an object (the body of resource aws_sqs_queue.q; found string)'],
    ['{"resource": {"aws_sqs_queue": {"q": [null]}}}', 'line 1, column 39: resource.aws_sqs_queue.q[0] must be an object (the body of resource aws_sqs_queue.q; found null)'],
    ['{"resource": {"aws_sqs_queue": {"//": {"x": 1}}}}', 'line 1, column 33: resource.aws_sqs_queue["//"]: a "//" comment must be a string (found object)'],
    ['{"resource": {"aws sqs": {"q": {}}}}', 'not a Terraform configuration sqsguard can check: resource["aws sqs"] is not a valid resource type name (letters, digits, "_" and "-", not starting with a digit)'],
    ['{"resource": {"aws_sqs_queue": {"0q": {}}}}', 'not a Terraform configuration sqsguard can check: resource.aws_sqs_queue["0q"] is not a valid name (letters, digits, "_" and "-", not starting with a digit)'],
  ])('%s', (text, expected) => {
    if (expected === null) expect(readTerraformDocument('x.tf.json', text).document).toEqual({ resource: {} });
    else expect(problemOf('x.tf.json', text)).toBe(expected);
  });
});

describe('numbers', () => {
  test('1e400 in a config: an input error with file, line and attribute path (not Infinity → null → "not set")', () => {
    const text = '{\n  "resource": {"aws_lambda_function": {"orders": {\n    "timeout": 1e400\n  }}}\n}';
    expect(problemOf('cdk.tf.json', text)).toBe(
      'line 3, column 16: number 1e400 at resource.aws_lambda_function.orders.timeout is too large for a 64-bit float (Terraform and the policy could not use it)',
    );
  });

  test('1e400 anywhere in a plan too', () => {
    const plan = JSON.parse(fixture('plan', 'baseline.json'));
    plan.resource_changes[0].change.after.anything = 7;
    const text = JSON.stringify(plan).replace('"anything":7', '"anything":1e400');
    expect(problemOf('plan.json', text)).toMatch(/^line 1, column \d+: number 1e400 at resource_changes\[0\]\.change\.after\.anything is too large for a 64-bit float/);
  });

  test('an integer ≥ 2^31 in a checked resource: refused with its place', () => {
    const text = '{"resource": {"aws_lambda_function": {"orders": {"timeout": 3000000000}}}}';
    expect(problemOf('cdk.tf.json', text)).toBe(
      "line 1, column 61: integer 3000000000 at resource.aws_lambda_function.orders.timeout is outside -2147483648..2147483647, the range sqsguard's policy can evaluate (no setting it checks is that large)",
    );
  });

  test('an integer ≥ 2^31 in a plan resource change the policy checks: refused', () => {
    const plan = JSON.parse(fixture('plan', 'baseline.json'));
    const i = plan.resource_changes.findIndex((rc: { type: string }) => rc.type === 'aws_sqs_queue');
    plan.resource_changes[i].change.after.message_retention_seconds = 4294967296;
    expect(problemOf('plan.json', JSON.stringify(plan, null, 1))).toMatch(
      new RegExp(`^line \\d+, column \\d+: integer 4294967296 at resource_changes\\[${i}\\]\\.change\\.after\\.message_retention_seconds is outside`),
    );
  });

  test('an integer ≥ 2^31 where the policy does not look: read as is', () => {
    const doc = { resource: { aws_s3_bucket: { b: { object_lock_configuration: { rule: { days: 3000000000 } } } } } };
    expect(readTerraformDocument('x.tf.json', JSON.stringify(doc)).document).toEqual(doc);
    const plan = JSON.parse(fixture('plan', 'baseline.json'));
    plan.resource_changes.push({ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', change: { actions: ['create'], after: { days: 3000000000 } } });
    expect(readTerraformDocument('plan.json', JSON.stringify(plan)).document).toEqual(plan);
  });
});

describe('plans', () => {
  test('every plan fixture reads to exactly what it holds', () => {
    for (const f of fs.readdirSync(path.join(__dirname, '../../fixtures/plan'))) {
      const text = fixture('plan', f);
      const r = readTerraformDocument(f, text);
      expect([f, r.kind]).toEqual([f, 'plan']);
      expect(r.document).toEqual(JSON.parse(text));
    }
  });

  test('a repeated key is an input error (no merge rule for plan JSON)', () => {
    const text = fixture('plan', 'baseline.json').replace('"resource_changes":', '"resource_changes": [],\n  "resource_changes":');
    expect(problemOf('plan.json', text)).toMatch(/^line \d+, column 3: key "resource_changes" appears twice in one object \(line \d+, column 3 and line \d+, column 3\) at resource_changes;/);
  });

  test('resource_changes {} is refused, not "no findings"', () => {
    const plan = JSON.parse(fixture('plan', 'baseline.json'));
    plan.resource_changes = {};
    expect(problemOf('plan.json', JSON.stringify(plan))).toBe('not a Terraform plan sqsguard can check: resource_changes must be an array (found object)');
  });

  test('a document that is neither', () => {
    expect(problemOf('x.json', '{"hello": 1}')).toBe('neither a Terraform JSON config (no resource/terraform/provider blocks) nor a Terraform plan (no format_version); top-level keys: "hello"');
    expect(problemOf('x.json', '[1]')).toBe('a JSON array, not a Terraform JSON config or plan (expected an object)');
    expect(problemOf('-', '  \n')).toMatch(/^empty input/);
    expect(problemOf('x.json', '{"a": 1,\n "a": 2}')).toBe(
      'line 2, column 2: key "a" appears twice in one object (line 1, column 2 and line 2, column 2) at a; JSON readers disagree on which one counts',
    );
  });
});
