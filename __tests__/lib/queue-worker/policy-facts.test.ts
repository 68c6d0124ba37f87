import * as fs from 'fs';
import * as path from 'path';
import { loadPolicySync } from '@open-policy-agent/opa-wasm';
import { projectRoot } from '../../../lib/project-root';
import { POLICY_LIMITS, POLICY_THRESHOLDS } from '../../../lib/queue-worker/policy-facts';
import { onlyResource, resourceById, synthWorker } from '../../support/synth';

const POLICY_DIST = path.join(projectRoot(), 'policies', 'dist');

const compiledPolicy = loadPolicySync(fs.readFileSync(path.join(POLICY_DIST, 'policy.wasm')));

/** The compiled policy's own defaults, from its `threshold_defaults` entrypoint (the real Wasm). */
function compiledThresholdDefaults(): Record<string, unknown> {
  const result = compiledPolicy.evaluate({}, 'sqsguard/main/threshold_defaults') as { result?: Record<string, unknown> }[];
  const defaults = result?.[0]?.result;
  if (defaults === undefined) throw new Error('policy.wasm: threshold_defaults gave no result');
  return defaults;
}

describe('policy facts shared with the compiled policy', () => {
  const policyDefaults = compiledThresholdDefaults();

  test('thresholds.json holds exactly the thresholds of the compiled policy', () => {
    const file = JSON.parse(fs.readFileSync(path.join(POLICY_DIST, 'thresholds.json'), 'utf8'));
    expect(file.thresholds).toEqual(policyDefaults);
    expect(POLICY_THRESHOLDS).toEqual(policyDefaults);
  });

  describe("the construct's defaults equal the compiled policy's", () => {
    // GIVEN a worker with only a name and code
    const { config } = synthWorker();
    const queue = resourceById(config, 'aws_sqs_queue', 'Queue');

    test('visibility timeout: the policy multiplier × function timeout + batching window', () => {
      const fn = onlyResource(config, 'aws_lambda_function');
      const mapping = onlyResource(config, 'aws_lambda_event_source_mapping');
      expect(queue.visibility_timeout_seconds).toBe(
        (policyDefaults.visibility_timeout_multiplier as number) * (fn.timeout as number) +
          (mapping.maximum_batching_window_in_seconds as number),
      );
    });

    test("maxReceiveCount: the policy's minimum", () => {
      expect(JSON.parse(queue.redrive_policy as string).maxReceiveCount).toBe(policyDefaults.max_receive_count_min);
    });

    test("DLQ retention: the policy's minimum", () => {
      expect(resourceById(config, 'aws_sqs_queue', 'Dlq').message_retention_seconds).toBe(
        policyDefaults.dlq_retention_min_seconds,
      );
    });
  });
});

/** The rule ids the compiled policy reports on a synthesized config. */
function policyRuleIds(config: unknown): string[] {
  const result = compiledPolicy.evaluate(config, 'sqsguard/main') as { result?: { findings?: { rule: string }[] } }[];
  return (result?.[0]?.result?.findings ?? []).map((f) => f.rule);
}

describe('the construct and the compiled policy draw each limit at the same place', () => {
  test.each([
    ['timeout', 'SQSL013', POLICY_LIMITS.function_timeout_min_seconds, -1],
    ['timeout', 'SQSL013', POLICY_LIMITS.function_timeout_max_seconds, +1],
    ['maxConcurrency', 'SQSL012', POLICY_LIMITS.maximum_concurrency_min, -1],
    ['maxConcurrency', 'SQSL012', POLICY_LIMITS.maximum_concurrency_max, +1],
  ])('%s (%s) at %i is accepted by both; one step outside is rejected by both', (prop, rule, limit, step) => {
    // GIVEN the prop at the limit THEN the construct builds it and the policy raises nothing about it
    expect(policyRuleIds(synthWorker({ [prop]: limit }).config)).not.toContain(rule);
    // GIVEN the prop one step outside THEN validation rejects it, and the policy denies what it would build
    const outside = limit + step;
    expect(() => synthWorker({ [prop]: outside })).toThrow(`${prop} must be an integer between`);
    expect(policyRuleIds(synthWorker({ [prop]: outside, unsafeSkipValidation: true }).config)).toContain(rule);
  });
});
