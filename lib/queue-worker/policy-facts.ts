/**
 * The facts the construct shares with the policy catalogue, read from the file the policy build
 * writes (`policies/dist/thresholds.json`, generated from the Rego). The construct's defaults and
 * ranges come from here, so the pattern can never build what its own policy would flag.
 */
// Imported (not read with fs) so tsc copies the file into dist/ beside the compiled construct.
import thresholdsFile from '../../policies/dist/thresholds.json';

const THRESHOLD_KEYS = [
  'visibility_timeout_multiplier',
  'max_receive_count_min',
  'max_receive_count_max',
  'dlq_retention_min_seconds',
  'oldest_message_age_alarm_max_seconds',
] as const;

const LIMIT_KEYS = [
  'function_timeout_min_seconds',
  'function_timeout_max_seconds',
  'maximum_concurrency_min',
  'maximum_concurrency_max',
] as const;

/** The policy's default thresholds (what `threshold_defaults` of the compiled policy returns). */
export type PolicyThresholds = Readonly<Record<(typeof THRESHOLD_KEYS)[number], number>>;
/** AWS limits the policy enforces. */
export type PolicyLimits = Readonly<Record<(typeof LIMIT_KEYS)[number], number>>;

/** One section of the file, every expected key a number (a malformed file fails loudly, at load). */
function readSection<K extends string>(file: unknown, section: string, keys: readonly K[]): Readonly<Record<K, number>> {
  const values = (file as Record<string, unknown> | null)?.[section] as Record<string, unknown> | undefined;
  const result = {} as Record<K, number>;
  for (const key of keys) {
    const value = values?.[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`policies/dist/thresholds.json: ${section}.${key} must be a number (given ${JSON.stringify(value)})`);
    }
    result[key] = value;
  }
  return Object.freeze(result);
}

export const POLICY_THRESHOLDS: PolicyThresholds = readSection(thresholdsFile, 'thresholds', THRESHOLD_KEYS);
export const POLICY_LIMITS: PolicyLimits = readSection(thresholdsFile, 'limits', LIMIT_KEYS);
