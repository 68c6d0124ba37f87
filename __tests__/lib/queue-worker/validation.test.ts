import { synthWorker } from '../../support/synth';

describe('QueueWorker validation', () => {
  test.each([
    [{ visibilityTimeout: 60 }, 'visibilityTimeout must be at least 6 × timeout 30 + maxBatchingWindow 0 = 180 (given 60)'],
    [{ timeout: 60, maxBatchingWindow: 5, visibilityTimeout: 300 }, 'visibilityTimeout must be at least 6 × timeout 60 + maxBatchingWindow 5 = 365 (given 300)'],
    [{ timeout: 901, visibilityTimeout: 6000 }, 'timeout must be an integer between 1 and 900 (given 901)'],
    [{ timeout: 0, visibilityTimeout: 30 }, 'timeout must be an integer between 1 and 900 (given 0)'],
    [{ maxReceiveCount: 50, visibilityTimeout: 7200 }, 'maxReceiveCount × visibilityTimeout must stay below retentionPeriod 345600, or failing messages expire before reaching the DLQ (given 50 × 7200 = 360000)'],
    [{ maxReceiveCount: 1001 }, 'maxReceiveCount must be an integer between 1 and 1000 (given 1001)'],
    [{ fifo: true, batchSize: 11 }, 'batchSize must be an integer between 1 and 10 (given 11)'],
    [{ fifo: true, maxBatchingWindow: 5 }, 'maxBatchingWindow must be 0 for a FIFO queue (given 5)'],
    [{ batchSize: 100 }, 'maxBatchingWindow must be at least 1 when batchSize is above 10 (given 0)'],
    [{ batchSize: 10001, maxBatchingWindow: 1 }, 'batchSize must be an integer between 1 and 10000 (given 10001)'],
    [{ maxBatchingWindow: 301 }, 'maxBatchingWindow must be an integer between 0 and 300 (given 301)'],
    [{ maxConcurrency: 1 }, 'maxConcurrency must be an integer between 2 and 1000 (given 1)'],
    [{ maxConcurrency: 1001 }, 'maxConcurrency must be an integer between 2 and 1000 (given 1001)'],
    [{ reservedConcurrency: 5, maxConcurrency: 10 }, 'maxConcurrency must not exceed reservedConcurrency 5: throttled batches push healthy messages to the DLQ (given 10)'],
    [{ reservedConcurrency: 0 }, 'reservedConcurrency must be an integer between 1 and 100000 (given 0)'],
    [{ retentionPeriod: 1209600, dlqRetentionPeriod: 345600 }, 'dlqRetentionPeriod must be at least retentionPeriod 1209600: a standard DLQ keeps the original enqueue time (given 345600)'],
    [{ retentionPeriod: 30 }, 'retentionPeriod must be an integer between 60 and 1209600 (given 30)'],
    [{ logRetentionDays: 2 }, 'logRetentionDays must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (given 2)'],
    [{ alarms: { createTopic: true, topicArn: 'arn:aws:sns:us-east-1:111122223333:ops' } }, 'alarms.createTopic and alarms.topicArn are mutually exclusive (given both)'],
    [{ name: 'orders.fifo' }, `name must be 1-70 letters, digits, '-' or '_' (given "orders.fifo")`],
  ])('rejects %j at synth time', (props, message) => {
    // WHEN the stack is synthesized THEN the error names the prop, the value and the rule
    expect(() => synthWorker(props)).toThrow(message);
  });

  test('reports every broken rule at once, prefixed with the construct path', () => {
    expect(() => synthWorker({ timeout: 1000, maxConcurrency: 1, visibilityTimeout: 10 })).toThrow(
      /^QueueWorker test\/orders: timeout must .*; maxConcurrency must .*; visibilityTimeout must/,
    );
  });

  test('a FIFO DLQ may be shorter-lived than its source (FIFO resets the enqueue time)', () => {
    expect(() => synthWorker({ fifo: true, retentionPeriod: 1209600, dlqRetentionPeriod: 345600 })).not.toThrow();
  });
});
