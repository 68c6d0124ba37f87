/**
 * Suppressions: `[{rule, resource, reason, expires?}]` (or `{"suppressions": [...]}`). `rule` and
 * `resource` are globs (minimatch; an exact string always matches itself, so addresses with `[0]`
 * need no escaping); `resource` matches a finding's Terraform address or, for synthesized input, its
 * cdktf construct path. `reason` is required. `expires` (YYYY-MM-DD) is the last day the entry holds;
 * after it the entry suppresses nothing and is itself reported as a deny finding.
 */
import { minimatch } from 'minimatch';
import { Suppression } from './contract';
import { InputError, readJsonFile } from './input';
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

export function loadSuppressions(file: string): Suppression[] {
  return parseSuppressions(file, readJsonFile(file, 'suppressions'));
}

export function parseSuppressions(file: string, doc: unknown): Suppression[] {
  const list = Array.isArray(doc) ? doc : (doc as { suppressions?: unknown } | null)?.suppressions;
  if (!Array.isArray(list)) {
    throw new InputError(file, 'expected a JSON array of suppressions (or {"suppressions": [...]})');
  }
  return list.map((entry, i) => {
    const where = `suppression #${i + 1}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new InputError(file, `${where} is not an object`);
    const e = entry as Record<string, unknown>;
    for (const key of ['rule', 'resource', 'reason'] as const) {
      if (typeof e[key] !== 'string' || (e[key] as string).trim() === '') {
        throw new InputError(file, `${where}: "${key}" is required (a non-empty string)`);
      }
    }
    for (const key of Object.keys(e)) {
      if (!['rule', 'resource', 'reason', 'expires'].includes(key)) throw new InputError(file, `${where}: unknown key "${key}"`);
    }
    if (e.expires !== undefined && (typeof e.expires !== 'string' || !isDate(e.expires))) {
      throw new InputError(file, `${where}: "expires" must be a date YYYY-MM-DD`);
    }
    return { rule: e.rule as string, resource: e.resource as string, reason: e.reason as string, ...(e.expires ? { expires: e.expires as string } : {}) };
  });
}

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
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
