import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { resourceById, synthWorker } from '../../support/synth';
import { statements } from './policy-statements';

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

  test.each(['Errors', 'Throttles'])('alarms on any %s of the function in a minute', (metric) => {
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: `orders-worker-${metric.toLowerCase()}`,
      namespace: 'AWS/Lambda',
      metric_name: metric,
      dimensions: { FunctionName: expect.stringMatching(/^\$\{aws_lambda_function\.orders_Function_[0-9A-F]+\.function_name\}$/) },
      statistic: 'Sum',
      period: 60,
      evaluation_periods: 1,
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
      treat_missing_data: 'notBreaching',
    });
  });
});

describe('QueueWorker derived defaults', () => {
  test('caps the oldest-message alarm at half a short retention', () => {
    const { config } = synthWorker({ retentionPeriod: 3600, timeout: 10 });
    expect(resourceById(config, 'aws_cloudwatch_metric_alarm', 'OldestMessageAlarm').threshold).toBe(1800);
  });

  // Issue 11: the topic used to be encrypted with alias/aws/sns, which CloudWatch cannot publish to.
  test('wires all four alarms to a created topic encrypted with its own key, never the AWS managed one', () => {
    const { json, config } = synthWorker({ alarms: { createTopic: true } });
    expect(json).toHaveResourceWithProperties(SnsTopic, {
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.orders_AlarmTopicKey_[0-9A-F]+\.arn\}$/),
    });
    expect(json).not.toContain('alias/aws/sns');
    expect(resourceById(config, 'aws_kms_key', 'AlarmTopicKey')).toMatchObject({ enable_key_rotation: true });
    const alarms = Object.values(config.resource.aws_cloudwatch_metric_alarm);
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) {
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/aws_sns_topic\..*\.arn/)]);
    }
  });

  test("the topic key's policy lets CloudWatch publish and the account administer it, nothing more", () => {
    const { config } = synthWorker({ alarms: { createTopic: true } });
    const keyPolicy = resourceById(config, 'aws_kms_key_policy', 'AlarmTopicKeyPolicy');
    expect(keyPolicy.key_id).toMatch(/^\$\{aws_kms_key\.orders_AlarmTopicKey_[0-9A-F]+\.key_id\}$/);
    const [admin, cloudwatch, ...rest] = statements(keyPolicy.policy);
    expect(rest).toEqual([]);
    const [accountRoot] = Object.values(config.locals as Record<string, string>);
    expect(accountRoot).toMatch(/^\$\{join\("", \["arn:", element\(split\(":", aws_kms_key\.orders_AlarmTopicKey_[0-9A-F]+\.arn\), 1\), ":iam::", element\(split\(":", aws_kms_key\.orders_AlarmTopicKey_[0-9A-F]+\.arn\), 4\), ":root"\]\)\}$/);
    expect(admin).toEqual({
      Sid: 'AccountAdministersKey',
      Effect: 'Allow',
      // the key's own account, read from its ARN: no data source, so plans need no AWS call
      Principal: { AWS: expect.stringMatching(/^\$\{local\.orders_AlarmTopicKeyAccountRoot_[0-9A-F]+\}$/) },
      Action: 'kms:*',
      Resource: '*',
    });
    expect(cloudwatch).toEqual({
      Sid: 'CloudWatchPublishesAlarms',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
    });
  });

  test('a given topic creates no key and no topic', () => {
    const { config } = synthWorker({ alarms: { topicArn: 'arn:aws:sns:us-east-1:111122223333:ops' } });
    expect(config.resource.aws_kms_key).toBeUndefined();
    expect(config.resource.aws_sns_topic).toBeUndefined();
    for (const alarm of Object.values(config.resource.aws_cloudwatch_metric_alarm)) {
      expect(alarm.alarm_actions).toEqual(['arn:aws:sns:us-east-1:111122223333:ops']);
    }
  });
});
