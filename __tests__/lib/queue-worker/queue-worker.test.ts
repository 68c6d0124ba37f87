import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { QueueWorker } from '../../../lib/queue-worker';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { WORKER_DIR, onlyResource, resourceById, synthWorker } from '../../support/synth';

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Principal?: unknown;
  Condition?: unknown;
}
const statements = (policy: unknown): Statement[] => (JSON.parse(policy as string) as { Statement: Statement[] }).Statement;

describe('QueueWorker with default props', () => {
  // GIVEN a worker with only a name and code
  const { json, config } = synthWorker();
  const queue = resourceById(config, 'aws_sqs_queue', 'Queue');
  const dlq = resourceById(config, 'aws_sqs_queue', 'Dlq');

  test('derives the visibility timeout as 6 × function timeout + batching window', () => {
    // THEN timeout 30 s and window 0 s give 180 s
    expect(queue.visibility_timeout_seconds).toBe(180);
    expect(onlyResource(config, 'aws_lambda_function').timeout).toBe(30);
  });

  test('redrives to a DLQ after 5 receives', () => {
    const redrive = JSON.parse(queue.redrive_policy as string);
    expect(redrive).toEqual({ deadLetterTargetArn: expect.stringMatching(/^\$\{aws_sqs_queue\.orders_Dlq_[0-9A-F]+\.arn\}$/), maxReceiveCount: 5 });
  });

  test('keeps DLQ messages 14 days, longer than the source 4 days', () => {
    expect(queue.message_retention_seconds).toBe(345600);
    expect(dlq.message_retention_seconds).toBe(1209600);
  });

  test('encrypts both queues with SSE-SQS', () => {
    expect(queue.sqs_managed_sse_enabled).toBe(true);
    expect(dlq.sqs_managed_sse_enabled).toBe(true);
    expect(json).not.toHaveResource(KmsKey);
  });

  test('restricts the DLQ to its source queue with a separate redrive-allow policy', () => {
    expect(json).toHaveResourceWithProperties(SqsQueueRedriveAllowPolicy, {
      queue_url: expect.stringMatching(/orders_Dlq_.*\.url/),
    });
    const allow = JSON.parse(onlyResource(config, 'aws_sqs_queue_redrive_allow_policy').redrive_allow_policy as string);
    expect(allow).toEqual({ redrivePermission: 'byQueue', sourceQueueArns: [expect.stringMatching(/orders_Queue_.*\.arn/)] });
  });

  test('denies non-TLS access to both queues', () => {
    const policies = Object.values(config.resource.aws_sqs_queue_policy);
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(statements(policy.policy)).toEqual([
        expect.objectContaining({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]);
    }
  });

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

  test('grants the role the four poller actions on the source queue only, and logs on its own group', () => {
    const [poll, logs, ...rest] = statements(onlyResource(config, 'aws_iam_role_policy').policy);
    expect(rest).toEqual([]);
    expect(poll).toEqual({
      Sid: 'PollSourceQueue',
      Effect: 'Allow',
      Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
      Resource: expect.stringMatching(/^\$\{aws_sqs_queue\.orders_Queue_[0-9A-F]+\.arn\}$/),
    });
    expect(logs.Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(logs.Resource).toMatch(/^\$\{aws_cloudwatch_log_group\.orders_LogGroup_[0-9A-F]+\.arn\}:\*$/);
    expect(JSON.stringify(statements(onlyResource(config, 'aws_iam_role_policy').policy))).not.toContain('"*"');
  });

  test('bundles the worker code as a zip asset with a content hash', () => {
    expect(json).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'orders-worker',
      handler: 'handler.handler',
      runtime: 'nodejs20.x',
      filename: expect.stringMatching(/^assets\/.*\.zip$/),
      source_code_hash: expect.stringMatching(/^\$\{filebase64sha256\("assets\/.*\.zip"\)\}$/),
    });
  });

  test('alarms on DLQ depth > 0 and on the oldest message age', () => {
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'ApproximateNumberOfMessagesVisible',
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
      dimensions: { QueueName: expect.stringMatching(/orders_Dlq_.*\.name/) },
    });
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'ApproximateAgeOfOldestMessage',
      threshold: 3600,
      dimensions: { QueueName: expect.stringMatching(/orders_Queue_.*\.name/) },
    });
    expect(json).not.toHaveResource(SnsTopic);
  });

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
});

describe('QueueWorker derived defaults', () => {
  test('adds the batching window to the derived visibility timeout', () => {
    // GIVEN timeout 20 s and a 10 s window WHEN synthesized THEN VT = 6 × 20 + 10
    const { config } = synthWorker({ timeout: 20, maxBatchingWindow: 10 });
    expect(resourceById(config, 'aws_sqs_queue', 'Queue').visibility_timeout_seconds).toBe(130);
  });

  test('bounds mapping concurrency by reserved concurrency', () => {
    const { json } = synthWorker({ reservedConcurrency: 7 });
    expect(json).toHaveResourceWithProperties(LambdaFunction, { reserved_concurrent_executions: 7 });
    expect(json).toHaveResourceWithProperties(LambdaEventSourceMapping, { scaling_config: { maximum_concurrency: 7 } });
  });

  test('leaves partial batch responses off for single-record batches', () => {
    const { config } = synthWorker({ batchSize: 1 });
    expect(onlyResource(config, 'aws_lambda_event_source_mapping').function_response_types).toEqual([]);
  });

  test('caps the oldest-message alarm at half a short retention', () => {
    const { config } = synthWorker({ retentionPeriod: 3600, timeout: 10 });
    expect(resourceById(config, 'aws_cloudwatch_metric_alarm', 'OldestMessageAlarm').threshold).toBe(1800);
  });

  test('makes a FIFO source and a FIFO DLQ, without a batching window', () => {
    const { config } = synthWorker({ fifo: true, contentBasedDeduplication: true });
    const queue = resourceById(config, 'aws_sqs_queue', 'Queue');
    const dlq = resourceById(config, 'aws_sqs_queue', 'Dlq');
    expect(queue).toMatchObject({ name: 'orders.fifo', fifo_queue: true, content_based_deduplication: true });
    expect(dlq).toMatchObject({ name: 'orders-dlq.fifo', fifo_queue: true });
    expect(onlyResource(config, 'aws_lambda_event_source_mapping').maximum_batching_window_in_seconds).toBeUndefined();
  });

  test('creates a rotating CMK and grants kms:Decrypt on it when asked for KMS', () => {
    const { json, config } = synthWorker({ encryption: { kind: 'kms' } });
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    expect(json).toHaveResourceWithProperties(SqsQueue, {
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.orders_Key_[0-9A-F]+\.arn\}$/),
    });
    const decrypt = statements(onlyResource(config, 'aws_iam_role_policy').policy).find((s) => s.Sid === 'DecryptSourceMessages');
    expect(decrypt).toEqual({
      Sid: 'DecryptSourceMessages',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: expect.stringMatching(/^\$\{aws_kms_key\.orders_Key_[0-9A-F]+\.arn\}$/),
    });
  });

  test('uses a given key ARN without creating a key', () => {
    const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { json, config } = synthWorker({ encryption: { kind: 'kms', keyArn } });
    expect(json).not.toHaveResource(KmsKey);
    expect(resourceById(config, 'aws_sqs_queue', 'Dlq').kms_master_key_id).toBe(keyArn);
    expect(statements(onlyResource(config, 'aws_iam_role_policy').policy).map((s) => s.Resource)).toContain(keyArn);
  });

  test('wires both alarms to a created, encrypted SNS topic', () => {
    const { json, config } = synthWorker({ alarms: { createTopic: true } });
    expect(json).toHaveResourceWithProperties(SnsTopic, { kms_master_key_id: 'alias/aws/sns' });
    for (const alarm of Object.values(config.resource.aws_cloudwatch_metric_alarm)) {
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/aws_sns_topic\..*\.arn/)]);
    }
  });

  test('passes filter patterns as JSON strings', () => {
    const { json } = synthWorker({ filterPatterns: [{ body: { type: ['order'] } }] });
    expect(json).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      filter_criteria: { filter: [{ pattern: '{"body":{"type":["order"]}}' }] },
    });
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

  test('the unsafe escape hatch synthesizes what validation would reject', () => {
    const { config } = synthWorker({ visibilityTimeout: 10, unsafeSkipValidation: true });
    expect(resourceById(config, 'aws_sqs_queue', 'Queue').visibility_timeout_seconds).toBe(10);
  });
});

describe('QueueWorker code asset', () => {
  test('workers with the same code in one stack share one zip', () => {
    // GIVEN two workers built from the same directory in one stack
    const app = Testing.app();
    const stack = new TerraformStack(app, 'shared');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new QueueWorker(stack, 'a', { name: 'a', code: { directory: WORKER_DIR } });
    new QueueWorker(stack, 'b', { name: 'b', code: { directory: WORKER_DIR } });
    // WHEN synthesized
    const config = JSON.parse(Testing.synth(stack));
    // THEN both functions point at the same archive
    const filenames = Object.values(config.resource.aws_lambda_function as Record<string, { filename: string }>).map((f) => f.filename);
    expect(filenames).toHaveLength(2);
    expect(new Set(filenames).size).toBe(1);
  });
});
