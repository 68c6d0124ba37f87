import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Token } from 'cdktf';
import {
  QueueWorkerSettings,
  SQS_MAX_RETENTION_SECONDS,
  VISIBILITY_TIMEOUT_MULTIPLIER,
  minimumVisibilityTimeout,
} from './queue-worker-defaults';

const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** True when every value is a concrete number we can check (tokens resolve at deploy time). */
function concrete(...values: (number | undefined)[]): boolean {
  return values.every((v) => v !== undefined && !Token.isUnresolved(v));
}

function checkRange(errors: string[], prop: string, value: number | undefined, min: number, max: number): void {
  if (!concrete(value)) return;
  if (!Number.isInteger(value) || value! < min || value! > max) {
    errors.push(`${prop} must be an integer between ${min} and ${max} (given ${value})`);
  }
}

/**
 * The pattern's invariants. Returns one message per broken rule, each naming the prop, the value and
 * the rule; unresolved tokens are skipped (they are checked by the policy on the plan instead).
 */
export function validateQueueWorkerSettings(s: QueueWorkerSettings): string[] {
  const errors: string[] = [];
  if (!/^[A-Za-z0-9_-]{1,70}$/.test(s.name)) {
    errors.push(`name must be 1-70 letters, digits, '-' or '_' (given "${s.name}")`);
  }
  checkRange(errors, 'timeout', s.timeout, 1, 900);
  checkRange(errors, 'memorySize', s.memorySize, 128, 10240);
  checkRange(errors, 'visibilityTimeout', s.visibilityTimeout, 0, 43200);
  checkRange(errors, 'retentionPeriod', s.retentionPeriod, 60, SQS_MAX_RETENTION_SECONDS);
  checkRange(errors, 'dlqRetentionPeriod', s.dlqRetentionPeriod, 60, SQS_MAX_RETENTION_SECONDS);
  checkRange(errors, 'maxReceiveCount', s.maxReceiveCount, 1, 1000);
  checkRange(errors, 'maxBatchingWindow', s.maxBatchingWindow, 0, 300);
  checkRange(errors, 'batchSize', s.batchSize, 1, s.fifo ? 10 : 10000);
  if (s.reservedConcurrency !== undefined) checkRange(errors, 'reservedConcurrency', s.reservedConcurrency, 1, 100000);
  if (s.maxConcurrency !== undefined) checkRange(errors, 'maxConcurrency', s.maxConcurrency, 2, 1000);

  if (concrete(s.timeout, s.maxBatchingWindow, s.visibilityTimeout)) {
    const minimum = minimumVisibilityTimeout(s.timeout, s.maxBatchingWindow);
    if (s.visibilityTimeout < minimum) {
      errors.push(
        `visibilityTimeout must be at least ${VISIBILITY_TIMEOUT_MULTIPLIER} × timeout ${s.timeout} + maxBatchingWindow ` +
          `${s.maxBatchingWindow} = ${minimum} (given ${s.visibilityTimeout})`,
      );
    }
  }
  if (concrete(s.maxReceiveCount, s.visibilityTimeout, s.retentionPeriod)) {
    const timeToDlq = s.maxReceiveCount * s.visibilityTimeout;
    if (timeToDlq >= s.retentionPeriod) {
      errors.push(
        `maxReceiveCount × visibilityTimeout must stay below retentionPeriod ${s.retentionPeriod}, or failing ` +
          `messages expire before reaching the DLQ (given ${s.maxReceiveCount} × ${s.visibilityTimeout} = ${timeToDlq})`,
      );
    }
  }
  if (!s.fifo && concrete(s.dlqRetentionPeriod, s.retentionPeriod) && s.dlqRetentionPeriod < s.retentionPeriod) {
    errors.push(
      `dlqRetentionPeriod must be at least retentionPeriod ${s.retentionPeriod}: a standard DLQ keeps the ` +
        `original enqueue time (given ${s.dlqRetentionPeriod})`,
    );
  }
  if (concrete(s.batchSize, s.maxBatchingWindow)) {
    if (s.fifo && s.maxBatchingWindow > 0) {
      errors.push(`maxBatchingWindow must be 0 for a FIFO queue (given ${s.maxBatchingWindow})`);
    }
    if (!s.fifo && s.batchSize > 10 && s.maxBatchingWindow < 1) {
      errors.push(`maxBatchingWindow must be at least 1 when batchSize is above 10 (given ${s.maxBatchingWindow})`);
    }
  }
  if (concrete(s.maxConcurrency, s.reservedConcurrency) && s.maxConcurrency! > s.reservedConcurrency!) {
    errors.push(
      `maxConcurrency must not exceed reservedConcurrency ${s.reservedConcurrency}: throttled batches push ` +
        `healthy messages to the DLQ (given ${s.maxConcurrency})`,
    );
  }
  if (!LOG_RETENTION_DAYS.includes(s.logRetentionDays) && concrete(s.logRetentionDays)) {
    errors.push(`logRetentionDays must be one of ${LOG_RETENTION_DAYS.join(', ')} (given ${s.logRetentionDays})`);
  }
  if (concrete(s.oldestMessageAgeThreshold, s.retentionPeriod)) {
    checkRange(errors, 'alarms.oldestMessageAgeThreshold', s.oldestMessageAgeThreshold, 60, s.retentionPeriod);
  }
  if (s.createAlarmTopic && s.alarmTopicArn !== undefined) {
    errors.push('alarms.createTopic and alarms.topicArn are mutually exclusive (given both)');
  }
  if (s.encryption.kind === 'kms' && s.encryption.dataKeyReusePeriod !== undefined) {
    checkRange(errors, 'encryption.dataKeyReusePeriod', s.encryption.dataKeyReusePeriod, 60, 86400);
  }
  return errors;
}

/** FIFO queue names must end in `.fifo`. */
export function queueName(base: string, fifo: boolean): string {
  return fifo ? `${base}.fifo` : base;
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Queue policy that refuses any request not made over TLS. */
export function tlsOnlyQueuePolicy(queueArn: string): string {
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

/** The actions the Lambda poller needs on its source queue, and nothing more. */
export const POLLER_SQS_ACTIONS = [
  'sqs:ChangeMessageVisibility',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'sqs:ReceiveMessage',
];

export function workerRolePolicy(queueArn: string, logGroupArn: string, kmsKeyArn?: string): string {
  const statements: PolicyStatement[] = [
    { Sid: 'PollSourceQueue', Effect: 'Allow', Action: POLLER_SQS_ACTIONS, Resource: queueArn },
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
  return policyDocument(statements);
}

export function lambdaAssumeRolePolicy(): string {
  return policyDocument([
    { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ]);
}

export function redrivePolicy(dlqArn: string, maxReceiveCount: number): string {
  return JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount });
}

export function redriveAllowPolicy(sourceQueueArn: string): string {
  return JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [sourceQueueArn] });
}

/**
 * Transpiles the worker's TypeScript sources into a directory that TerraformAsset zips. The output
 * directory is named by a hash of the inputs, so the asset (and its source_code_hash) only changes
 * when the code does.
 */
export function buildWorkerBundle(sourceDir: string): string {
  const dir = path.resolve(sourceDir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(`code.directory must be an existing directory (given "${sourceDir}")`);
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.(ts|js)$/.test(f) && !/\.(test|spec)\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  if (files.length === 0) throw new Error(`code.directory has no .ts or .js files (given "${sourceDir}")`);
  const hash = crypto.createHash('sha256');
  for (const f of files) hash.update(f).update('\0').update(fs.readFileSync(path.join(dir, f))).update('\0');
  const outDir = path.join(os.tmpdir(), 'sqsguard-worker-bundles', hash.digest('hex').slice(0, 16));
  const marker = `${outDir}.complete`; // beside, not inside: everything inside is zipped
  if (fs.existsSync(marker)) return outDir;
  // Loaded lazily: only synthesizing a worker from TypeScript needs the compiler.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts: typeof import('typescript') = require('typescript');
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of files) {
    const source = fs.readFileSync(path.join(dir, f), 'utf8');
    const out = f.endsWith('.ts')
      ? ts.transpileModule(source, {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
          fileName: f,
        }).outputText
      : source;
    fs.writeFileSync(path.join(outDir, f.replace(/\.ts$/, '.js')), out);
  }
  fs.writeFileSync(marker, '');
  return outDir;
}
