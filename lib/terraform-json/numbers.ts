/**
 * Integers outside the 32-bit signed range in what the policy checks.
 *
 * Why: the policy formats numbers for its messages with `format_int` (policies/sqsguard/lib/verdict
 * `n`). OPA's Wasm runtime implements it with a 32-bit conversion (`mpd_qget_i32`) and aborts the
 * whole evaluation when the value does not fit: `internal error: "strings: get uint failed"`.
 * The input itself reaches the policy intact (policy.ts hands it over as JSON text, and OPA's Wasm
 * JSON parser keeps big numbers exact); the abort comes only when a message formats the number.
 * No AWS setting the policy checks comes near 2^31 (seconds, counts, sizes), so such a value is an
 * input error here, with its line and path, instead of an abort there.
 *
 * What this cannot cover: numbers the policy derives (maxReceiveCount × visibility timeout, 6 ×
 * function timeout) can pass 2^31 from inputs below it (a timeout of 400,000,000 s). That needs
 * the policy's `n` to stop using `format_int` for wide values; see docs/fail-closed.md.
 */
import { formatPath, JsonPath, JsonReadError, SourceText, WideInteger } from './strict-json';

/** Resource types (and data sources as `data.<type>`) the policy reads values of. */
export const POLICY_CHECKED_TYPES: ReadonlySet<string> = new Set([
  'aws_cloudwatch_metric_alarm',
  'aws_iam_policy',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_kms_alias',
  'aws_kms_key',
  'aws_lambda_alias',
  'aws_lambda_event_source_mapping',
  'aws_lambda_function',
  'aws_sqs_queue',
  'aws_sqs_queue_policy',
  'aws_sqs_queue_redrive_allow_policy',
  'aws_sqs_queue_redrive_policy',
  'data.aws_iam_policy_document',
]);

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** In a config: `resource.<type>…` / `data.<type>…` (array indexes of HCL's array forms skipped). */
function configResourceType(path: JsonPath): string | undefined {
  const labels = path.filter((p): p is string => typeof p === 'string');
  if (labels.length < 3) return undefined;
  if (labels[0] === 'resource') return labels[1];
  if (labels[0] === 'data') return `data.${labels[1]}`;
  return undefined;
}

/** In a plan: the innermost object on the path that is a resource (has `address` and `type`). */
function planResourceType(doc: unknown, path: JsonPath): string | undefined {
  let at: unknown = doc;
  let found: string | undefined;
  for (const part of path) {
    if (isObj(at) && typeof at.address === 'string' && typeof at.type === 'string') {
      found = at.mode === 'data' ? `data.${at.type}` : at.type;
    }
    if (at === null || typeof at !== 'object') break;
    at = (at as Record<string | number, unknown>)[part];
  }
  return found;
}

/**
 * Throws a JsonReadError for the first wide integer inside a resource the policy checks.
 * `document`: the plain plan (for kind "plan"; unused for configs, whose paths name the type).
 */
export function refuseWideIntegers(kind: 'plan' | 'config', document: unknown, wide: WideInteger[], source?: SourceText): void {
  for (const w of wide) {
    const type = kind === 'config' ? configResourceType(w.path) : planResourceType(document, w.path);
    if (type === undefined || !POLICY_CHECKED_TYPES.has(type)) continue;
    throw new JsonReadError(
      `integer ${w.raw} at ${formatPath(w.path)} is outside -2147483648..2147483647, the range sqsguard's policy can evaluate (no setting it checks is that large)`,
      source?.position(w.offset),
      w.path,
    );
  }
}
