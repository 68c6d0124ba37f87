import { resourceById, synthWorker } from '../../support/synth';

describe('QueueWorker with default props', () => {
  // GIVEN a worker with only a name and code
  const { config } = synthWorker();

  test("creates exactly the pattern's resource types", () => {
    expect(Object.keys(config.resource).sort()).toEqual([
      'aws_cloudwatch_log_group',
      'aws_cloudwatch_metric_alarm',
      'aws_iam_role',
      'aws_iam_role_policy',
      'aws_lambda_event_source_mapping',
      'aws_lambda_function',
      'aws_sqs_queue',
      'aws_sqs_queue_policy',
      'aws_sqs_queue_redrive_allow_policy',
    ]);
  });

  test('passes the policy catalogue with no finding at all', () => {
    expect(synthWorker().json).toPassSqsguard({ strict: true });
    expect(() => expect(synthWorker().json).toHaveSqsguardFinding('SQSL*')).toThrow('the stack has no findings');
  });
});

describe('QueueWorker with every option', () => {
  test('a KMS-encrypted, FIFO, alarmed worker passes sqsguard strictly', () => {
    const { json } = synthWorker({ fifo: true, encryption: { kind: 'kms' }, alarms: { createTopic: true }, reservedConcurrency: 20, timeout: 60 });
    expect(json).toPassSqsguard({ strict: true });
  });
});

describe('QueueWorker validation', () => {
  test('the unsafe escape hatch synthesizes what validation would reject', () => {
    const { config } = synthWorker({ visibilityTimeout: 10, unsafeSkipValidation: true });
    expect(resourceById(config, 'aws_sqs_queue', 'Queue').visibility_timeout_seconds).toBe(10);
    // and the policy, the second line of defence, flags it
    expect(config).not.toPassSqsguard();
    expect(config).toHaveSqsguardFinding('SQSL002', { resource: 'aws_sqs_queue.orders_Queue_*', severity: 'deny' });
  });
});
