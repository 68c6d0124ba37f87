/**
 * Suppressions: `[{rule, resource, reason, expires?}]` (or `{"suppressions": [...]}`). `rule` and
 * `resource` are globs (minimatch; an exact string always matches itself, so addresses with `[0]`
 * need no escaping); `resource` matches a finding's Terraform address or, for synthesized input, its
 * cdktf construct path. `reason` is required. `expires` (YYYY-MM-DD) is the last day the entry holds;
 * after it the entry suppresses nothing and is itself reported as a deny finding.
 * Validation is lib/suppressions' (the one validator, shared with the guard's inline option).
 */
import { minimatch } from 'minimatch';
import { Suppression } from './contract';
import { validateSuppressions } from '../suppressions';
import { InputError, readJsonFile } from './input';
import { defaultPolicy } from './policy';
import { Finding, RuleDescriptor } from './report';

export const EXPIRED_RULE = 'SQSG-SUPPRESSION-EXPIRED';
const EXPIRED_REMEDIATION = 'Fix the underlying finding and delete the suppression, or renew it with a new "expires" date after review.';

/** The catalogue entry of the findings an expired suppression raises (the policy does not know them). */
export const EXPIRED_DESCRIPTOR: RuleDescriptor = {
  id: EXPIRED_RULE,
  title: 'Expired suppression',
  description: 'A suppression in the --suppressions file is past its "expires" date: it suppresses nothing and has to be reviewed.',
  severity: 'deny',
  remediation: EXPIRED_REMEDIATION,
  url: '',
};

/**
 * Suppressions that failed validation: every problem is one line naming the source and the entry
 * (`<source>: suppression #2: …`); the CLI prints each one, the guard reports each as a synth error.
 */
export class SuppressionsError extends InputError {
  constructor(
    file: string,
    readonly problems: string[],
  ) {
    super(file, problems[0].startsWith(`${file}: `) ? problems[0].slice(file.length + 2) : problems[0]);
  }
}

/** The rule ids a suppression's `rule` must be able to match: the policy's catalogue. */
function catalogueIds(): string[] {
  return defaultPolicy().rules.map((r) => r.id);
}

export function loadSuppressions(file: string, ruleIds: readonly string[] = catalogueIds()): Suppression[] {
  return parseSuppressions(file, readJsonFile(file, 'suppressions'), ruleIds);
}

/**
 * Validates suppressions from `source` (a file, or the guard's inline option) with the one
 * validator (lib/suppressions); SuppressionsError listing every problem otherwise.
 */
export function parseSuppressions(source: string, doc: unknown, ruleIds: readonly string[] = catalogueIds()): Suppression[] {
  const { suppressions, problems } = validateSuppressions(doc, source, { ruleIds });
  if (problems.length > 0) throw new SuppressionsError(source, problems);
  return suppressions;
}

/** Today as YYYY-MM-DD (UTC). */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isExpired(s: Suppression, on: string = today()): boolean {
  return s.expires !== undefined && s.expires < on;
}

const glob = (value: string, pattern: string): boolean =>
  value === pattern || minimatch(value, pattern, { nonegate: true, nocomment: true, noext: true });

export function matches(s: Suppression, f: Pick<Finding, 'rule' | 'resource' | 'constructPath'>): boolean {
  if (!glob(f.rule, s.rule)) return false;
  return glob(f.resource, s.resource) || (f.constructPath !== undefined && glob(f.constructPath, s.resource));
}

/**
 * Marks findings matched by a live suppression as suppressed (first matching entry wins) and returns
 * them with one deny finding per expired entry appended.
 */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], source: string, on: string = today()): Finding[] {
  const live = suppressions.filter((s) => !isExpired(s, on));
  const out = findings.map((f) => {
    if (f.rule === EXPIRED_RULE) return f;
    const s = live.find((x) => matches(x, f));
    return s ? { ...f, suppressed: { reason: s.reason, expires: s.expires ?? null } } : f;
  });
  for (const s of suppressions.filter((x) => isExpired(x, on))) {
    out.push({
      rule: EXPIRED_RULE,
      severity: 'deny',
      resource: s.resource,
      related: [],
      message: `suppression of ${s.rule} for ${s.resource} expired on ${s.expires} (reason given: ${s.reason})`,
      remediation: EXPIRED_REMEDIATION,
      input: source,
    });
  }
  return out;
}
