/**
 * The report: what one evaluation found, self-contained. The output formats (lib/format) render it
 * and read nothing else — every finding carries its input, line, construct path and suppression.
 * No imports on purpose: this module is the whole vocabulary a renderer needs.
 */

export type Severity = 'deny' | 'warn' | 'undetermined';
export const SEVERITIES: readonly Severity[] = ['deny', 'warn', 'undetermined'];

/** "unknown": the value is only known after apply (plan) or is an unresolved expression. */
export type Unknown = 'unknown';
export type Maybe<T> = T | null | Unknown;
export type Quantity = number | null | Unknown;

/** hcl: a Terraform root module directory, read into a plan-shaped document (lib/hcl). */
export type InputKind = 'synth' | 'plan' | 'hcl';

/** A catalogue entry of policies/dist/rules.json. */
export interface RuleDescriptor {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  remediation: string;
  url: string;
}

/** One finding: the policy's verdict on a resource, where it came from, and its suppression. */
export interface Finding {
  rule: string;
  severity: Severity;
  /** Terraform address. */
  resource: string;
  related: string[];
  message: string;
  remediation: string;
  /** Path (or name) of the input document (`-` for stdin); the suppressions file for an expired suppression. */
  input: string;
  /**
   * Source file of the finding (a .tf or .tfvars file) when it is known: Terraform directory input,
   * or a plan checked with --source-dir. As given (relative to the working directory when relative).
   */
  file?: string;
  /**
   * 1-based line, when it is known: in `file` when that is set (the offending attribute's value, else
   * the resource block), else of the resource's declaration in the input text.
   */
  line?: number;
  /** The cdktf construct path of `resource` (synthesized input only). */
  constructPath?: string;
  suppressed?: { reason: string; expires: string | null };
  /** Undetermined findings: why the value could not be read (a cause code, see docs/rules.md). */
  cause?: string;
  /** The policy's severity when `--config` (`rules`) changed it; `severity` is then the configured one. */
  originalSeverity?: Severity;
}

/** Undetermined findings that share a cause, across resources (lib/engine/undetermined.ts). */
export interface UndeterminedGroup {
  /** Cause code, e.g. "apply_time_jsonencode"; "unspecified" when the rule gave none. */
  cause: string;
  /** One sentence: how many checks on how many resources, what could not be read and why. */
  sentence: string;
  /** What would resolve it. */
  resolve: string;
  findings: Finding[];
}

/** The resources of an SQS -> Lambda pipeline, named by their Terraform addresses. */
export interface PipelineResources {
  /** The event source mapping. */
  mapping: string;
  queue: Maybe<string>;
  function: Maybe<string>;
  dlq: Maybe<string>;
  fifo: Maybe<boolean>;
}

/**
 * The retry budget of an SQS -> Lambda pipeline (computed by lib/engine/retry-budget.ts): how often
 * and for how long a failing message is retried, whether it reaches the DLQ before it expires, how
 * long it then survives there, how long duplicates can arrive, and how many batches run at once.
 */
export interface RetryBudget extends PipelineResources {
  /** Receives of a failing message before SQS moves it to the DLQ (maxReceiveCount); null: no DLQ. */
  max_receives_before_dlq: Quantity;
  /** Seconds from the first receive until the message is moved to the DLQ, ≈ maxReceiveCount × VT. */
  time_to_dlq_seconds: Quantity;
  source_retention_seconds: Quantity;
  /** Whether a failing message expires from the source queue before it reaches the DLQ (always true without a DLQ). */
  expires_before_dlq: boolean | null | Unknown;
  dlq_retention_seconds: Quantity;
  /**
   * Seconds a message is kept in the DLQ: a standard queue keeps the original enqueue timestamp, so
   * the time already spent retrying counts against the DLQ's retention; FIFO resets it.
   */
  time_in_dlq_seconds: Quantity;
  /** Worst case, seconds over which the same message can be delivered again (keep idempotency records this long). */
  duplicate_window_seconds: Quantity;
  /** At most this many batches are processed at once. */
  max_concurrent_batches: Quantity;
  concurrency_limited_by: 'maximum_concurrency' | 'reserved_concurrency' | 'account default' | 'unknown';
  /** max_concurrent_batches × batch size. */
  max_messages_in_flight: Quantity;
  /** Without a DLQ: receives of a failing message until it expires, ⌊retention / VT⌋; null with a DLQ. */
  retries_until_expiry: Quantity;
}

export interface ReportPipeline extends RetryBudget {
  input: string;
  /** The policy's raw numbers for this mapping. */
  settings: Record<string, unknown>;
}

export interface ReportInput {
  path: string;
  kind: InputKind;
  stack?: string;
  /** Whether the input declares any SQS queue, Lambda function or event source mapping. */
  hasSqsOrLambda: boolean;
}

export interface Summary {
  deny: number;
  warn: number;
  undetermined: number;
  suppressed: number;
}

export interface Report {
  tool: { name: string; version: string };
  inputs: ReportInput[];
  summary: Summary;
  /** Sorted: severity, rule, resource, input, message. */
  findings: Finding[];
  pipelines: ReportPipeline[];
  /** The policy's rule catalogue. */
  rules: RuleDescriptor[];
  /**
   * Descriptors of rule ids the findings carry but the catalogue lacks (the expired-suppression rule,
   * a rule newer than rules.json), in the order of their first finding.
   */
  uncataloguedRules: RuleDescriptor[];
  /** The live undetermined findings grouped by cause. */
  undeterminedGroups: UndeterminedGroup[];
  strict: boolean;
}

/** 0: nothing failing; 1: deny findings (or undetermined ones with --strict). */
export function exitCode(report: Pick<Report, 'summary' | 'strict'>): 0 | 1 {
  if (report.summary.deny > 0) return 1;
  if (report.strict && report.summary.undetermined > 0) return 1;
  return 0;
}
