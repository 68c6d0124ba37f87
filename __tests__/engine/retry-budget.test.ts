import { ACCOUNT_CONCURRENCY_DEFAULT, retryBudget } from '../../lib/engine/retry-budget';
import { PolicyPipeline } from '../../lib/engine/contract';

const pipeline = (over: Partial<PolicyPipeline> = {}): PolicyPipeline => ({
  mapping: 'aws_lambda_event_source_mapping.m',
  queue: 'aws_sqs_queue.q',
  function: 'aws_lambda_function.f',
  dlq: 'aws_sqs_queue.dlq',
  fifo: false,
  max_receive_count: 5,
  visibility_timeout: 180,
  function_timeout: 30,
  batch_size: 10,
  batching_window: 0,
  source_retention: 345600,
  dlq_retention: 1209600,
  maximum_concurrency: null,
  reserved_concurrency: null,
  report_batch_item_failures: true,
  ...over,
});

describe('retryBudget', () => {
  it('GIVEN a queue with a DLQ WHEN computed THEN receives, time to DLQ, retention and duplicate window follow maxReceiveCount x VT', () => {
    const b = retryBudget(pipeline());
    expect(b.max_receives_before_dlq).toBe(5);
    expect(b.time_to_dlq_seconds).toBe(900);
    expect(b.source_retention_seconds).toBe(345600);
    expect(b.expires_before_dlq).toBe(false);
    expect(b.dlq_retention_seconds).toBe(1209600);
    // a standard queue keeps the enqueue timestamp: the retry time counts against the DLQ's retention
    expect(b.time_in_dlq_seconds).toBe(1209600 - 900);
    expect(b.duplicate_window_seconds).toBe(900);
    expect(b.retries_until_expiry).toBeNull();
  });

  it('GIVEN a queue without a DLQ (VT 1440 s, retention 345600 s) WHEN computed THEN it is retried 240 times until it expires', () => {
    const b = retryBudget(pipeline({ dlq: null, max_receive_count: null, dlq_retention: null, visibility_timeout: 1440 }));
    expect(b.retries_until_expiry).toBe(240);
    expect(b.expires_before_dlq).toBe(true);
    expect(b.max_receives_before_dlq).toBeNull();
    expect(b.time_to_dlq_seconds).toBeNull();
    expect(b.dlq_retention_seconds).toBeNull();
    expect(b.duplicate_window_seconds).toBe(345600);
  });

  it('GIVEN maxReceiveCount x VT above the retention WHEN computed THEN the message expires before the DLQ', () => {
    const b = retryBudget(pipeline({ max_receive_count: 100, visibility_timeout: 3600, source_retention: 86400 }));
    expect(b.time_to_dlq_seconds).toBe(360000);
    expect(b.expires_before_dlq).toBe(true);
    expect(b.duplicate_window_seconds).toBe(86400);
  });

  it('GIVEN a FIFO pair WHEN computed THEN the DLQ keeps the message for its whole retention', () => {
    expect(retryBudget(pipeline({ fifo: true })).time_in_dlq_seconds).toBe(1209600);
  });

  it.each([
    [{}, ACCOUNT_CONCURRENCY_DEFAULT, 'account default'],
    [{ maximum_concurrency: 50 }, 50, 'maximum_concurrency'],
    [{ reserved_concurrency: 20 }, 20, 'reserved_concurrency'],
    [{ maximum_concurrency: 50, reserved_concurrency: 20 }, 20, 'reserved_concurrency'],
    [{ maximum_concurrency: 5, reserved_concurrency: 20 }, 5, 'maximum_concurrency'],
    [{ reserved_concurrency: -1 }, ACCOUNT_CONCURRENCY_DEFAULT, 'account default'],
    [{ reserved_concurrency: 0 }, 0, 'reserved_concurrency'],
  ] as [Partial<PolicyPipeline>, number, string][])('GIVEN %j WHEN computed THEN %d concurrent batches (%s)', (over, batches, by) => {
    const b = retryBudget(pipeline(over));
    expect(b.max_concurrent_batches).toBe(batches);
    expect(b.concurrency_limited_by).toBe(by);
    expect(b.max_messages_in_flight).toBe(batches * 10);
  });

  it('GIVEN values only known after apply WHEN computed THEN the quantities they feed are "unknown"', () => {
    const b = retryBudget(pipeline({ visibility_timeout: 'unknown', reserved_concurrency: 'unknown' }));
    expect(b.time_to_dlq_seconds).toBe('unknown');
    expect(b.expires_before_dlq).toBe('unknown');
    expect(b.duplicate_window_seconds).toBe('unknown');
    expect(b.max_concurrent_batches).toBe('unknown');
    expect(b.max_receives_before_dlq).toBe(5);
    expect(retryBudget(pipeline({ dlq: 'unknown' })).retries_until_expiry).toBe('unknown');
  });
});
