import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { QueueWorkerSettings } from './defaults';
import { WorkerQueues, deadLetterQueueName, sourceQueueName } from './queues';

/** What the alarm builder makes besides the alarms: the topic they notify, when asked for one. */
export interface WorkerAlarms {
  readonly alarmTopic?: SnsTopic;
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
 * Alarms on a non-empty DLQ and on the source's oldest message age, notifying a created topic, a
 * given one, or nothing.
 */
export function buildAlarms(scope: Construct, s: QueueWorkerSettings, queues: WorkerQueues): WorkerAlarms {
  const alarmTopic = s.createAlarmTopic
    ? new SnsTopic(scope, 'AlarmTopic', { name: `${s.name}-alarms`, kmsMasterKeyId: 'alias/aws/sns' })
    : undefined;
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
  return { alarmTopic };
}
