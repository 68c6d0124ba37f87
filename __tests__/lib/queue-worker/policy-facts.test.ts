import * as fs from 'fs';
import * as path from 'path';
import { loadPolicySync } from '@open-policy-agent/opa-wasm';
import { projectRoot } from '../../../lib/project-root';
import { POLICY_LIMITS, POLICY_THRESHOLDS } from '../../../lib/queue-worker/policy-facts';
import { onlyResource, resourceById, synthWorker } from '../../support/synth';

const POLICY_DIST = path.join(projectRoot(), 'policies', 'dist');

/** The compiled policy's own defaults, from its `threshold_defaults` entrypoint (the real Wasm). */
function compiledThresholdDefaults(): Record<string, unknown> {
  const policy = loadPolicySync(fs.readFileSync(path.join(POLICY_DIST, 'policy.wasm')));
  const result = policy.evaluate({}, 'sqsguard/main/threshold_defaults') as { result?: Record<string, unknown> }[];
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

  test('the limits are the AWS limits the policy checks', () => {
    expect(POLICY_LIMITS).toEqual({
      function_timeout_min_seconds: 1,
      function_timeout_max_seconds: 900,
      maximum_concurrency_min: 2,
      maximum_concurrency_max: 1000,
    });
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
