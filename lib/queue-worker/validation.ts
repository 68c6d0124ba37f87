import { Token } from 'cdktf';
import {
  DEFAULT_FILTERS_PER_MAPPING,
  DEFAULT_RUNTIME,
  DEPRECATED_RUNTIMES,
  SQS_FILTERABLE_KEYS,
  FUNCTION_NAME_MAX_LENGTH,
  PROVISIONED_POLLERS,
  RESERVED_CONCURRENCY_MIN,
  RESERVED_ENVIRONMENT_PREFIX,
  RESERVED_ENVIRONMENT_VARIABLES,
} from './aws-facts';
import { FUNCTION_NAME_SUFFIX, QueueWorkerSettings, minimumVisibilityTimeout } from './defaults';
import { POLICY_LIMITS, POLICY_THRESHOLDS } from './policy-facts';

/** AWS's own limit on SQS message retention (14 days). */
const SQS_MAX_RETENTION_SECONDS = 1209600;

const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const NAME_MAX_LENGTH = FUNCTION_NAME_MAX_LENGTH - FUNCTION_NAME_SUFFIX.length;

/**
 * What each refusal prevents, as the message's closing bracket: a policy rule of the catalogue, or
 * AWS rejecting the deployment. The catalogue v2 rules (issue 11) have no ids yet: they are named by
 * their number in the issue until they land.
 */
export const PREVENTS = {
  aws: '[AWS rejects it]',
  sqsl002: '[prevents SQSL002]',
  sqsl004: '[prevents SQSL004]',
  sqsl005: '[prevents SQSL005]',
  sqsl007: '[prevents SQSL007]',
  sqsl009: '[prevents SQSL009]',
  sqsl010: '[prevents SQSL010]',
  sqsl011: '[prevents SQSL011]',
  sqsl012: '[prevents SQSL012]',
  sqsl013: '[prevents SQSL013]',
  sqsl017: '[prevents SQSL017]',
  sqsl025: '[prevents SQSL025]',
  filterDeletes: '[prevents catalogue v2 rule 1, event filtering deletes messages]',
  competingConsumers: '[prevents catalogue v2 rule 2, competing consumers]',
  reservedWithoutMaximum: '[prevents catalogue v2 rule 3, reserved concurrency without maximum concurrency]',
  provisionedMode: '[prevents catalogue v2 rule 6, provisioned mode]',
} as const;

/** True when every value is a concrete number we can check (tokens resolve at deploy time). */
function concrete(...values: (number | undefined)[]): boolean {
  return values.every((v) => v !== undefined && !Token.isUnresolved(v));
}

/** True when the string is known at synth time (not a token). */
function literal(value: string | undefined): value is string {
  return value !== undefined && !Token.isUnresolved(value);
}

function checkRange(
  errors: string[],
  prop: string,
  value: number | undefined,
  min: number,
  max: number,
  prevents: string,
): void {
  if (!concrete(value)) return;
  if (!Number.isInteger(value) || value! < min || value! > max) {
    errors.push(`${prop} must be an integer between ${min} and ${max} (given ${value}) ${prevents}`);
  }
}

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/**
 * The pattern's invariants. Returns one message per broken rule, each naming the prop, the value and
 * the rule; unresolved tokens are skipped (they are checked by the policy on the plan instead).
 */
export function validateQueueWorkerSettings(s: QueueWorkerSettings): string[] {
  const errors: string[] = [];
  const limits = POLICY_LIMITS;
  if (!/^[A-Za-z0-9_-]+$/.test(s.name)) {
    errors.push(`name must be letters, digits, '-' or '_' (given "${s.name}") ${PREVENTS.aws}`);
  } else if (s.name.length > NAME_MAX_LENGTH) {
    errors.push(
      `name must be at most ${NAME_MAX_LENGTH} characters: the function and its role are named ` +
        `"<name>${FUNCTION_NAME_SUFFIX}", at most ${FUNCTION_NAME_MAX_LENGTH} (given "${s.name}", ${s.name.length} characters) ${PREVENTS.aws}`,
    );
  }
  checkRange(errors, 'timeout', s.timeout, limits.function_timeout_min_seconds, limits.function_timeout_max_seconds, PREVENTS.sqsl013);
  checkRange(errors, 'memorySize', s.memorySize, 128, 10240, PREVENTS.aws);
  checkRange(errors, 'visibilityTimeout', s.visibilityTimeout, 0, 43200, PREVENTS.aws);
  checkRange(errors, 'retentionPeriod', s.retentionPeriod, 60, SQS_MAX_RETENTION_SECONDS, PREVENTS.aws);
  checkRange(errors, 'dlqRetentionPeriod', s.dlqRetentionPeriod, 60, SQS_MAX_RETENTION_SECONDS, PREVENTS.aws);
  checkRange(errors, 'maxReceiveCount', s.maxReceiveCount, 1, 1000, PREVENTS.aws);
  checkRange(errors, 'maxBatchingWindow', s.maxBatchingWindow, 0, 300, PREVENTS.sqsl009);
  checkRange(errors, 'batchSize', s.batchSize, 1, s.fifo ? 10 : 10000, PREVENTS.sqsl009);
  if (s.reservedConcurrency !== undefined) {
    // 0 stops the worker (SQSL010); for 1–4 AWS's SQS page asks for at least 5 to avoid throttling,
    // and 1 is below maxConcurrency's minimum, so no maximum concurrency could bound the mapping.
    const prevents = s.reservedConcurrency === 0 ? PREVENTS.sqsl010 : PREVENTS.reservedWithoutMaximum;
    checkRange(errors, 'reservedConcurrency', s.reservedConcurrency, RESERVED_CONCURRENCY_MIN, 100000, prevents);
  }
  if (s.maxConcurrency !== undefined) {
    checkRange(errors, 'maxConcurrency', s.maxConcurrency, limits.maximum_concurrency_min, limits.maximum_concurrency_max, PREVENTS.sqsl012);
  }
  validateFunction(errors, s);
  validateProvisionedPollers(errors, s);

  if (concrete(s.timeout, s.maxBatchingWindow, s.visibilityTimeout)) {
    const minimum = minimumVisibilityTimeout(s.timeout, s.maxBatchingWindow);
    if (s.visibilityTimeout < minimum) {
      errors.push(
        `visibilityTimeout must be at least ${POLICY_THRESHOLDS.visibility_timeout_multiplier} × timeout ${s.timeout} + ` +
          `maxBatchingWindow ${s.maxBatchingWindow} = ${minimum} (given ${s.visibilityTimeout}) ${PREVENTS.sqsl002}`,
      );
    }
  }
  if (concrete(s.maxReceiveCount, s.visibilityTimeout, s.retentionPeriod)) {
    const timeToDlq = s.maxReceiveCount * s.visibilityTimeout;
    if (timeToDlq >= s.retentionPeriod) {
      errors.push(
        `maxReceiveCount × visibilityTimeout must stay below retentionPeriod ${s.retentionPeriod}, or failing ` +
          `messages expire before reaching the DLQ (given ${s.maxReceiveCount} × ${s.visibilityTimeout} = ${timeToDlq}) ${PREVENTS.sqsl007}`,
      );
    }
  }
  if (!s.fifo && concrete(s.dlqRetentionPeriod, s.retentionPeriod) && s.dlqRetentionPeriod < s.retentionPeriod) {
    errors.push(
      `dlqRetentionPeriod must be at least retentionPeriod ${s.retentionPeriod}: a standard DLQ keeps the ` +
        `original enqueue time (given ${s.dlqRetentionPeriod}) ${PREVENTS.sqsl005}`,
    );
  }
  if (concrete(s.batchSize, s.maxBatchingWindow)) {
    if (s.fifo && s.maxBatchingWindow > 0) {
      errors.push(`maxBatchingWindow must be 0 for a FIFO queue (given ${s.maxBatchingWindow}) ${PREVENTS.sqsl009}`);
    }
    if (!s.fifo && s.batchSize > 10 && s.maxBatchingWindow < 1) {
      errors.push(`maxBatchingWindow must be at least 1 when batchSize is above 10 (given ${s.maxBatchingWindow}) ${PREVENTS.sqsl009}`);
    }
  }
  if (concrete(s.maxConcurrency, s.reservedConcurrency) && s.maxConcurrency! > s.reservedConcurrency!) {
    errors.push(
      `maxConcurrency must not exceed reservedConcurrency ${s.reservedConcurrency}: throttled batches push ` +
        `healthy messages to the DLQ (given ${s.maxConcurrency}) ${PREVENTS.sqsl011}`,
    );
  }
  if (!LOG_RETENTION_DAYS.includes(s.logRetentionDays) && concrete(s.logRetentionDays)) {
    errors.push(`logRetentionDays must be one of ${LOG_RETENTION_DAYS.join(', ')} (given ${s.logRetentionDays}) ${PREVENTS.aws}`);
  }
  if (concrete(s.oldestMessageAgeThreshold, s.retentionPeriod)) {
    checkRange(errors, 'alarms.oldestMessageAgeThreshold', s.oldestMessageAgeThreshold, 60, s.retentionPeriod, PREVENTS.sqsl017);
  }
  if (s.createAlarmTopic && s.alarmTopicArn !== undefined) {
    errors.push(`alarms.createTopic and alarms.topicArn are mutually exclusive (given both) ${PREVENTS.aws}`);
  }
  if (literal(s.alarmTopicArn) && !SNS_TOPIC_ARN.test(s.alarmTopicArn)) {
    errors.push(
      `alarms.topicArn must be an SNS topic ARN, arn:<partition>:sns:<region>:<account>:<name> (given "${s.alarmTopicArn}") ${PREVENTS.aws}`,
    );
  }
  if (s.encryption.kind === 'kms') {
    checkRange(errors, 'encryption.dataKeyReusePeriod', s.encryption.dataKeyReusePeriod, 60, 86400, PREVENTS.aws);
    const keyArn = s.encryption.keyArn;
    if (literal(keyArn) && !KMS_KEY_ARN.test(keyArn)) {
      // An alias or key id would encrypt the queues, but the role's kms:Decrypt grant needs the key's ARN.
      errors.push(
        `encryption.keyArn must be a KMS key ARN, arn:<partition>:kms:<region>:<account>:key/<id> (given "${keyArn}") ${PREVENTS.sqsl025}`,
      );
    }
  }
  if (s.contentBasedDeduplication && !s.fifo) {
    errors.push(`contentBasedDeduplication must not be set without fifo: only FIFO queues deduplicate (given true) ${PREVENTS.aws}`);
  }
  if (s.filterPatterns.length > DEFAULT_FILTERS_PER_MAPPING) {
    errors.push(
      `filterPatterns must hold at most ${DEFAULT_FILTERS_PER_MAPPING} patterns, AWS's default quota per event source mapping ` +
        `(given ${s.filterPatterns.length}) ${PREVENTS.aws}`,
    );
  }
  s.filterPatterns.forEach((pattern, index) => {
    const keys = Object.keys(pattern).filter((key) => !SQS_FILTERABLE_KEYS.includes(key));
    if (keys.length > 0) {
      // Lambda deletes every message no pattern matches: a pattern on another key deletes them all.
      errors.push(
        `filterPatterns[${index}] must filter on ${SQS_FILTERABLE_KEYS.join(', ')} only, what SQS event filtering matches ` +
          `(given ${keys.join(', ')}) ${PREVENTS.filterDeletes}`,
      );
    }
  });
  return errors;
}

/** The function's own settings: runtime, handler, environment. */
function validateFunction(errors: string[], s: QueueWorkerSettings): void {
  if (literal(s.runtime) && DEPRECATED_RUNTIMES[s.runtime] !== undefined) {
    errors.push(
      `runtime must be one AWS supports: ${s.runtime} was deprecated on ${DEPRECATED_RUNTIMES[s.runtime]}, ` +
        `use ${DEFAULT_RUNTIME} or later (given "${s.runtime}") ${PREVENTS.aws}`,
    );
  }
  if (literal(s.handler) && !/^[^.]+\..+$/.test(s.handler)) {
    errors.push(`code.handler must be <file>.<export>, with a dot (given "${s.handler}") ${PREVENTS.aws}`);
  }
  const reserved = Object.keys(s.environment).filter(
    (name) => RESERVED_ENVIRONMENT_VARIABLES.includes(name) || name.startsWith(RESERVED_ENVIRONMENT_PREFIX),
  );
  if (reserved.length > 0) {
    errors.push(
      `environment must not set the names the Lambda runtime reserves (given ${reserved.join(', ')}) ${PREVENTS.aws}`,
    );
  }
}

/** Provisioned mode: AWS's ranges, and never beside maximum or reserved concurrency. */
function validateProvisionedPollers(errors: string[], s: QueueWorkerSettings): void {
  const pollers = s.provisionedPollers;
  if (pollers === undefined) return;
  const { minimumMin, minimumMax, maximumMax } = PROVISIONED_POLLERS;
  checkRange(errors, 'provisionedPollers.minimum', pollers.minimum, minimumMin, minimumMax, PREVENTS.provisionedMode);
  if (concrete(pollers.minimum)) {
    checkRange(errors, 'provisionedPollers.maximum', pollers.maximum, Math.max(minimumMin, pollers.minimum), maximumMax, PREVENTS.aws);
  } else {
    checkRange(errors, 'provisionedPollers.maximum', pollers.maximum, minimumMin, maximumMax, PREVENTS.aws);
  }
  if (s.maxConcurrency !== undefined) {
    errors.push(
      `maxConcurrency and provisionedPollers are mutually exclusive (given maxConcurrency ${s.maxConcurrency}) ${PREVENTS.provisionedMode}`,
    );
  }
  if (s.reservedConcurrency !== undefined) {
    errors.push(
      `reservedConcurrency must not be set with provisionedPollers: provisioned mode has no maximum concurrency to keep ` +
        `the mapping below the reservation (given ${s.reservedConcurrency}) ${PREVENTS.reservedWithoutMaximum}`,
    );
  }
}

/**
 * Throws one error listing every broken invariant, prefixed with the construct's path.
 * `namesTaken` maps the base names of the stack's other QueueWorkers to their paths.
 */
export function assertValidSettings(
  constructPath: string,
  s: QueueWorkerSettings,
  namesTaken: ReadonlyMap<string, string> = new Map(),
): void {
  const errors = validateQueueWorkerSettings(s);
  const other = namesTaken.get(s.name);
  if (other !== undefined) {
    // Same queue names: both mappings would poll one queue; same function and role names: AWS rejects the second.
    errors.push(`name must be unique in the stack: QueueWorker ${other} is named "${s.name}" too (given "${s.name}") ${PREVENTS.competingConsumers}`);
  }
  if (errors.length > 0) {
    throw new Error(`QueueWorker ${constructPath}: ${errors.join('; ')}`);
  }
}
