/**
 * The one evaluation path, used by `sqsguard check` and the synth-time guard: evaluate each input
 * with the policy, attach construct paths and lines, apply suppressions, sort, compute retry budgets,
 * and return the self-contained report every output format renders.
 */
import { RuleSettings } from './config';
import { Suppression } from './contract';
import { InputError, LoadedInput, documentInput, hasSqsOrLambda, lineLocator } from './input';
import { Policy, Thresholds, defaultPolicy } from './policy';
import { Finding, Report, ReportPipeline, RuleDescriptor, Severity } from './report';
import { retryBudget } from './retry-budget';
import { groupUndetermined } from './undetermined';
import { EXPIRED_DESCRIPTOR, applySuppressions, today } from './suppressions';

/**
 * An error sqsguard did not expect while evaluating an input (a bug, not bad input): still one
 * line naming the file, so the report says which input to attach.
 */
export class InternalError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file === '-' ? '<stdin>' : file}: internal error (a bug in sqsguard: please report it with this input): ${detail}`);
  }
}

function describeThrown(e: unknown): string {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e) ?? String(e);
  return text.replace(/\s+/g, ' ').trim();
}

export interface EvaluateOptions {
  /** Default: the compiled policy in policies/dist, loaded once per process. */
  policy?: Policy;
  thresholds?: Thresholds;
  /** Per-rule severities from `--config` (`rules`): applied before suppressions. */
  rules?: RuleSettings;
  suppressions?: Suppression[];
  /** Where the suppressions came from: the `input` of an expired suppression's finding. */
  suppressionsFile?: string;
  strict?: boolean;
  /** YYYY-MM-DD the suppressions' expiry is judged on (default: today, UTC). */
  today?: string;
  /** sqsguard's version, for the report's tool entry. */
  version?: string;
}

/**
 * A document the engine evaluates: one read by `loadInputs`/`parseDocument`, or one in memory given
 * by name, e.g. `{ name: 'orders', document: stack.toTerraform() }` or
 * `{ name: 'orders', document: JSON.parse(Testing.synth(stack)) }` (Testing.synth strips cdktf's
 * metadata, so its findings have no construct paths).
 */
export type EvaluationInput = LoadedInput | { name: string; document: unknown };

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

export function evaluate(given: EvaluationInput[], options: EvaluateOptions = {}): Report {
  const policy = options.policy ?? defaultPolicy();
  const inputs = given.map((i) => ('name' in i ? documentInput(i.name, i.document) : i));
  let findings: Finding[] = [];
  const pipelines: ReportPipeline[] = [];
  for (const input of inputs) {
    let evaluation;
    try {
      evaluation = policy.evaluate(input.document, options.thresholds ?? {}, input.path);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InternalError(input.path, describeThrown(e));
    }
    const lineOf = lineLocator(input);
    for (const f of evaluation.findings) {
      const related = [...(f.related ?? [])].sort();
      const source = input.sources?.({ rule: f.rule, resource: f.resource, related });
      const line = source ? source.line : lineOf(f.resource);
      const constructPath = input.constructPaths.get(f.resource);
      findings.push({
        ...f,
        related,
        input: input.path,
        ...(source ? { file: source.file } : {}),
        ...(line !== undefined ? { line } : {}),
        ...(constructPath ? { constructPath } : {}),
      });
    }
    for (const p of [...evaluation.pipelines].sort((a, b) => cmp(a.mapping, b.mapping))) {
      pipelines.push({ input: input.path, ...retryBudget(p), settings: { ...p } });
    }
  }
  findings = applyRuleSettings(findings, options.rules ?? {});
  findings = applySuppressions(findings, options.suppressions ?? [], options.suppressionsFile ?? '', options.today ?? today());
  findings.sort(compareFindings);
  const live = findings.filter((f) => !f.suppressed);
  return {
    tool: { name: 'sqsguard', version: options.version ?? '0.0.0' },
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
    uncataloguedRules: uncatalogued(policy.rules, findings),
    undeterminedGroups: groupUndetermined(findings),
    strict: options.strict ?? false,
  };
}

/**
 * `--config` rules: a rule set to deny/warn has its verdicts re-graded (an undetermined finding stays
 * undetermined: the rule could not decide), keeping the policy's severity in `originalSeverity` and
 * saying so in the message, which every format prints; a rule set to off has its findings kept but
 * suppressed, so every format lists them as suppressed with the reason.
 */
export function applyRuleSettings(findings: Finding[], rules: RuleSettings): Finding[] {
  return findings.map((f) => {
    const setting = rules[f.rule];
    if (setting === undefined) return f;
    if (setting === 'off') return { ...f, suppressed: { reason: `${f.rule} is off in --config`, expires: null } };
    if (f.severity === 'undetermined' || f.severity === setting) return f;
    return { ...f, severity: setting, originalSeverity: f.severity, message: `${f.message} [severity ${setting} in --config; policy: ${f.severity}]` };
  });
}

/** A descriptor for each rule id the findings carry that the catalogue does not (yet) describe. */
function uncatalogued(catalogue: RuleDescriptor[], findings: Finding[]): RuleDescriptor[] {
  const known = new Set(catalogue.map((r) => r.id));
  const out: RuleDescriptor[] = [];
  for (const f of findings) {
    if (known.has(f.rule)) continue;
    known.add(f.rule);
    out.push(
      f.rule === EXPIRED_DESCRIPTOR.id
        ? EXPIRED_DESCRIPTOR
        : { id: f.rule, title: f.rule, description: f.message, severity: f.severity, remediation: f.remediation, url: '' },
    );
  }
  return out;
}
