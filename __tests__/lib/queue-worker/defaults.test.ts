import { onlyResource, resourceById, synthWorker } from '../../support/synth';

describe('QueueWorker with default props', () => {
  // GIVEN a worker with only a name and code
  const { config } = synthWorker();
  const queue = resourceById(config, 'aws_sqs_queue', 'Queue');

  test('derives the visibility timeout as 6 × function timeout + batching window', () => {
    // THEN timeout 30 s and window 0 s give 180 s
    expect(queue.visibility_timeout_seconds).toBe(180);
    expect(onlyResource(config, 'aws_lambda_function').timeout).toBe(30);
  });
});

describe('QueueWorker derived defaults', () => {
  test('adds the batching window to the derived visibility timeout', () => {
    // GIVEN timeout 20 s and a 10 s window WHEN synthesized THEN VT = 6 × 20 + 10
    const { config } = synthWorker({ timeout: 20, maxBatchingWindow: 10 });
    expect(resourceById(config, 'aws_sqs_queue', 'Queue').visibility_timeout_seconds).toBe(130);
  });

  test('lets every default be overridden', () => {
    const { config } = synthWorker({
      visibilityTimeout: 600,
      maxReceiveCount: 10,
      dlqRetentionPeriod: 604800,
      batchSize: 5,
      reportBatchItemFailures: false,
      reservedConcurrency: 10,
      maxConcurrency: 4,
      enabled: false,
    });
    const queue = resourceById(config, 'aws_sqs_queue', 'Queue');
    expect(queue.visibility_timeout_seconds).toBe(600);
    expect(JSON.parse(queue.redrive_policy as string).maxReceiveCount).toBe(10);
    expect(resourceById(config, 'aws_sqs_queue', 'Dlq').message_retention_seconds).toBe(604800);
    expect(onlyResource(config, 'aws_lambda_event_source_mapping')).toMatchObject({
      batch_size: 5,
      function_response_types: [],
      scaling_config: { maximum_concurrency: 4 },
      enabled: false,
    });
  });
});
