/**
 * End to end: the default stacks deploy with the real `cdktf deploy` against moto's server on
 * 127.0.0.1 (started through scripts/e2e/moto_server.py, which brings three SQS behaviours and
 * CloudWatch's alarm notifications in line with AWS: docs/emulator-gaps.md), what landed is read back
 * with AWS SDK v3 clients, a prod alarm is set off and read from a queue subscribed to its topic, a
 * second `terraform plan -detailed-exitcode` must exit 0, and everything is destroyed.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { findTerraform, offlineTerraformEnv } from '../../scripts/dev/toolchain';
import { cdktfCommand } from '../../scripts/cdktf-cli';
import { ROOT } from '../support/cdktf-app';
import { MotoServer, motoJson, motoQuery, startMoto, xmlValue } from '../support/moto';

const STACKS = ['orders-dev', 'orders-prod'] as const;

interface ResourceChange {
  address: string;
  change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null };
}

/** Attributes whose values differ between before and after (to say what a non-empty plan wants). */
function changedAttributes(change: ResourceChange['change']): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .sort();
}

describe('deploy of the default stacks to moto', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-e2e-'));
  const outDir = path.join(workDir, 'cdktf.out');
  let moto: MotoServer | undefined;
  let env: NodeJS.ProcessEnv = {};
  let sqs: SQSClient;
  let lambda: LambdaClient;
  let iam: IAMClient;
  let cloudwatch: CloudWatchClient;
  let outputs: Record<string, Record<string, string>> = {};
  const log = (line: string) => process.stdout.write(`[e2e] ${line}\n`);

  const runCdktf = (args: string[]) => {
    const cdktf = cdktfCommand(ROOT, [...args, '--output', outDir, '--skip-provider-lock', '--no-color']);
    const result = spawnSync(cdktf.command, cdktf.args, {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) {
      const output = result.stdout + result.stderr;
      const errors = output.split('\n').filter((line) => /error/i.test(line)).slice(0, 20).join('\n');
      throw new Error(`cdktf ${args.join(' ')} failed (${result.status}):\n${errors}\n…\n${output.slice(-3000)}`);
    }
    return result.stdout;
  };

  beforeAll(async () => {
    findTerraform();
    moto = await startMoto();
    log(`moto server on ${moto.endpoint}`);
    const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
    const clientConfig = { endpoint: moto.endpoint, region: 'us-east-1', credentials };
    sqs = new SQSClient(clientConfig);
    lambda = new LambdaClient(clientConfig);
    iam = new IAMClient(clientConfig);
    cloudwatch = new CloudWatchClient(clientConfig);
    env = {
      ...offlineTerraformEnv(workDir),
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: path.join(workDir, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(workDir, 'no-aws-credentials'),
      SQSGUARD_AWS_ENDPOINT: moto.endpoint,
      SQSGUARD_STATE_DIR: path.join(workDir, 'state'),
      CI: '1',
      FORCE_COLOR: '0',
    };
    const started = Date.now();
    runCdktf(['deploy', ...STACKS, '--auto-approve', '--outputs-file', path.join(workDir, 'outputs.json')]);
    log(`cdktf deploy ${STACKS.join(' ')}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    outputs = JSON.parse(fs.readFileSync(path.join(workDir, 'outputs.json'), 'utf8'));
  }, 900_000);

  afterAll(async () => {
    try {
      if (moto && fs.existsSync(outDir)) {
        const started = Date.now();
        runCdktf(['destroy', ...STACKS, '--auto-approve']);
        log(`cdktf destroy: ${((Date.now() - started) / 1000).toFixed(0)} s`);
        const left = await sqs.send(new ListQueuesCommand({}));
        expect(left.QueueUrls ?? []).toEqual([]);
      }
    } finally {
      await moto?.stop();
      sqs?.destroy();
      lambda?.destroy();
      iam?.destroy();
      cloudwatch?.destroy();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }, 900_000);

  const queueAttributes = async (name: string) => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    const redriveAllow = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['RedriveAllowPolicy'] as never }));
    return { url: QueueUrl!, ...Attributes, ...redriveAllow.Attributes } as Record<string, string>;
  };

  test.each([
    ['orders-dev', { vt: '180', retention: '345600', sse: 'sqs' }],
    ['orders-prod', { vt: '365', retention: '604800', sse: 'kms' }],
  ])('%s: queue and DLQ carry the derived settings', async (stack, expected) => {
    const queue = await queueAttributes(stack);
    const dlq = await queueAttributes(`${stack}-dlq`);
    expect(outputs[stack].queue_url).toBe(queue.url);
    expect(queue.VisibilityTimeout).toBe(expected.vt);
    expect(queue.MessageRetentionPeriod).toBe(expected.retention);
    expect(dlq.MessageRetentionPeriod).toBe('1209600');
    expect(JSON.parse(queue.RedrivePolicy)).toEqual({ deadLetterTargetArn: dlq.QueueArn, maxReceiveCount: 5 });
    expect(JSON.parse(dlq.RedriveAllowPolicy)).toEqual({ redrivePermission: 'byQueue', sourceQueueArns: [queue.QueueArn] });
    for (const q of [queue, dlq]) {
      if (expected.sse === 'sqs') {
        expect(q.SqsManagedSseEnabled).toBe('true');
      } else {
        expect(q.KmsMasterKeyId).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\//);
      }
      const statements = JSON.parse(q.Policy).Statement;
      expect(statements).toEqual([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]);
    }
  });

  test.each([
    ['orders-dev', { timeout: 30, reserved: undefined, window: 0, maxConcurrency: undefined }],
    ['orders-prod', { timeout: 60, reserved: 20, window: 5, maxConcurrency: 20 }],
  ])('%s: function and event source mapping', async (stack, expected) => {
    const fn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${stack}-worker` }));
    expect(fn.Timeout).toBe(expected.timeout);
    expect(fn.Role).toMatch(new RegExp(`:role/${stack}-worker$`));
    expect(fn.Runtime).toBe('nodejs22.x');
    const concurrency = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: `${stack}-worker` }));
    expect(concurrency.ReservedConcurrentExecutions).toBe(expected.reserved);

    const queue = await queueAttributes(stack);
    const { EventSourceMappings = [] } = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: fn.FunctionArn }));
    expect(EventSourceMappings).toHaveLength(1);
    const [mapping] = EventSourceMappings;
    expect(mapping.UUID).toBe(outputs[stack].event_source_mapping_uuid);
    expect(mapping.EventSourceArn).toBe(queue.QueueArn);
    expect(mapping.BatchSize).toBe(10);
    expect(mapping.MaximumBatchingWindowInSeconds ?? 0).toBe(expected.window);
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping.ScalingConfig?.MaximumConcurrency).toBe(expected.maxConcurrency);
  });

  test.each(STACKS)('%s: the role may poll its own queue and write its own logs, nothing else', async (stack) => {
    // issue 11: sqs:ChangeMessageVisibility is granted only to a worker that uses it (the poller does not)
    const { PolicyDocument } = await iam.send(new GetRolePolicyCommand({ RoleName: `${stack}-worker`, PolicyName: 'poll-queue-write-logs' }));
    const document = JSON.parse(decodeURIComponent(PolicyDocument!));
    const queue = await queueAttributes(stack);
    const [poll, logs, decrypt, ...rest] = document.Statement;
    expect(rest).toEqual([]);
    expect(poll).toEqual({
      Sid: 'PollSourceQueue',
      Effect: 'Allow',
      Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
      Resource: queue.QueueArn,
    });
    expect(logs.Resource).toMatch(new RegExp(`:log-group:/aws/lambda/${stack}-worker:\\*$`));
    if (stack === 'orders-prod') {
      expect(decrypt).toEqual({ Sid: 'DecryptSourceMessages', Effect: 'Allow', Action: 'kms:Decrypt', Resource: queue.KmsMasterKeyId });
    } else {
      expect(decrypt).toBeUndefined();
    }
  });

  test('orders-prod: the alarm topic is encrypted with a customer managed key whose policy lets CloudWatch publish', async () => {
    // moto enforces no key policy (docs/emulator-gaps.md): what AWS would check is read back instead.
    const account = (await queueAttributes('orders-prod')).QueueArn.split(':')[4];
    const topicArn = `arn:aws:sns:us-east-1:${account}:orders-prod-alarms`;
    const attributes = await motoQuery(moto!.endpoint, 'sns', { Action: 'GetTopicAttributes', TopicArn: topicArn });
    const keyArn = /<key>KmsMasterKeyId<\/key>\s*<value>([^<]*)<\/value>/.exec(attributes)?.[1];
    expect(keyArn).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${account}:key/`));
    const { Policy } = await motoJson(moto!.endpoint, 'kms', 'TrentService.GetKeyPolicy', { KeyId: keyArn, PolicyName: 'default' });
    expect(JSON.parse(Policy as string).Statement).toEqual([
      { Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'CloudWatchPublishesAlarms',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
      },
    ]);
  });

  test('orders-prod: an alarm going off reaches a queue subscribed to the alarm topic', async () => {
    const endpoint = moto!.endpoint;
    const account = (await queueAttributes('orders-prod')).QueueArn.split(':')[4];
    const topicArn = `arn:aws:sns:us-east-1:${account}:orders-prod-alarms`;
    const inboxName = 'orders-prod-alarm-inbox';
    const inboxArn = `arn:aws:sqs:us-east-1:${account}:${inboxName}`;
    // The policy AWS needs for SNS to deliver to the queue (moto delivers without it).
    const { QueueUrl: inboxUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: inboxName,
        Attributes: {
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'sns.amazonaws.com' },
                Action: 'sqs:SendMessage',
                Resource: inboxArn,
                Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
              },
            ],
          }),
        },
      }),
    );
    let subscriptionArn: string | undefined;
    try {
      const subscribed = await motoQuery(endpoint, 'sns', { Action: 'Subscribe', TopicArn: topicArn, Protocol: 'sqs', Endpoint: inboxArn });
      subscriptionArn = xmlValue(subscribed, 'SubscriptionArn');
      await cloudwatch.send(
        new SetAlarmStateCommand({ AlarmName: 'orders-prod-dlq-not-empty', StateValue: 'ALARM', StateReason: 'e2e: a message reached the DLQ' }),
      );
      let body: Record<string, string> | undefined;
      for (let attempt = 0; attempt < 5 && body === undefined; attempt++) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: inboxUrl, WaitTimeSeconds: 1 }));
        if (Messages.length > 0) body = JSON.parse(Messages[0].Body!);
      }
      expect(body).toMatchObject({ Type: 'Notification', TopicArn: topicArn, Subject: 'ALARM: "orders-prod-dlq-not-empty" in us-east-1' });
      expect(JSON.parse(body!.Message)).toMatchObject({
        AlarmName: 'orders-prod-dlq-not-empty',
        NewStateValue: 'ALARM',
        NewStateReason: 'e2e: a message reached the DLQ',
        AlarmArn: `arn:aws:cloudwatch:us-east-1:${account}:alarm:orders-prod-dlq-not-empty`,
        Trigger: { MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS', Threshold: 0 },
      });
    } finally {
      // leave what cdktf deployed as it was: the destroy in afterAll must find no queue
      await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'orders-prod-dlq-not-empty', StateValue: 'OK', StateReason: 'e2e: reset' }));
      if (subscriptionArn) await motoQuery(endpoint, 'sns', { Action: 'Unsubscribe', SubscriptionArn: subscriptionArn });
      await sqs.send(new DeleteQueueCommand({ QueueUrl: inboxUrl }));
    }
  });

  test.each(STACKS)('%s: a second plan shows no changes', (stack) => {
    const dir = path.join(outDir, 'stacks', stack);
    const terraform = findTerraform();
    const plan = spawnSync(terraform, ['plan', '-detailed-exitcode', '-input=false', '-no-color', '-out', 'second.tfplan'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    log(`${stack}: terraform plan -detailed-exitcode exited ${plan.status} (${plan.status === 0 ? 'no changes' : 'CHANGES'})`);
    if (plan.status === 2) {
      // Say what the plan wants to change before failing: an emulator gap or a construct bug.
      const shown = JSON.parse(execFileSync(terraform, ['show', '-json', 'second.tfplan'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
      for (const rc of shown.resource_changes as ResourceChange[]) {
        if (rc.change.actions.every((a) => a === 'no-op')) continue;
        log(`${stack}: ${rc.address} ${rc.change.actions.join('+')} [${changedAttributes(rc.change).join(', ')}]`);
      }
    }
    expect({ stack, exitCode: plan.status, stderr: plan.stderr }).toEqual({ stack, exitCode: 0, stderr: '' });
  });
});
