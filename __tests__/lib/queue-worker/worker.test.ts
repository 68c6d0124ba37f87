import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { onlyResource, synthWorker } from '../../support/synth';
import { statements } from './policy-statements';

describe('QueueWorker with default props', () => {
  // GIVEN a worker with only a name and code
  const { json, config } = synthWorker();

  test('grants the role the three poller actions on the source queue only, and logs on its own group', () => {
    const [poll, logs, ...rest] = statements(onlyResource(config, 'aws_iam_role_policy').policy);
    expect(rest).toEqual([]);
    expect(poll).toEqual({
      Sid: 'PollSourceQueue',
      Effect: 'Allow',
      Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
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
      runtime: 'nodejs22.x',
      filename: expect.stringMatching(/^assets\/.*\.zip$/),
      source_code_hash: expect.stringMatching(/^\$\{filebase64sha256\("assets\/.*\.zip"\)\}$/),
    });
  });

  test('traces nothing: no tracing config, no X-Ray permission', () => {
    expect(onlyResource(config, 'aws_lambda_function').tracing_config).toBeUndefined();
    expect(JSON.stringify(statements(onlyResource(config, 'aws_iam_role_policy').policy))).not.toContain('xray:');
  });
});

describe('QueueWorker opt-ins', () => {
  test('tracing turns X-Ray active tracing on and grants only the two write actions', () => {
    const { json, config } = synthWorker({ tracing: true });
    expect(json).toHaveResourceWithProperties(LambdaFunction, { tracing_config: { mode: 'Active' } });
    const traces = statements(onlyResource(config, 'aws_iam_role_policy').policy).filter((st) => st.Sid === 'WriteTraces');
    expect(traces).toEqual([
      { Sid: 'WriteTraces', Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
    ]);
  });

  test('changesMessageVisibility grants sqs:ChangeMessageVisibility on the source queue', () => {
    const { config } = synthWorker({ changesMessageVisibility: true });
    const [poll] = statements(onlyResource(config, 'aws_iam_role_policy').policy);
    expect(poll.Action).toEqual(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage']);
  });
});
