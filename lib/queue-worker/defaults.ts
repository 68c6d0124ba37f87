import { Token } from 'cdktf';
import { DEFAULT_RUNTIME } from './aws-facts';
import { POLICY_LIMITS, POLICY_THRESHOLDS } from './policy-facts';
import { ProvisionedPollers, QueueWorkerProps } from './props';

/** SQS's own default message retention: 4 days. */
export const SQS_DEFAULT_RETENTION_SECONDS = 345600;
export const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 30;
export const DEFAULT_BATCH_SIZE = 10;
export const DEFAULT_LOG_RETENTION_DAYS = 30;
export const DEFAULT_OLDEST_MESSAGE_AGE_ALARM_SECONDS = 3600;
export const DEFAULT_KMS_DATA_KEY_REUSE_SECONDS = 300;
/** The function (and its role) is named `<name>-worker`. */
export const FUNCTION_NAME_SUFFIX = '-worker';

/** Queue encryption with its defaults applied. */
export type ResolvedQueueEncryption =
  | { readonly kind: 'sqs-managed' }
  | { readonly kind: 'kms'; readonly keyArn?: string; readonly dataKeyReusePeriod: number };

/** Every setting of the pattern, with defaults applied: what the construct builds from. */
export interface QueueWorkerSettings {
  readonly name: string;
  readonly codeDirectory: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly runtime: string;
  readonly handler: string;
  readonly timeout: number;
  readonly memorySize: number;
  readonly reservedConcurrency?: number;
  readonly environment: Record<string, string>;
  readonly tracing: boolean;
  readonly changesMessageVisibility: boolean;
  readonly logRetentionDays: number;
  readonly visibilityTimeout: number;
  readonly retentionPeriod: number;
  readonly dlqRetentionPeriod: number;
  readonly maxReceiveCount: number;
  readonly encryption: ResolvedQueueEncryption;
  readonly batchSize: number;
  readonly maxBatchingWindow: number;
  readonly reportBatchItemFailures: boolean;
  readonly maxConcurrency?: number;
  readonly provisionedPollers?: ProvisionedPollers;
  readonly enabled: boolean;
  readonly filterPatterns: Record<string, unknown>[];
  readonly oldestMessageAgeThreshold: number;
  readonly createAlarmTopic: boolean;
  readonly alarmTopicArn?: string;
}

/** AWS's minimum (the policy's multiplier): multiplier × function timeout + batching window. */
export function minimumVisibilityTimeout(timeout: number, maxBatchingWindow: number): number {
  return POLICY_THRESHOLDS.visibility_timeout_multiplier * timeout + maxBatchingWindow;
}

/** The mapping never starts more invocations than the function may run at once. */
export function defaultMaxConcurrency(reservedConcurrency: number | undefined): number | undefined {
  if (reservedConcurrency === undefined || Token.isUnresolved(reservedConcurrency)) return undefined;
  // below the mapping's minimum: no default, and validation reports the clash
  if (reservedConcurrency < POLICY_LIMITS.maximum_concurrency_min) return undefined;
  return Math.min(reservedConcurrency, POLICY_LIMITS.maximum_concurrency_max);
}

export function defaultOldestMessageAgeThreshold(retentionPeriod: number): number {
  if (Token.isUnresolved(retentionPeriod)) return DEFAULT_OLDEST_MESSAGE_AGE_ALARM_SECONDS;
  return Math.min(DEFAULT_OLDEST_MESSAGE_AGE_ALARM_SECONDS, Math.floor(retentionPeriod / 2));
}

/**
 * Applies the defaults, deriving the dependent ones. User props override defaults here, in one place.
 * A derived default needs the props it derives from to be concrete numbers, not tokens.
 */
export function resolveQueueWorkerSettings(props: QueueWorkerProps): QueueWorkerSettings {
  const timeout = props.timeout ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS;
  const maxBatchingWindow = props.maxBatchingWindow ?? 0;
  const batchSize = props.batchSize ?? DEFAULT_BATCH_SIZE;
  const retentionPeriod = props.retentionPeriod ?? SQS_DEFAULT_RETENTION_SECONDS;
  const visibilityTimeout = props.visibilityTimeout ?? deriveVisibilityTimeout(timeout, maxBatchingWindow);
  return {
    name: props.name,
    codeDirectory: props.code.directory,
    fifo: props.fifo ?? false,
    contentBasedDeduplication: props.contentBasedDeduplication ?? false,
    runtime: props.runtime ?? DEFAULT_RUNTIME,
    handler: props.code.handler ?? 'handler.handler',
    timeout,
    memorySize: props.memorySize ?? 256,
    reservedConcurrency: props.reservedConcurrency,
    environment: props.environment ?? {},
    tracing: props.tracing ?? false,
    changesMessageVisibility: props.changesMessageVisibility ?? false,
    logRetentionDays: props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    visibilityTimeout,
    retentionPeriod,
    dlqRetentionPeriod: props.dlqRetentionPeriod ?? POLICY_THRESHOLDS.dlq_retention_min_seconds,
    maxReceiveCount: props.maxReceiveCount ?? POLICY_THRESHOLDS.max_receive_count_min,
    encryption: resolveEncryption(props),
    batchSize,
    maxBatchingWindow,
    reportBatchItemFailures: props.reportBatchItemFailures ?? (Token.isUnresolved(batchSize) || batchSize > 1),
    // Provisioned mode excludes maximum concurrency: no default derived then.
    maxConcurrency:
      props.maxConcurrency ??
      (props.provisionedPollers === undefined ? defaultMaxConcurrency(props.reservedConcurrency) : undefined),
    provisionedPollers: props.provisionedPollers,
    enabled: props.enabled ?? true,
    filterPatterns: props.filterPatterns ?? [],
    oldestMessageAgeThreshold: props.alarms?.oldestMessageAgeThreshold ?? defaultOldestMessageAgeThreshold(retentionPeriod),
    createAlarmTopic: props.alarms?.createTopic ?? false,
    alarmTopicArn: props.alarms?.topicArn,
  };
}

function resolveEncryption(props: QueueWorkerProps): ResolvedQueueEncryption {
  const encryption = props.encryption ?? { kind: 'sqs-managed' };
  if (encryption.kind === 'sqs-managed') return encryption;
  return { ...encryption, dataKeyReusePeriod: encryption.dataKeyReusePeriod ?? DEFAULT_KMS_DATA_KEY_REUSE_SECONDS };
}

function deriveVisibilityTimeout(timeout: number, maxBatchingWindow: number): number {
  if (Token.isUnresolved(timeout) || Token.isUnresolved(maxBatchingWindow)) {
    throw new Error(
      'visibilityTimeout must be given when timeout or maxBatchingWindow is a token (its default is derived from them)',
    );
  }
  return minimumVisibilityTimeout(timeout, maxBatchingWindow);
}
