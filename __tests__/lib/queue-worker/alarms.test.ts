import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { resourceById, synthWorker } from '../../support/synth';

describe('QueueWorker with default props', () => {
  // GIVEN a worker with only a name and code
  const { json } = synthWorker();

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
});

describe('QueueWorker derived defaults', () => {
  test('caps the oldest-message alarm at half a short retention', () => {
    const { config } = synthWorker({ retentionPeriod: 3600, timeout: 10 });
    expect(resourceById(config, 'aws_cloudwatch_metric_alarm', 'OldestMessageAlarm').threshold).toBe(1800);
  });

  test('wires both alarms to a created, encrypted SNS topic', () => {
    const { json, config } = synthWorker({ alarms: { createTopic: true } });
    expect(json).toHaveResourceWithProperties(SnsTopic, { kms_master_key_id: 'alias/aws/sns' });
    for (const alarm of Object.values(config.resource.aws_cloudwatch_metric_alarm)) {
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/aws_sns_topic\..*\.arn/)]);
    }
  });
});
