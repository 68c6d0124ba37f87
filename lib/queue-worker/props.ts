/**
 * Props of the {@link QueueWorker} pattern. Every optional prop documents its range and its default;
 * defaults (those derived from other props too) are applied in `defaults.ts`.
 */

/** Where the worker's code comes from. */
export interface WorkerCode {
  /**
   * Directory holding the handler's TypeScript or JavaScript sources (no node_modules needed: the
   * Lambda runtime ships the AWS SDK). `.ts` files are transpiled at synth time; test files are skipped.
   */
  readonly directory: string;
  /**
   * Handler in `<file>.<export>` form, relative to the directory.
   * @default "handler.handler"
   */
  readonly handler?: string;
}

/** Encryption at rest of the source queue and its DLQ. */
export type QueueEncryption =
  /** SSE-SQS: keys owned and rotated by SQS, no KMS permission needed. */
  | { readonly kind: 'sqs-managed' }
  /**
   * SSE-KMS with a customer managed key. Without `keyArn` the pattern creates a key with rotation on.
   * The function role is granted kms:Decrypt on the key (the poller needs it to receive messages).
   */
  | { readonly kind: 'kms'; readonly keyArn?: string; readonly dataKeyReusePeriod?: number };

export interface QueueWorkerAlarmProps {
  /**
   * Alarm when ApproximateAgeOfOldestMessage of the source queue exceeds this many seconds.
   * Range: 60 to the source retention period.
   * @default min(3600, sourceRetention / 2)
   */
  readonly oldestMessageAgeThreshold?: number;
  /**
   * Create an SNS topic (SSE with the AWS managed key) that both alarms notify.
   * @default false
   */
  readonly createTopic?: boolean;
  /**
   * ARN of an existing SNS topic the alarms notify. Mutually exclusive with `createTopic`.
   * @default none
   */
  readonly topicArn?: string;
}

export interface QueueWorkerProps {
  /**
   * Base name of every resource: queue `<name>`, DLQ `<name>-dlq`, function `<name>-worker`.
   * 1–70 characters of letters, digits, `-` and `_` (FIFO names get `.fifo` appended).
   */
  readonly name: string;
  /** The worker's code. */
  readonly code: WorkerCode;

  // ---- function ----
  /**
   * Lambda runtime.
   * @default "nodejs20.x"
   */
  readonly runtime?: string;
  /**
   * Function timeout in seconds. Range: 1–900.
   * @default 30
   */
  readonly timeout?: number;
  /**
   * Function memory in MB. Range: 128–10240.
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * Reserved concurrency of the function. Range: 1 or more (0 would stop the worker: the mapping's
   * invocations are all throttled and every message ends in the DLQ).
   * @default none (unreserved account concurrency)
   */
  readonly reservedConcurrency?: number;
  /**
   * Environment variables of the function.
   * @default {}
   */
  readonly environment?: Record<string, string>;
  /**
   * Retention of the function's log group, in days (a value CloudWatch Logs accepts).
   * @default 30
   */
  readonly logRetentionDays?: number;

  // ---- queues ----
  /**
   * FIFO source queue (and FIFO DLQ: the DLQ of a FIFO queue must be FIFO too).
   * @default false
   */
  readonly fifo?: boolean;
  /**
   * FIFO only: deduplicate on a SHA-256 of the body.
   * @default false
   */
  readonly contentBasedDeduplication?: boolean;
  /**
   * Visibility timeout of the source queue in seconds. Range: 0–43200, and at least
   * 6 × timeout + maxBatchingWindow (AWS's guidance: a throttled or retried batch must not reappear
   * while the first attempt is still running).
   * @default 6 × timeout + maxBatchingWindow
   */
  readonly visibilityTimeout?: number;
  /**
   * Message retention of the source queue in seconds. Range: 60–1209600.
   * @default 345600 (4 days, the SQS default)
   */
  readonly retentionPeriod?: number;
  /**
   * Message retention of the DLQ in seconds. Range: 60–1209600; for standard queues never shorter than
   * the source's (a standard DLQ keeps the original enqueue time, so a shorter retention drops messages
   * as they arrive).
   * @default 1209600 (14 days, the maximum)
   */
  readonly dlqRetentionPeriod?: number;
  /**
   * Receives before a message moves to the DLQ. Range: 1–1000, and maxReceiveCount × visibilityTimeout
   * must stay below retentionPeriod (otherwise a failing message expires before it reaches the DLQ).
   * Values below 5 let throttling alone push healthy messages to the DLQ; the policy warns about them.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * Queue encryption.
   * @default { kind: 'sqs-managed' }
   */
  readonly encryption?: QueueEncryption;

  // ---- event source mapping ----
  /**
   * Records per invocation. Range: 1–10000 (standard), 1–10 (FIFO); above 10 needs
   * maxBatchingWindow ≥ 1.
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * Seconds the poller may wait to fill a batch. Range: 0–300; FIFO queues accept none (0).
   * @default 0
   */
  readonly maxBatchingWindow?: number;
  /**
   * Let the handler report failed records (`batchItemFailures`) so only those are retried.
   * @default true when batchSize > 1
   */
  readonly reportBatchItemFailures?: boolean;
  /**
   * Maximum concurrent invocations the mapping starts. Range: 2–1000, and not above
   * reservedConcurrency (throttled batches count as receives and push healthy messages to the DLQ).
   * @default reservedConcurrency when it is set (and at least 2), otherwise none (up to 1000)
   */
  readonly maxConcurrency?: number;
  /**
   * Whether the mapping polls.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Event filtering patterns (each a JSON object, e.g. `{ body: { type: ['order'] } }`). Filtered-out
   * messages are deleted without invoking the function.
   * @default none
   */
  readonly filterPatterns?: Record<string, unknown>[];

  // ---- monitoring ----
  /**
   * CloudWatch alarms on the DLQ depth and on the source's oldest message age.
   * @default both alarms, no notification target
   */
  readonly alarms?: QueueWorkerAlarmProps;

  /**
   * Escape hatch: skip the synth-time invariant checks. Exists so the policy catalogue can be tested
   * on unsafe configurations made by this very construct; never use it for a real deployment.
   * @default false
   */
  readonly unsafeSkipValidation?: boolean;
}
