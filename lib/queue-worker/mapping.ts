import { Construct } from 'constructs';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { QueueWorkerSettings } from './defaults';
import { WorkerQueues } from './queues';
import { WorkerFunction } from './worker';

/**
 * The mapping from the source queue to the function: partial batch responses, bounded concurrency
 * (maximum concurrency, or provisioned pollers), optional filters. FIFO queues take no batching window.
 */
export function buildEventSourceMapping(
  scope: Construct,
  s: QueueWorkerSettings,
  queues: WorkerQueues,
  worker: WorkerFunction,
): LambdaEventSourceMapping {
  return new LambdaEventSourceMapping(scope, 'EventSourceMapping', {
    eventSourceArn: queues.queue.arn,
    functionName: worker.function.arn,
    batchSize: s.batchSize,
    maximumBatchingWindowInSeconds: s.fifo ? undefined : s.maxBatchingWindow,
    functionResponseTypes: s.reportBatchItemFailures ? ['ReportBatchItemFailures'] : [],
    scalingConfig: s.maxConcurrency !== undefined ? { maximumConcurrency: s.maxConcurrency } : undefined,
    provisionedPollerConfig:
      s.provisionedPollers !== undefined
        ? { minimumPollers: s.provisionedPollers.minimum, maximumPollers: s.provisionedPollers.maximum }
        : undefined,
    enabled: s.enabled,
    filterCriteria:
      s.filterPatterns.length > 0 ? { filter: s.filterPatterns.map((p) => ({ pattern: JSON.stringify(p) })) } : undefined,
    // The poller needs the role's SQS permissions the moment the mapping exists.
    dependsOn: [worker.rolePolicy],
  });
}
