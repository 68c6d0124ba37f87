/**
 * Which attribute a finding is about, per rule: the policy names a resource, and the rule's
 * remediation names the attribute to change. Candidates are tried in order on the finding's
 * resource, then on its related resources (e.g. SQSL011 is reported on the mapping but decided by
 * the function's reserved concurrency); without one the resource block's first line is used.
 */
import { SourceLocator } from '../engine/input';
import { SourceLocation } from './reader';

type Candidate = readonly [resourceType: string, attributePath: string];

const QUEUE = 'aws_sqs_queue';
const MAPPING = 'aws_lambda_event_source_mapping';
const FUNCTION = 'aws_lambda_function';

export const RULE_ATTRIBUTES: Record<string, readonly Candidate[]> = {
  SQSL001: [[QUEUE, 'visibility_timeout_seconds']],
  SQSL002: [[QUEUE, 'visibility_timeout_seconds']],
  SQSL003: [[QUEUE, 'redrive_policy']],
  SQSL004: [
    [QUEUE, 'redrive_policy.maxReceiveCount'],
    ['aws_sqs_queue_redrive_policy', 'redrive_policy.maxReceiveCount'],
  ],
  SQSL005: [[QUEUE, 'message_retention_seconds']],
  SQSL006: [[QUEUE, 'fifo_queue']],
  SQSL007: [[QUEUE, 'message_retention_seconds']],
  SQSL008: [[MAPPING, 'function_response_types']],
  SQSL009: [
    [MAPPING, 'batch_size'],
    [MAPPING, 'maximum_batching_window_in_seconds'],
  ],
  SQSL010: [[FUNCTION, 'reserved_concurrent_executions']],
  SQSL011: [
    [FUNCTION, 'reserved_concurrent_executions'],
    [MAPPING, 'scaling_config.maximum_concurrency'],
  ],
  SQSL012: [[MAPPING, 'scaling_config.maximum_concurrency']],
  SQSL013: [[FUNCTION, 'timeout']],
  SQSL014: [[FUNCTION, 'dead_letter_config']],
  SQSL015: [
    [QUEUE, 'redrive_allow_policy'],
    ['aws_sqs_queue_redrive_allow_policy', 'redrive_allow_policy'],
  ],
  SQSL018: [[MAPPING, 'enabled']],
  SQSL019: [[QUEUE, 'message_retention_seconds']],
  SQSL020: [
    [QUEUE, 'sqs_managed_sse_enabled'],
    [QUEUE, 'kms_master_key_id'],
  ],
  SQSL021: [
    ['aws_sqs_queue_policy', 'policy'],
    [QUEUE, 'policy'],
  ],
  SQSL022: [
    ['aws_sqs_queue_policy', 'policy'],
    [QUEUE, 'policy'],
  ],
  SQSL023: [
    ['aws_iam_role_policy', 'policy'],
    ['aws_iam_policy', 'policy'],
    ['aws_iam_role_policy_attachment', 'policy_arn'],
    ['aws_iam_role', 'inline_policy'],
    ['aws_iam_role', 'managed_policy_arns'],
  ],
  SQSL024: [
    ['aws_iam_role_policy', 'policy'],
    ['aws_iam_policy', 'policy'],
    ['aws_iam_role_policy_attachment', 'policy_arn'],
    ['aws_iam_role', 'inline_policy'],
    ['aws_iam_role', 'managed_policy_arns'],
  ],
  SQSL025: [
    ['aws_iam_role_policy', 'policy'],
    ['aws_iam_policy', 'policy'],
    ['aws_iam_role', 'inline_policy'],
  ],
};

/** Every attribute path the table names (the HCL reader locates these on every resource). */
export const LOCATED_PATHS: string[] = [...new Set(Object.values(RULE_ATTRIBUTES).flatMap((cs) => cs.map(([, p]) => p)))].sort();

/** The resource type of an address: module.a["x"].aws_sqs_queue.this[0] -> aws_sqs_queue. */
export function resourceType(address: string): string | undefined {
  const m = /(?:^|\.)(data\.)?([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?$/.exec(address);
  return m ? `${m[1] ?? ''}${m[2]}` : undefined;
}

export function sourceLocator(locations: Record<string, SourceLocation>): SourceLocator {
  return ({ rule, resource, related }) => {
    for (const [type, attr] of RULE_ATTRIBUTES[rule] ?? []) {
      for (const address of [resource, ...related]) {
        const at = resourceType(address) === type ? locations[address]?.attributes?.[attr] : undefined;
        if (at) return at;
      }
    }
    const own = locations[resource];
    return own ? { file: own.file, line: own.line } : undefined;
  };
}
