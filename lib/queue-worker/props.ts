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
   * Handler in `<file>.<export>` form, relative to the directory (a name without a dot is refused:
   * Lambda cannot load it).
   * @default "handler.handler"
   */
  readonly handler?: string;
}

/** Encryption at rest of the source queue and its DLQ. */
export type QueueEncryption =
  /** SSE-SQS: keys owned and rotated by SQS, no KMS permission needed. */
  | { readonly kind: 'sqs-managed' }
  /**
   * SSE-KMS with a customer managed key. Without `keyArn` (a key ARN,
   * `arn:<partition>:kms:<region>:<account>:key/<id>`) the pattern creates a key with rotation on.
   * The function role is granted kms:Decrypt on the key (the poller needs it to receive messages).
   */
  | { readonly kind: 'kms'; readonly keyArn?: string; readonly dataKeyReusePeriod?: number };

/** Provisioned mode of the event source mapping. */
export interface ProvisionedPollers {
  /** Pollers kept at all times. Range: 2–200. */
  readonly minimum: number;
  /** Pollers the mapping may scale up to. Range: minimum–2000. */
  readonly maximum: number;
}

export interface QueueWorkerAlarmProps {
  /**
   * Alarm when ApproximateAgeOfOldestMessage of the source queue exceeds this many seconds.
   * Range: 60 to the source retention period.
   * @default min(3600, sourceRetention / 2)
   */
  readonly oldestMessageAgeThreshold?: number;
  /**
   * Create an SNS topic that every alarm notifies, encrypted with a customer managed KMS key (rotation
   * on) whose policy lets CloudWatch publish: CloudWatch cannot publish to a topic encrypted with the
   * AWS managed key `alias/aws/sns`, whose policy cannot grant `cloudwatch.amazonaws.com`.
   * @default false
   */
  readonly createTopic?: boolean;
  /**
   * ARN of an existing SNS topic the alarms notify (`arn:<partition>:sns:<region>:<account>:<name>`).
   * Mutually exclusive with `createTopic`. If it is encrypted, its key must let CloudWatch use it.
   * @default none
   */
  readonly topicArn?: string;
}

export interface QueueWorkerProps {
  /**
   * Base name of every resource: queue `<name>`, DLQ `<name>-dlq`, function and role `<name>-worker`.
   * 1–57 characters of letters, digits, `-` and `_` (the function and role names are limited to 64;
   * FIFO queue names get `.fifo` appended). Unique among the QueueWorkers of a stack.
   */
  readonly name: string;
  /** The worker's code. */
  readonly code: WorkerCode;

  // ---- function ----
  /**
   * Lambda runtime. Runtimes AWS has deprecated are refused by name (the list and its dates:
   * `DEPRECATED_RUNTIMES` in aws-facts.ts).
   * @default "nodejs22.x"
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
   * Reserved concurrency of the function. Range: 5–100000 (0 stops processing, and below 5 the
   * poller's own minimum concurrency is throttled, which pushes healthy messages to the DLQ).
   * @default none (unreserved account concurrency)
   */
  readonly reservedConcurrency?: number;
  /**
   * Environment variables of the function. Names the Lambda runtime reserves (`AWS_REGION`,
   * `AWS_LAMBDA_*`, `_HANDLER`, …) are refused.
   * @default {}
   */
  readonly environment?: Record<string, string>;
  /**
   * X-Ray active tracing of the function; the role is then granted `xray:PutTraceSegments` and
   * `xray:PutTelemetryRecords`.
   * @default false
   */
  readonly tracing?: boolean;
  /**
   * The handler calls ChangeMessageVisibility itself (e.g. to back off a message): grants
   * `sqs:ChangeMessageVisibility` on the source queue. The poller does not need it.
   * @default false
   */
  readonly changesMessageVisibility?: boolean;
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
   * FIFO only (refused without `fifo`): deduplicate on a SHA-256 of the body.
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
   * Mutually exclusive with `provisionedPollers`.
   * @default reservedConcurrency when it is set and provisionedPollers is not, otherwise none (up to 1000)
   */
  readonly maxConcurrency?: number;
  /**
   * Provisioned mode of the mapping: a floor and a ceiling of event pollers kept for the queue.
   * Range: 2 ≤ minimum ≤ 200, minimum ≤ maximum ≤ 2000. Mutually exclusive with `maxConcurrency`
   * (AWS rejects both together) and with `reservedConcurrency` (nothing then bounds the mapping's
   * invocations below the reservation).
   * @default none (on-demand polling)
   */
  readonly provisionedPollers?: ProvisionedPollers;
  /**
   * Whether the mapping polls.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Event filtering patterns (each a JSON object, e.g. `{ body: { type: ['order'] } }`). Filtered-out
   * messages are deleted without invoking the function. At most 5 (AWS's default quota per mapping),
   * each keyed on `body` only (the one key SQS event filtering matches).
   * @default none
   */
  readonly filterPatterns?: Record<string, unknown>[];

  // ---- monitoring ----
  /**
   * CloudWatch alarms on the DLQ depth, on the source's oldest message age and on any errors and
   * throttles of the function.
   * @default all four alarms, no notification target
   */
  readonly alarms?: QueueWorkerAlarmProps;

  /**
   * Escape hatch: skip the synth-time invariant checks. Exists so the policy catalogue can be tested
   * on unsafe configurations made by this very construct; never use it for a real deployment.
   * @default false
   */
  readonly unsafeSkipValidation?: boolean;
}
