import * as fs from 'fs';
import * as path from 'path';
import { validateConfigShape, validatePlanShape } from '../../lib/terraform-json';

const plan = (): Record<string, any> => JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/plan/baseline.json'), 'utf8'));

describe('validatePlanShape', () => {
  test('every plan fixture has no problems', () => {
    for (const f of fs.readdirSync(path.join(__dirname, '../../fixtures/plan'))) {
      const doc = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/plan', f), 'utf8'));
      expect([f, validatePlanShape(doc)]).toEqual([f, []]);
    }
  });

  test.each<[string, (p: Record<string, any>) => void, string[]]>([
    ['resource_changes {}', (p) => (p.resource_changes = {}), ['resource_changes must be an array (found object)']],
    ['resource_changes null', (p) => (p.resource_changes = null), ['resource_changes must be an array (found null)']],
    ['resource_changes missing while planned_values has resources', (p) => delete p.resource_changes, [expect.stringMatching(/^resource_changes is missing while planned_values lists \d+ resources/)] as unknown as string[]],
    ['a resource change that is a string', (p) => (p.resource_changes[1] = 'x'), ['resource_changes[1] must be an object (found string)']],
    ['change.after a string', (p) => (p.resource_changes[0].change.after = 'x'), ['resource_changes[0].change.after must be an object or null (found string)']],
    ['change missing', (p) => delete p.resource_changes[0].change, ['resource_changes[0].change must be an object (found undefined)']],
    ['actions not an array', (p) => (p.resource_changes[0].change.actions = 'create'), ['resource_changes[0].change.actions must be an array (found string)']],
    ['after_unknown an array', (p) => (p.resource_changes[0].change.after_unknown = []), ['resource_changes[0].change.after_unknown must be an object (found array)']],
    ['address a number', (p) => (p.resource_changes[0].address = 1), ['resource_changes[0].address must be a string (found number)']],
    ['mode unknown', (p) => (p.resource_changes[0].mode = 'ephemeral'), ['resource_changes[0].mode must be "managed" or "data" (found "ephemeral")']],
    ['format_version 2.0', (p) => (p.format_version = '2.0'), ['format_version "2.0" is not supported (sqsguard reads format 1.x)']],
    ['format_version a number', (p) => (p.format_version = 1.2), ['format_version must be a string (found number)']],
    ['format_version garbage', (p) => (p.format_version = 'one'), ['format_version must look like "1.2" (found "one")']],
    ['planned_values an array', (p) => (p.planned_values = []), ['planned_values must be an object (found array)']],
    ['planned_values resources an object', (p) => (p.planned_values.root_module.resources = {}), ['planned_values.root_module.resources must be an array (found object)']],
    ['configuration root_module resources an object', (p) => (p.configuration.root_module.resources = {}), ['configuration.root_module.resources must be an array (found object)']],
    ['configuration module_calls an array', (p) => (p.configuration.root_module.module_calls = []), ['configuration.root_module.module_calls must be an object (found array)']],
    ['configuration expressions a string', (p) => (p.configuration.root_module.resources[0].expressions = 'x'), ['configuration.root_module.resources[0].expressions must be an object (found string)']],
    ['prior_state values a string', (p) => (p.prior_state = { values: 'x' }), ['prior_state.values must be an object (found string)']],
    ['variables an array', (p) => (p.variables = []), ['variables must be an object (found array)']],
    ['a variable without value', (p) => (p.variables = { env: {} }), ['variables.env.value is missing']],
  ])('%s', (_, mutate, expected) => {
    const p = plan();
    mutate(p);
    expect(validatePlanShape(p)).toEqual(expected);
  });

  test('not a plan at all', () => {
    expect(validatePlanShape([])).toEqual(['(document root) must be an object (found array)']);
    expect(validatePlanShape({ format_version: '1.2' })).toEqual(['resource_changes is missing, and so is planned_values: not a plan']);
  });

  test('at most 20 problems', () => {
    const p = plan();
    p.resource_changes = Array.from({ length: 50 }, () => 1);
    expect(validatePlanShape(p)).toHaveLength(20);
  });
});

describe('validateConfigShape', () => {
  test('canonical configurations pass', () => {
    for (const f of fs.readdirSync(path.join(__dirname, '../../fixtures/synth'))) {
      const doc = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/synth', f), 'utf8'));
      expect([f, validateConfigShape(doc)]).toEqual([f, []]);
    }
  });

  test.each([
    [{ resource: [] }, ['resource must be an object (found array)']],
    [{ resource: { aws_sqs_queue: [] } }, ['resource.aws_sqs_queue must be an object (found array)']],
    [{ resource: { aws_sqs_queue: { q: [] } } }, ['resource.aws_sqs_queue.q must be an object (found array)']],
    [{ data: { aws_iam_policy_document: { p: 'x' } } }, ['data.aws_iam_policy_document.p must be an object (found string)']],
    [{ resource: { aws_sqs_queue: { 'a.b': {} } } }, ['resource.aws_sqs_queue["a.b"] is not a valid name (letters, digits, "_" and "-", not starting with a digit)']],
  ])('%j', (doc, expected) => {
    expect(validateConfigShape(doc)).toEqual(expected);
  });
});
