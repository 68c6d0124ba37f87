import { Testing, TerraformStack } from 'cdktf';
import { QueueWorker, QueueWorkerProps } from '../../../lib/queue-worker';
import { WORKER_DIR, synthWorker } from '../../support/synth';

describe('QueueWorker validation', () => {
  test.each<[Partial<QueueWorkerProps>, string]>([
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
    [{ reservedConcurrency: 0 }, 'reservedConcurrency must be an integer between 5 and 100000 (given 0) [prevents SQSL010]'],
    [{ retentionPeriod: 1209600, dlqRetentionPeriod: 345600 }, 'dlqRetentionPeriod must be at least retentionPeriod 1209600: a standard DLQ keeps the original enqueue time (given 345600)'],
    [{ retentionPeriod: 30 }, 'retentionPeriod must be an integer between 60 and 1209600 (given 30)'],
    [{ logRetentionDays: 2 }, 'logRetentionDays must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (given 2)'],
    [{ alarms: { createTopic: true, topicArn: 'arn:aws:sns:us-east-1:111122223333:ops' } }, 'alarms.createTopic and alarms.topicArn are mutually exclusive (given both)'],
    [{ name: 'orders.fifo' }, `name must be letters, digits, '-' or '_' (given "orders.fifo") [AWS rejects it]`],
    // refusals name the rule they prevent
    [{ maxConcurrency: 1 }, 'maxConcurrency must be an integer between 2 and 1000 (given 1) [prevents SQSL012]'],
    [{ visibilityTimeout: 60 }, '(given 60) [prevents SQSL002]'],
    [{ reservedConcurrency: 5, maxConcurrency: 10 }, '(given 10) [prevents SQSL011]'],
    // issue 11: what AWS rejects or the catalogue v2 rules flag
    [{ reservedConcurrency: 1 }, 'reservedConcurrency must be an integer between 5 and 100000 (given 1) [prevents catalogue v2 rule 3, reserved concurrency without maximum concurrency]'],
    [{ reservedConcurrency: 4 }, 'reservedConcurrency must be an integer between 5 and 100000 (given 4)'],
    [{ name: 'a'.repeat(58) }, `name must be at most 57 characters: the function and its role are named "<name>-worker", at most 64 (given "${'a'.repeat(58)}", 58 characters) [AWS rejects it]`],
    [{ name: 'b'.repeat(70) }, 'name must be at most 57 characters'],
    [{ runtime: 'nodejs20.x' }, 'runtime must be one AWS supports: nodejs20.x was deprecated on 2026-04-30, use nodejs22.x or later (given "nodejs20.x") [AWS rejects it]'],
    [{ runtime: 'nodejs18.x' }, 'nodejs18.x was deprecated on 2025-09-01'],
    [{ runtime: 'python3.8' }, 'python3.8 was deprecated on 2024-10-14'],
    [{ code: { directory: WORKER_DIR, handler: 'handler' } }, 'code.handler must be <file>.<export>, with a dot (given "handler") [AWS rejects it]'],
    [{ code: { directory: WORKER_DIR, handler: '.handler' } }, 'code.handler must be <file>.<export>, with a dot (given ".handler")'],
    [{ environment: { AWS_REGION: 'eu-west-1', STAGE: 'prod', AWS_LAMBDA_FUNCTION_NAME: 'x', _HANDLER: 'y' } }, 'environment must not set the names the Lambda runtime reserves (given AWS_REGION, AWS_LAMBDA_FUNCTION_NAME, _HANDLER) [AWS rejects it]'],
    [{ filterPatterns: Array.from({ length: 6 }, (_, i) => ({ body: { type: [`t${i}`] } })) }, "filterPatterns must hold at most 5 patterns, AWS's default quota per event source mapping (given 6) [AWS rejects it]"],
    [{ filterPatterns: [{ body: { type: ['order'] } }, { messageAttributes: { type: { stringValue: ['order'] } }, body: { a: [1] } }] }, 'filterPatterns[1] must filter on body only, what SQS event filtering matches (given messageAttributes) [prevents catalogue v2 rule 1, event filtering deletes messages]'],
    [{ filterPatterns: [{ type: ['order'] }] }, 'filterPatterns[0] must filter on body only, what SQS event filtering matches (given type)'],
    [{ encryption: { kind: 'kms', keyArn: 'alias/orders' } }, 'encryption.keyArn must be a KMS key ARN, arn:<partition>:kms:<region>:<account>:key/<id> (given "alias/orders") [prevents SQSL025]'],
    [{ encryption: { kind: 'kms', keyArn: 'arn:aws:kms:us-east-1:111122223333:alias/orders' } }, 'encryption.keyArn must be a KMS key ARN'],
    [{ alarms: { topicArn: 'ops-alarms' } }, 'alarms.topicArn must be an SNS topic ARN, arn:<partition>:sns:<region>:<account>:<name> (given "ops-alarms") [AWS rejects it]'],
    [{ alarms: { topicArn: 'arn:aws:sqs:us-east-1:111122223333:ops' } }, 'alarms.topicArn must be an SNS topic ARN'],
    [{ contentBasedDeduplication: true }, 'contentBasedDeduplication must not be set without fifo: only FIFO queues deduplicate (given true) [AWS rejects it]'],
    [{ provisionedPollers: { minimum: 1, maximum: 10 } }, 'provisionedPollers.minimum must be an integer between 2 and 200 (given 1) [prevents catalogue v2 rule 6, provisioned mode]'],
    [{ provisionedPollers: { minimum: 201, maximum: 300 } }, 'provisionedPollers.minimum must be an integer between 2 and 200 (given 201)'],
    [{ provisionedPollers: { minimum: 10, maximum: 5 } }, 'provisionedPollers.maximum must be an integer between 10 and 2000 (given 5) [AWS rejects it]'],
    [{ provisionedPollers: { minimum: 2, maximum: 2001 } }, 'provisionedPollers.maximum must be an integer between 2 and 2000 (given 2001)'],
    [{ provisionedPollers: { minimum: 2, maximum: 10 }, maxConcurrency: 5 }, 'maxConcurrency and provisionedPollers are mutually exclusive (given maxConcurrency 5) [prevents catalogue v2 rule 6, provisioned mode]'],
    [{ provisionedPollers: { minimum: 2, maximum: 10 }, reservedConcurrency: 50 }, 'reservedConcurrency must not be set with provisionedPollers: provisioned mode has no maximum concurrency to keep the mapping below the reservation (given 50) [prevents catalogue v2 rule 3, reserved concurrency without maximum concurrency]'],
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

  test.each([
    ['a'.repeat(57)],
    ['orders'],
  ])('accepts a %s-character name (the function and role names stay within 64)', (name) => {
    const { config } = synthWorker({ name });
    const fn = Object.values(config.resource.aws_lambda_function)[0];
    expect(String(fn.function_name).length).toBeLessThanOrEqual(64);
  });

  test('accepts the edges of every new range', () => {
    expect(() => synthWorker({ reservedConcurrency: 5 })).not.toThrow();
    expect(() => synthWorker({ provisionedPollers: { minimum: 2, maximum: 2 } })).not.toThrow();
    expect(() => synthWorker({ provisionedPollers: { minimum: 200, maximum: 2000 } })).not.toThrow();
    expect(() => synthWorker({ filterPatterns: Array.from({ length: 5 }, (_, i) => ({ body: { n: [i] } })) })).not.toThrow();
    expect(() => synthWorker({ fifo: true, contentBasedDeduplication: true })).not.toThrow();
    expect(() => synthWorker({ runtime: 'python3.13', code: { directory: WORKER_DIR, handler: 'app.main' } })).not.toThrow();
    expect(() => synthWorker({ environment: { STAGE: 'prod', AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1' } })).not.toThrow();
    expect(() =>
      synthWorker({ encryption: { kind: 'kms', keyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' } }),
    ).not.toThrow();
    expect(() => synthWorker({ alarms: { topicArn: 'arn:aws-us-gov:sns:us-gov-west-1:111122223333:ops.fifo' } })).not.toThrow();
  });

  test('refuses a second worker with the same name in one stack, naming the first', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new QueueWorker(stack, 'first', { name: 'orders', code: { directory: WORKER_DIR } });
    expect(() => new QueueWorker(stack, 'second', { name: 'orders', code: { directory: WORKER_DIR } })).toThrow(
      'QueueWorker test/second: name must be unique in the stack: QueueWorker test/first is named "orders" too (given "orders") [prevents catalogue v2 rule 2, competing consumers]',
    );
    expect(() => new QueueWorker(stack, 'third', { name: 'payments', code: { directory: WORKER_DIR } })).not.toThrow();
  });

  test('allows the same name in two stacks', () => {
    const app = Testing.app();
    for (const id of ['a', 'b']) {
      expect(() => new QueueWorker(new TerraformStack(app, id), 'orders', { name: 'orders', code: { directory: WORKER_DIR } })).not.toThrow();
    }
  });
});
