import { Token } from 'cdktf';
import { QueueWorkerSettings, minimumVisibilityTimeout } from './defaults';
import { POLICY_LIMITS, POLICY_THRESHOLDS } from './policy-facts';

/** AWS's own limit on SQS message retention (14 days). */
const SQS_MAX_RETENTION_SECONDS = 1209600;

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
  const limits = POLICY_LIMITS;
  if (!/^[A-Za-z0-9_-]{1,70}$/.test(s.name)) {
    errors.push(`name must be 1-70 letters, digits, '-' or '_' (given "${s.name}")`);
  }
  checkRange(errors, 'timeout', s.timeout, limits.function_timeout_min_seconds, limits.function_timeout_max_seconds);
  checkRange(errors, 'memorySize', s.memorySize, 128, 10240);
  checkRange(errors, 'visibilityTimeout', s.visibilityTimeout, 0, 43200);
  checkRange(errors, 'retentionPeriod', s.retentionPeriod, 60, SQS_MAX_RETENTION_SECONDS);
  checkRange(errors, 'dlqRetentionPeriod', s.dlqRetentionPeriod, 60, SQS_MAX_RETENTION_SECONDS);
  checkRange(errors, 'maxReceiveCount', s.maxReceiveCount, 1, 1000);
  checkRange(errors, 'maxBatchingWindow', s.maxBatchingWindow, 0, 300);
  checkRange(errors, 'batchSize', s.batchSize, 1, s.fifo ? 10 : 10000);
  if (s.reservedConcurrency !== undefined) checkRange(errors, 'reservedConcurrency', s.reservedConcurrency, 1, 100000);
  if (s.maxConcurrency !== undefined) {
    checkRange(errors, 'maxConcurrency', s.maxConcurrency, limits.maximum_concurrency_min, limits.maximum_concurrency_max);
  }

  if (concrete(s.timeout, s.maxBatchingWindow, s.visibilityTimeout)) {
    const minimum = minimumVisibilityTimeout(s.timeout, s.maxBatchingWindow);
    if (s.visibilityTimeout < minimum) {
      errors.push(
        `visibilityTimeout must be at least ${POLICY_THRESHOLDS.visibility_timeout_multiplier} × timeout ${s.timeout} + ` +
          `maxBatchingWindow ${s.maxBatchingWindow} = ${minimum} (given ${s.visibilityTimeout})`,
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
  if (s.encryption.kind === 'kms') {
    checkRange(errors, 'encryption.dataKeyReusePeriod', s.encryption.dataKeyReusePeriod, 60, 86400);
  }
  return errors;
}

/** Throws one error listing every broken invariant, prefixed with the construct's path. */
export function assertValidSettings(constructPath: string, s: QueueWorkerSettings): void {
  const errors = validateQueueWorkerSettings(s);
  if (errors.length > 0) {
    throw new Error(`QueueWorker ${constructPath}: ${errors.join('; ')}`);
  }
}
