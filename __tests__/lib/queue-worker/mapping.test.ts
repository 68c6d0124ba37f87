import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { onlyResource, synthWorker } from '../../support/synth';

describe('QueueWorker with default props', () => {
  // GIVEN a worker with only a name and code
  const { json, config } = synthWorker();

  test('turns partial batch responses on for batches of 10', () => {
    expect(json).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      batch_size: 10,
      maximum_batching_window_in_seconds: 0,
      function_response_types: ['ReportBatchItemFailures'],
      enabled: true,
    });
  });

  test('leaves mapping concurrency unbounded when no reserved concurrency is set', () => {
    const mapping = onlyResource(config, 'aws_lambda_event_source_mapping');
    expect(mapping.scaling_config).toBeUndefined();
    expect(onlyResource(config, 'aws_lambda_function').reserved_concurrent_executions).toBeUndefined();
  });
});

describe('QueueWorker derived defaults', () => {
  test('bounds mapping concurrency by reserved concurrency', () => {
    const { json } = synthWorker({ reservedConcurrency: 7 });
    expect(json).toHaveResourceWithProperties(LambdaFunction, { reserved_concurrent_executions: 7 });
    expect(json).toHaveResourceWithProperties(LambdaEventSourceMapping, { scaling_config: { maximum_concurrency: 7 } });
  });

  test('leaves partial batch responses off for single-record batches', () => {
    const { config } = synthWorker({ batchSize: 1 });
    expect(onlyResource(config, 'aws_lambda_event_source_mapping').function_response_types).toEqual([]);
  });

  test('passes filter patterns as JSON strings', () => {
    const { json } = synthWorker({ filterPatterns: [{ body: { type: ['order'] } }] });
    expect(json).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      filter_criteria: { filter: [{ pattern: '{"body":{"type":["order"]}}' }] },
    });
  });

  test('provisioned pollers replace maximum concurrency', () => {
    const { config } = synthWorker({ provisionedPollers: { minimum: 2, maximum: 50 } });
    const mapping = onlyResource(config, 'aws_lambda_event_source_mapping');
    expect(mapping.provisioned_poller_config).toEqual({ minimum_pollers: 2, maximum_pollers: 50 });
    expect(mapping.scaling_config).toBeUndefined();
  });

  test('on-demand polling has no provisioned poller config', () => {
    const { config } = synthWorker({ reservedConcurrency: 7 });
    expect(onlyResource(config, 'aws_lambda_event_source_mapping').provisioned_poller_config).toBeUndefined();
  });
});
