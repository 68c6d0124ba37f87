/**
 * `sqsguard check` without the command line: loads inputs, evaluates each with the policy, applies
 * suppressions, computes retry budgets and returns the report every output format renders.
 */
import { InputKind, Finding, RuleDescriptor, Severity, Suppression } from './types';
import { LoadedInput, hasSqsOrLambda } from './input';
import { Policy, Thresholds } from './policy';
import { RetryBudget, retryBudget } from './retry-budget';
import { applySuppressions, today } from './suppressions';

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
  findings: Finding[];
  pipelines: ReportPipeline[];
  rules: RuleDescriptor[];
  strict: boolean;
  /** Input path -> resource address -> construct path / line, for SARIF locations. */
  loaded: LoadedInput[];
}

export interface CheckOptions {
  thresholds?: Thresholds;
  suppressions?: Suppression[];
  suppressionsFile?: string;
  strict?: boolean;
  today?: string;
  version: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { deny: 0, warn: 1, undetermined: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    cmp(a.rule, b.rule) ||
    cmp(a.resource, b.resource) ||
    cmp(a.input, b.input) ||
    cmp(a.message, b.message)
  );
}
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function check(policy: Policy, inputs: LoadedInput[], options: CheckOptions): Report {
  let findings: Finding[] = [];
  const pipelines: ReportPipeline[] = [];
  for (const input of inputs) {
    const evaluation = policy.evaluate(input.document, options.thresholds ?? {});
    for (const f of evaluation.findings) {
      const constructPath = input.constructPaths.get(f.resource);
      findings.push({ ...f, related: [...(f.related ?? [])].sort(), input: input.path, ...(constructPath ? { constructPath } : {}) });
    }
    for (const p of [...evaluation.pipelines].sort((a, b) => cmp(a.mapping, b.mapping))) {
      pipelines.push({ input: input.path, ...retryBudget(p), settings: { ...p } });
    }
  }
  findings = applySuppressions(findings, options.suppressions ?? [], options.suppressionsFile ?? '', options.today ?? today());
  findings.sort(compareFindings);
  const live = findings.filter((f) => !f.suppressed);
  return {
    tool: { name: 'sqsguard', version: options.version },
    inputs: inputs.map((i) => ({ path: i.path, kind: i.kind, ...(i.stack ? { stack: i.stack } : {}), hasSqsOrLambda: hasSqsOrLambda(i) })),
    summary: {
      deny: live.filter((f) => f.severity === 'deny').length,
      warn: live.filter((f) => f.severity === 'warn').length,
      undetermined: live.filter((f) => f.severity === 'undetermined').length,
      suppressed: findings.length - live.length,
    },
    findings,
    pipelines,
    rules: policy.rules,
    strict: options.strict ?? false,
    loaded: inputs,
  };
}

/** 0: nothing failing; 1: deny findings (or undetermined ones with --strict). */
export function exitCode(report: Report): 0 | 1 {
  if (report.summary.deny > 0) return 1;
  if (report.strict && report.summary.undetermined > 0) return 1;
  return 0;
}

export function verdict(report: Report): string {
  const { deny, warn, undetermined, suppressed } = report.summary;
  const failed = exitCode(report) === 1;
  const counts = `${deny} deny, ${warn} warn, ${undetermined} undetermined${report.strict ? ' (strict)' : ''}, ${suppressed} suppressed`;
  return `${failed ? 'FAIL' : 'PASS'}: ${counts}`;
}
