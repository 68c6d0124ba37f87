import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { buildWorkerBundle, workerAsset } from './bundle';
import { FUNCTION_NAME_SUFFIX, QueueWorkerSettings } from './defaults';
import { PolicyStatement, policyDocument } from './policy-document';
import { WorkerQueues } from './queues';

/** What the worker builder makes: the function, its log group and its role. */
export interface WorkerFunction {
  readonly function: LambdaFunction;
  readonly logGroup: CloudwatchLogGroup;
  readonly role: IamRole;
  /** The role's permissions: whatever polls the queue as this role must wait for them. */
  readonly rolePolicy: IamRolePolicy;
}

/** The actions the Lambda poller needs on its source queue (AWS's with-sqs page), and nothing more. */
const POLLER_SQS_ACTIONS = ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'];

/** What Lambda needs to send a traced function's segments to X-Ray (these actions take no resource). */
const XRAY_WRITE_ACTIONS = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

function workerRolePolicy(s: QueueWorkerSettings, queueArn: string, logGroupArn: string, kmsKeyArn?: string): string {
  const sqsActions = s.changesMessageVisibility
    ? ['sqs:ChangeMessageVisibility', ...POLLER_SQS_ACTIONS]
    : POLLER_SQS_ACTIONS;
  const statements: PolicyStatement[] = [
    { Sid: 'PollSourceQueue', Effect: 'Allow', Action: sqsActions, Resource: queueArn },
    {
      Sid: 'WriteOwnLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${logGroupArn}:*`,
    },
  ];
  if (kmsKeyArn !== undefined) {
    statements.push({ Sid: 'DecryptSourceMessages', Effect: 'Allow', Action: 'kms:Decrypt', Resource: kmsKeyArn });
  }
  if (s.tracing) {
    statements.push({ Sid: 'WriteTraces', Effect: 'Allow', Action: XRAY_WRITE_ACTIONS, Resource: '*' });
  }
  return policyDocument(statements);
}

function lambdaAssumeRolePolicy(): string {
  return policyDocument([
    { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ]);
}

/**
 * The worker function with its bundled code, a log group with retention and a least-privilege role:
 * poll the source queue, write its own logs, decrypt with the queues' key when there is one, write
 * traces when tracing is on.
 */
export function buildWorkerFunction(scope: Construct, s: QueueWorkerSettings, queues: WorkerQueues): WorkerFunction {
  const functionName = `${s.name}${FUNCTION_NAME_SUFFIX}`;
  const logGroup = new CloudwatchLogGroup(scope, 'LogGroup', {
    name: `/aws/lambda/${functionName}`,
    retentionInDays: s.logRetentionDays,
  });
  const role = new IamRole(scope, 'Role', {
    name: functionName,
    assumeRolePolicy: lambdaAssumeRolePolicy(),
  });
  const rolePolicy = new IamRolePolicy(scope, 'RolePolicy', {
    name: 'poll-queue-write-logs',
    role: role.id,
    policy: workerRolePolicy(s, queues.queue.arn, logGroup.arn, queues.kmsKeyArn),
  });

  const asset = workerAsset(scope, buildWorkerBundle(s.codeDirectory));
  const fn = new LambdaFunction(scope, 'Function', {
    functionName,
    role: role.arn,
    runtime: s.runtime,
    handler: s.handler,
    filename: asset.path,
    sourceCodeHash: Fn.filebase64sha256(asset.path),
    timeout: s.timeout,
    memorySize: s.memorySize,
    reservedConcurrentExecutions: s.reservedConcurrency,
    environment: Object.keys(s.environment).length > 0 ? { variables: s.environment } : undefined,
    tracingConfig: s.tracing ? { mode: 'Active' } : undefined,
    // The log group exists (with its retention) before the function can write to it.
    dependsOn: [logGroup, rolePolicy],
  });
  return { function: fn, logGroup, role, rolePolicy };
}
