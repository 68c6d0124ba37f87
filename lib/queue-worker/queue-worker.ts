import * as path from 'path';
import { AssetType, Fn, TerraformAsset, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { QueueWorkerSettings, resolveQueueWorkerSettings } from './queue-worker-defaults';
import {
  buildWorkerBundle,
  lambdaAssumeRolePolicy,
  queueName,
  redriveAllowPolicy,
  redrivePolicy,
  tlsOnlyQueuePolicy,
  validateQueueWorkerSettings,
  workerRolePolicy,
} from './queue-worker-helper';
import { QueueWorkerProps } from './queue-worker-props';

/** One zip per stack and bundle: workers sharing their code share the asset. */
const assetsByStack = new WeakMap<TerraformStack, Map<string, TerraformAsset>>();

/**
 * The zip of a worker bundle, created once per stack. cdktf zips each asset in a child process at
 * synth time (~150 ms each), so a stack of 100 workers with the same code zips once, not 100 times.
 */
function workerAsset(scope: Construct, bundleDir: string): TerraformAsset {
  const stack = TerraformStack.of(scope);
  let assets = assetsByStack.get(stack);
  if (!assets) {
    assets = new Map();
    assetsByStack.set(stack, assets);
  }
  let asset = assets.get(bundleDir);
  if (!asset) {
    // The bundle directory is named by the hash of the sources: a stable, unique construct id.
    asset = new TerraformAsset(stack, `WorkerCode-${path.basename(bundleDir)}`, { path: bundleDir, type: AssetType.ARCHIVE });
    assets.set(bundleDir, asset);
  }
  return asset;
}

/**
 * An SQS queue in front of a Lambda function, safe by construction: DLQ with a redrive-allow policy,
 * visibility timeout derived from the function timeout, partial batch responses, bounded mapping
 * concurrency, TLS-only encrypted queues, a least-privilege role and alarms on the DLQ and queue age.
 */
export class QueueWorker extends Construct {
  /** The settings the pattern was built from, defaults applied. */
  public readonly settings: QueueWorkerSettings;
  public readonly queue: SqsQueue;
  public readonly deadLetterQueue: SqsQueue;
  public readonly function: LambdaFunction;
  public readonly eventSourceMapping: LambdaEventSourceMapping;
  public readonly role: IamRole;
  public readonly logGroup: CloudwatchLogGroup;
  /** The key encrypting both queues, when `encryption` is `kms`. */
  public readonly kmsKeyArn?: string;
  public readonly alarmTopic?: SnsTopic;

  constructor(scope: Construct, id: string, props: QueueWorkerProps) {
    super(scope, id);
    const s = resolveQueueWorkerSettings(props);
    if (!props.unsafeSkipValidation) {
      const errors = validateQueueWorkerSettings(s);
      if (errors.length > 0) {
        throw new Error(`QueueWorker ${this.node.path}: ${errors.join('; ')}`);
      }
    }
    this.settings = s;

    if (s.encryption.kind === 'kms') {
      this.kmsKeyArn =
        s.encryption.keyArn ??
        new KmsKey(this, 'Key', {
          description: `Encrypts the ${s.name} queue and its DLQ`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
        }).arn;
    }
    const encryption =
      s.encryption.kind === 'kms'
        ? {
            kmsMasterKeyId: this.kmsKeyArn,
            kmsDataKeyReusePeriodSeconds: s.encryption.dataKeyReusePeriod ?? 300,
          }
        : { sqsManagedSseEnabled: true };
    const fifo = s.fifo ? { fifoQueue: true, contentBasedDeduplication: s.contentBasedDeduplication } : {};

    this.deadLetterQueue = new SqsQueue(this, 'Dlq', {
      name: queueName(`${s.name}-dlq`, s.fifo),
      messageRetentionSeconds: s.dlqRetentionPeriod,
      ...fifo,
      ...encryption,
    });
    this.queue = new SqsQueue(this, 'Queue', {
      name: queueName(s.name, s.fifo),
      visibilityTimeoutSeconds: s.visibilityTimeout,
      messageRetentionSeconds: s.retentionPeriod,
      redrivePolicy: redrivePolicy(this.deadLetterQueue.arn, s.maxReceiveCount),
      ...fifo,
      ...encryption,
    });
    // A separate resource, so the DLQ can name its source without a dependency cycle.
    new SqsQueueRedriveAllowPolicy(this, 'DlqRedriveAllow', {
      queueUrl: this.deadLetterQueue.url,
      redriveAllowPolicy: redriveAllowPolicy(this.queue.arn),
    });
    new SqsQueuePolicy(this, 'QueuePolicy', { queueUrl: this.queue.url, policy: tlsOnlyQueuePolicy(this.queue.arn) });
    new SqsQueuePolicy(this, 'DlqPolicy', {
      queueUrl: this.deadLetterQueue.url,
      policy: tlsOnlyQueuePolicy(this.deadLetterQueue.arn),
    });

    const functionName = `${s.name}-worker`;
    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      name: `/aws/lambda/${functionName}`,
      retentionInDays: s.logRetentionDays,
    });
    this.role = new IamRole(this, 'Role', {
      name: `${s.name}-worker`,
      assumeRolePolicy: lambdaAssumeRolePolicy(),
    });
    const rolePolicy = new IamRolePolicy(this, 'RolePolicy', {
      name: 'poll-queue-write-logs',
      role: this.role.id,
      policy: workerRolePolicy(this.queue.arn, this.logGroup.arn, this.kmsKeyArn),
    });

    const asset = workerAsset(this, buildWorkerBundle(props.code.directory));
    this.function = new LambdaFunction(this, 'Function', {
      functionName,
      role: this.role.arn,
      runtime: s.runtime,
      handler: s.handler,
      filename: asset.path,
      sourceCodeHash: Fn.filebase64sha256(asset.path),
      timeout: s.timeout,
      memorySize: s.memorySize,
      reservedConcurrentExecutions: s.reservedConcurrency,
      environment: Object.keys(s.environment).length > 0 ? { variables: s.environment } : undefined,
      // The log group exists (with its retention) before the function can write to it.
      dependsOn: [this.logGroup, rolePolicy],
    });

    this.eventSourceMapping = new LambdaEventSourceMapping(this, 'EventSourceMapping', {
      eventSourceArn: this.queue.arn,
      functionName: this.function.arn,
      batchSize: s.batchSize,
      maximumBatchingWindowInSeconds: s.fifo ? undefined : s.maxBatchingWindow,
      functionResponseTypes: s.reportBatchItemFailures ? ['ReportBatchItemFailures'] : [],
      scalingConfig: s.maxConcurrency !== undefined ? { maximumConcurrency: s.maxConcurrency } : undefined,
      enabled: s.enabled,
      filterCriteria:
        s.filterPatterns.length > 0
          ? { filter: s.filterPatterns.map((p) => ({ pattern: JSON.stringify(p) })) }
          : undefined,
      // The poller needs the role's SQS permissions the moment the mapping exists.
      dependsOn: [rolePolicy],
    });

    if (s.createAlarmTopic) {
      this.alarmTopic = new SnsTopic(this, 'AlarmTopic', {
        name: `${s.name}-alarms`,
        kmsMasterKeyId: 'alias/aws/sns',
      });
    }
    const alarmActions = this.alarmTopic ? [this.alarmTopic.arn] : s.alarmTopicArn ? [s.alarmTopicArn] : undefined;
    new CloudwatchMetricAlarm(this, 'DlqDepthAlarm', {
      alarmName: `${s.name}-dlq-not-empty`,
      alarmDescription: `Messages in ${queueName(`${s.name}-dlq`, s.fifo)}: the worker failed them ${s.maxReceiveCount} times`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: this.deadLetterQueue.name },
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      alarmActions,
    });
    new CloudwatchMetricAlarm(this, 'OldestMessageAlarm', {
      alarmName: `${s.name}-oldest-message-age`,
      alarmDescription: `Oldest message in ${queueName(s.name, s.fifo)} is older than ${s.oldestMessageAgeThreshold} s`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateAgeOfOldestMessage',
      dimensions: { QueueName: this.queue.name },
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 5,
      threshold: s.oldestMessageAgeThreshold,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      alarmActions,
    });
  }
}
