/**
 * Jest matchers for a user's own stacks:
 *   expect(Testing.synth(stack)).toPassSqsguard();
 *   expect(Testing.synth(stack)).toHaveSqsguardFinding('SQSL008', { resource: 'app/orders/mapping' });
 * `received` is what `Testing.synth` returns (a string; cdktf strips construct paths from it, so
 * `resource` is a Terraform address there), its parsed JSON, or the TerraformStack itself (whose
 * findings also carry construct paths). A failing matcher lists the stack's findings, one per line.
 */
import { minimatch } from 'minimatch';
import { Finding, evaluateSynthesized } from './evaluate';
import type { SqsguardFindingQuery, SqsguardMatcherOptions } from './types';

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** A TerraformStack (duck-typed: this module never loads cdktf) becomes its Terraform JSON, metadata included. */
function document(received: unknown): unknown {
  const stack = received as { toTerraform?: unknown } | null;
  return typeof stack?.toTerraform === 'function' ? (stack.toTerraform as () => unknown).call(received) : received;
}

function line(f: Finding): string {
  const where = f.constructPath ? ` (${f.constructPath})` : '';
  const suppressed = f.suppressed ? ` [suppressed: ${f.suppressed.reason}]` : '';
  return `  ${f.rule} ${f.severity}: ${f.resource}${where}: ${f.message}${suppressed}`;
}

function list(findings: readonly Finding[]): string {
  return findings.length === 0 ? 'no findings' : `findings:\n${findings.map(line).join('\n')}`;
}

const glob = (value: string | undefined, pattern: string): boolean =>
  value !== undefined && (value === pattern || minimatch(value, pattern, { nonegate: true, nocomment: true, noext: true }));

function isQueried(f: Finding, rule: string, query: SqsguardFindingQuery): boolean {
  if (f.rule !== rule || f.suppressed) return false;
  if (query.severity !== undefined && f.severity !== query.severity) return false;
  return query.resource === undefined || glob(f.resource, query.resource) || glob(f.constructPath, query.resource);
}

export function toPassSqsguard(received: unknown, options: SqsguardMatcherOptions = {}): MatcherResult {
  const { findings, passes } = evaluateSynthesized(document(received), options);
  const live = findings.filter((f) => !f.suppressed);
  const failing = live.filter((f) => f.severity === 'deny' || (options.strict === true && f.severity === 'undetermined'));
  return {
    pass: passes,
    message: () =>
      passes
        ? `expected the stack to fail sqsguard, but it passes with ${list(findings)}`
        : `expected the stack to pass sqsguard, but ${failing.length} finding(s) fail it; ${list(findings)}`,
  };
}

export function toHaveSqsguardFinding(received: unknown, rule: string, query: SqsguardFindingQuery = {}): MatcherResult {
  const { findings } = evaluateSynthesized(document(received));
  const pass = findings.some((f) => isQueried(f, rule, query));
  const wanted = [rule, query.severity, query.resource && `on ${query.resource}`].filter(Boolean).join(' ');
  return {
    pass,
    message: () => (pass ? `expected no ${wanted} finding, but the stack has one; ${list(findings)}` : `expected a ${wanted} finding; the stack has ${list(findings)}`),
  };
}

/** The matchers, for `expect.extend(sqsguardMatchers)`. */
export const sqsguardMatchers = { toPassSqsguard, toHaveSqsguardFinding };
