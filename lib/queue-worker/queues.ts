import { Construct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SqsQueue, SqsQueueConfig } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { QueueWorkerSettings } from './defaults';
import { policyDocument } from './policy-document';

/** What the queue builder makes: the source queue, its DLQ and the key encrypting both. */
export interface WorkerQueues {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: SqsQueue;
  /** The key encrypting both queues, when `encryption` is `kms`. */
  readonly kmsKeyArn?: string;
}

/** FIFO queue names must end in `.fifo`. */
function queueName(base: string, fifo: boolean): string {
  return fifo ? `${base}.fifo` : base;
}

export function sourceQueueName(s: QueueWorkerSettings): string {
  return queueName(s.name, s.fifo);
}

export function deadLetterQueueName(s: QueueWorkerSettings): string {
  return queueName(`${s.name}-dlq`, s.fifo);
}

/** Queue policy that refuses any request not made over TLS. */
function tlsOnlyQueuePolicy(queueArn: string): string {
  return policyDocument([
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sqs:*',
      Resource: queueArn,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ]);
}

function redrivePolicy(dlqArn: string, maxReceiveCount: number): string {
  return JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount });
}

function redriveAllowPolicy(sourceQueueArn: string): string {
  return JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [sourceQueueArn] });
}

/** The key, when the settings ask for KMS: the given one, or a new key with rotation on. */
function kmsKeyArn(scope: Construct, s: QueueWorkerSettings): string | undefined {
  if (s.encryption.kind !== 'kms') return undefined;
  return (
    s.encryption.keyArn ??
    new KmsKey(scope, 'Key', {
      description: `Encrypts the ${s.name} queue and its DLQ`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    }).arn
  );
}

/** The attributes both queues share: FIFO-ness and encryption at rest. */
function sharedQueueConfig(s: QueueWorkerSettings, keyArn: string | undefined): Partial<SqsQueueConfig> {
  const fifo = s.fifo ? { fifoQueue: true, contentBasedDeduplication: s.contentBasedDeduplication } : {};
  const encryption =
    s.encryption.kind === 'kms'
      ? { kmsMasterKeyId: keyArn, kmsDataKeyReusePeriodSeconds: s.encryption.dataKeyReusePeriod }
      : { sqsManagedSseEnabled: true };
  return { ...fifo, ...encryption };
}

/**
 * The source queue and its DLQ: redrive after `maxReceiveCount` receives, a DLQ that accepts only its
 * source, both encrypted and TLS-only.
 */
export function buildQueues(scope: Construct, s: QueueWorkerSettings): WorkerQueues {
  const keyArn = kmsKeyArn(scope, s);
  const shared = sharedQueueConfig(s, keyArn);
  const deadLetterQueue = new SqsQueue(scope, 'Dlq', {
    name: deadLetterQueueName(s),
    messageRetentionSeconds: s.dlqRetentionPeriod,
    ...shared,
  });
  const queue = new SqsQueue(scope, 'Queue', {
    name: sourceQueueName(s),
    visibilityTimeoutSeconds: s.visibilityTimeout,
    messageRetentionSeconds: s.retentionPeriod,
    redrivePolicy: redrivePolicy(deadLetterQueue.arn, s.maxReceiveCount),
    ...shared,
  });
  // A separate resource, so the DLQ can name its source without a dependency cycle.
  new SqsQueueRedriveAllowPolicy(scope, 'DlqRedriveAllow', {
    queueUrl: deadLetterQueue.url,
    redriveAllowPolicy: redriveAllowPolicy(queue.arn),
  });
  new SqsQueuePolicy(scope, 'QueuePolicy', { queueUrl: queue.url, policy: tlsOnlyQueuePolicy(queue.arn) });
  new SqsQueuePolicy(scope, 'DlqPolicy', { queueUrl: deadLetterQueue.url, policy: tlsOnlyQueuePolicy(deadLetterQueue.arn) });
  return { queue, deadLetterQueue, kmsKeyArn: keyArn };
}
