import { Fn, TerraformLocal } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { FUNCTION_NAME_SUFFIX, QueueWorkerSettings } from './defaults';
import { policyDocument } from './policy-document';
import { WorkerQueues, deadLetterQueueName, sourceQueueName } from './queues';
import { WorkerFunction } from './worker';

/** What the alarm builder makes besides the alarms: the topic they notify and its key, when asked for one. */
export interface WorkerAlarms {
  readonly alarmTopic?: SnsTopic;
  readonly alarmTopicKey?: KmsKey;
}

/**
 * The root of the key's own account, read from the key's ARN (no data source: plans stay offline).
 * A local, so the policy document that names it stays parseable JSON in the synthesized config.
 */
function accountRootOf(scope: Construct, keyArn: string): string {
  const part = (index: number) => Fn.element(Fn.split(':', keyArn), index);
  return new TerraformLocal(scope, 'AlarmTopicKeyAccountRoot', Fn.join('', ['arn:', part(1), ':iam::', part(4), ':root']))
    .asString;
}

/**
 * The alarm topic's key policy: the account administers the key (through IAM), and CloudWatch may
 * use it to publish. The AWS managed key alias/aws/sns cannot grant CloudWatch, so alarms on a topic
 * encrypted with it never notify anyone.
 */
export function alarmTopicKeyPolicy(accountRoot: string): string {
  return policyDocument([
    {
      Sid: 'AccountAdministersKey',
      Effect: 'Allow',
      Principal: { AWS: accountRoot },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'CloudWatchPublishesAlarms',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
    },
  ]);
}

/** A topic for the alarms, encrypted with its own customer managed key that CloudWatch may use. */
function buildAlarmTopic(scope: Construct, s: QueueWorkerSettings): { topic: SnsTopic; key: KmsKey } {
  const key = new KmsKey(scope, 'AlarmTopicKey', {
    description: `Encrypts the ${s.name} alarm topic; CloudWatch may use it to publish`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
  });
  // A separate resource: the policy names the key's own account, read from the key's ARN.
  new KmsKeyPolicy(scope, 'AlarmTopicKeyPolicy', { keyId: key.keyId, policy: alarmTopicKeyPolicy(accountRootOf(scope, key.arn)) });
  const topic = new SnsTopic(scope, 'AlarmTopic', { name: `${s.name}-alarms`, kmsMasterKeyId: key.arn });
  return { topic, key };
}

interface QueueAlarm {
  readonly alarmName: string;
  readonly alarmDescription: string;
  readonly metricName: string;
  readonly queueName: string;
  readonly evaluationPeriods: number;
  readonly threshold: number;
}

/** An alarm on the per-minute maximum of one SQS metric of one queue. */
function queueAlarm(scope: Construct, id: string, alarm: QueueAlarm, alarmActions: string[] | undefined): void {
  new CloudwatchMetricAlarm(scope, id, {
    alarmName: alarm.alarmName,
    alarmDescription: alarm.alarmDescription,
    namespace: 'AWS/SQS',
    metricName: alarm.metricName,
    dimensions: { QueueName: alarm.queueName },
    statistic: 'Maximum',
    period: 60,
    evaluationPeriods: alarm.evaluationPeriods,
    threshold: alarm.threshold,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    alarmActions,
  });
}

/**
 * An alarm on any Errors or Throttles of the function in a minute. Throttled batches of an SQS
 * mapping count as receives and push healthy messages toward the DLQ; errors are the failures
 * themselves (catalogue v2 rule 9: an SQS-fed function without them is flagged).
 */
function functionAlarm(
  scope: Construct,
  id: string,
  alarm: { alarmName: string; alarmDescription: string; metricName: 'Errors' | 'Throttles'; functionName: string },
  alarmActions: string[] | undefined,
): void {
  new CloudwatchMetricAlarm(scope, id, {
    alarmName: alarm.alarmName,
    alarmDescription: alarm.alarmDescription,
    namespace: 'AWS/Lambda',
    metricName: alarm.metricName,
    dimensions: { FunctionName: alarm.functionName },
    statistic: 'Sum',
    period: 60,
    evaluationPeriods: 1,
    threshold: 0,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    alarmActions,
  });
}

/**
 * Alarms on a non-empty DLQ, on the source's oldest message age and on the function's errors and
 * throttles, notifying a created topic, a given one, or nothing.
 */
export function buildAlarms(scope: Construct, s: QueueWorkerSettings, queues: WorkerQueues, worker: WorkerFunction): WorkerAlarms {
  const created = s.createAlarmTopic ? buildAlarmTopic(scope, s) : undefined;
  const alarmTopic = created?.topic;
  const topicArn = alarmTopic?.arn ?? s.alarmTopicArn;
  const alarmActions = topicArn ? [topicArn] : undefined;
  queueAlarm(
    scope,
    'DlqDepthAlarm',
    {
      alarmName: `${s.name}-dlq-not-empty`,
      alarmDescription: `Messages in ${deadLetterQueueName(s)}: the worker failed them ${s.maxReceiveCount} times`,
      metricName: 'ApproximateNumberOfMessagesVisible',
      queueName: queues.deadLetterQueue.name,
      evaluationPeriods: 1,
      threshold: 0,
    },
    alarmActions,
  );
  queueAlarm(
    scope,
    'OldestMessageAlarm',
    {
      alarmName: `${s.name}-oldest-message-age`,
      alarmDescription: `Oldest message in ${sourceQueueName(s)} is older than ${s.oldestMessageAgeThreshold} s`,
      metricName: 'ApproximateAgeOfOldestMessage',
      queueName: queues.queue.name,
      evaluationPeriods: 5,
      threshold: s.oldestMessageAgeThreshold,
    },
    alarmActions,
  );
  const functionName = worker.function.functionName;
  functionAlarm(
    scope,
    'ErrorsAlarm',
    { alarmName: `${s.name}-worker-errors`, alarmDescription: `${s.name}${FUNCTION_NAME_SUFFIX} failed a batch`, metricName: 'Errors', functionName },
    alarmActions,
  );
  functionAlarm(
    scope,
    'ThrottlesAlarm',
    {
      alarmName: `${s.name}-worker-throttles`,
      alarmDescription: `${s.name}${FUNCTION_NAME_SUFFIX} was throttled: throttled batches count as receives toward the DLQ`,
      metricName: 'Throttles',
      functionName,
    },
    alarmActions,
  );
  return { alarmTopic, alarmTopicKey: created?.key };
}
