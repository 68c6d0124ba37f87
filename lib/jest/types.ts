import type { Severity, Suppression } from './evaluate';

/** How `toPassSqsguard` evaluates a stack: the same knobs as `sqsguard check`. */
export interface SqsguardMatcherOptions {
  /** Threshold overrides (the keys of `sqsguard check --config`, see docs/rules.md). */
  readonly thresholds?: Readonly<Record<string, string | number | boolean>>;
  /** Suppressions, as in a suppressions file: `{ rule, resource, reason, expires? }`. */
  readonly suppressions?: readonly Suppression[];
  /** Undetermined findings fail too (`sqsguard check --strict`). */
  readonly strict?: boolean;
}

/** Which finding `toHaveSqsguardFinding` looks for, besides its rule id. */
export interface SqsguardFindingQuery {
  /** A Terraform address or a cdktf construct path (`stack/orders/mapping`); a glob matches too. */
  readonly resource?: string;
  readonly severity?: Severity;
}
