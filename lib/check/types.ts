/** Shapes of the policy's public contract (policies/sqsguard/main) and of sqsguard's report. */

export type Severity = 'deny' | 'warn' | 'undetermined';
export const SEVERITIES: readonly Severity[] = ['deny', 'warn', 'undetermined'];

/** "unknown": the value is only known after apply (plan) or is an unresolved expression. */
export type Unknown = 'unknown';
export type Maybe<T> = T | null | Unknown;

/** One finding as the policy returns it. */
export interface PolicyFinding {
  rule: string;
  severity: Severity;
  resource: string;
  related: string[];
  message: string;
  remediation: string;
}

/** One SQS event source mapping as the policy describes it (`data.sqsguard.main.pipelines`). */
export interface PolicyPipeline {
  mapping: string;
  queue: Maybe<string>;
  function: Maybe<string>;
  dlq: Maybe<string>;
  fifo: Maybe<boolean>;
  max_receive_count: Maybe<number>;
  visibility_timeout: Maybe<number>;
  function_timeout: Maybe<number>;
  batch_size: Maybe<number>;
  batching_window: Maybe<number>;
  source_retention: Maybe<number>;
  dlq_retention: Maybe<number>;
  maximum_concurrency: Maybe<number>;
  reserved_concurrency: Maybe<number>;
  report_batch_item_failures: Maybe<boolean>;
}

/** A catalogue entry of policies/dist/rules.json. */
export interface RuleDescriptor {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  remediation: string;
  url: string;
}

export type InputKind = 'synth' | 'plan';

export interface Suppression {
  rule: string;
  resource: string;
  reason: string;
  expires?: string;
}

/** A finding in sqsguard's report: the policy's finding, where it came from, and its suppression. */
export interface Finding extends PolicyFinding {
  /** Path of the input document (`-` for stdin). */
  input: string;
  /** The cdktf construct path of `resource` (synthesized input only). */
  constructPath?: string;
  suppressed?: { reason: string; expires: string | null };
}
