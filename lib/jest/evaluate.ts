/**
 * The matchers' only coupling to the engine: evaluates one synthesized stack (the string
 * `Testing.synth(stack)` returns, or its parsed JSON) with the compiled policy, as `sqsguard check`
 * would, and returns the findings (suppressions applied) and whether the stack passes.
 */
import type { Suppression } from '../engine/contract';
import { evaluate } from '../engine/evaluate';
import { exitCode } from '../engine/report';
import type { Finding, Severity } from '../engine/report';
import type { SqsguardMatcherOptions } from './types';

export type { Finding, Severity, Suppression };

export interface StackEvaluation {
  readonly findings: readonly Finding[];
  readonly passes: boolean;
}

export function evaluateSynthesized(synthesized: unknown, options: SqsguardMatcherOptions = {}): StackEvaluation {
  const document = typeof synthesized === 'string' ? JSON.parse(synthesized) : synthesized;
  const report = evaluate([{ name: 'synthesized stack', document }], {
    thresholds: options.thresholds,
    suppressions: options.suppressions ? [...options.suppressions] : undefined,
    suppressionsFile: 'matcher options',
    strict: options.strict,
    version: 'jest',
  });
  return { findings: report.findings, passes: exitCode(report) === 0 };
}
