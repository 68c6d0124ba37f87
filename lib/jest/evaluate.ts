/**
 * The matchers' only coupling to the check engine: evaluates one synthesized stack (the string
 * `Testing.synth(stack)` returns, or its parsed JSON) with the compiled policy, as `sqsguard check`
 * would, and returns the findings (suppressions applied) and whether the stack passes.
 */
import { parseDocument } from '../check/input';
import { defaultPolicy } from '../check/policy';
import { check, exitCode } from '../check/run';
import type { Finding, Severity, Suppression } from '../check/types';
import type { SqsguardMatcherOptions } from './types';

export type { Finding, Severity, Suppression };

export interface StackEvaluation {
  readonly findings: readonly Finding[];
  readonly passes: boolean;
}

export function evaluateSynthesized(synthesized: unknown, options: SqsguardMatcherOptions = {}): StackEvaluation {
  const text = typeof synthesized === 'string' ? synthesized : JSON.stringify(synthesized);
  const input = parseDocument('synthesized stack', text);
  const report = check(defaultPolicy(), [input], {
    thresholds: options.thresholds,
    suppressions: options.suppressions ? [...options.suppressions] : undefined,
    suppressionsFile: 'matcher options',
    strict: options.strict,
    version: 'jest',
  });
  return { findings: report.findings, passes: exitCode(report) === 0 };
}
