import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { onlyResource, resourceById, synthWorker } from '../../support/synth';
import { statements } from './policy-statements';

describe('QueueWorker with default props', () => {
  // GIVEN a worker with only a name and code
  const { json, config } = synthWorker();
  const queue = resourceById(config, 'aws_sqs_queue', 'Queue');
  const dlq = resourceById(config, 'aws_sqs_queue', 'Dlq');

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
});

describe('QueueWorker derived defaults', () => {
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
});
