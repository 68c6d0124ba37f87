/**
 * The one validator for suppressions, wherever they come from (the CLI's --suppressions file, the
 * synth-time guard's inline list). Same contract as lib/engine/suppressions.ts: `[{rule, resource,
 * reason, expires?}]` or `{"suppressions": [...]}`; `rule` and `resource` are minimatch globs (an
 * exact string matches itself); `expires` is the last day the entry holds.
 *
 * Stricter where the old checks let a suppression through that should not be one:
 * - `reason` must say something: blank after removing whitespace and invisible characters
 *   (zero-width space, ZWNJ, BOM, NBSP, Hangul fillers, …) is refused;
 * - `expires` must be a real calendar date YYYY-MM-DD (dates compare as strings, so "garbage"
 *   would never expire, and 2026-02-30 is not a day);
 * - `rule` must be able to match a rule id (SQSL + three digits, or one of `ruleIds`);
 * - `rule` and `resource` must not hold invisible characters or surrounding whitespace (they
 *   would match nothing, silently; a plain space inside is kept: for_each keys may have one);
 * - unknown keys are refused.
 * Every problem is one line naming the source and the entry ("suppression #2", 1-based as the
 * existing messages are).
 */
import { filter } from 'minimatch';

export interface ValidSuppression {
  rule: string;
  resource: string;
  reason: string;
  expires?: string;
}

export interface SuppressionValidation {
  /** The valid entries (only meaningful when `problems` is empty). */
  suppressions: ValidSuppression[];
  /** One line each: `<source>: suppression #<n>: <problem>`. */
  problems: string[];
}

export interface ValidateOptions {
  /** The catalogue's rule ids: a `rule` must match at least one. Default: any SQSL000–SQSL999. */
  ruleIds?: readonly string[];
}

const KEYS = ['rule', 'resource', 'reason', 'expires'] as const;

/**
 * Characters that show nothing: white space and separators (Z*, incl. NBSP), controls (Cc),
 * format characters (Cf: zero-width space/joiners, BOM, bidi marks), default-ignorable code points
 * (Hangul fillers, variation selectors, CGJ), combining marks alone (M*), and the braille blank.
 */
const INVISIBLE = /[\s\p{Z}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/gu;
const VISIBLE_WORD = /[\p{L}\p{N}]/u;

/** What is left of `s` once everything that shows nothing is removed. */
export function visibleText(s: string): string {
  return s.replace(INVISIBLE, '');
}

/** The first character that shows nothing, other than a plain space inside (for_each keys may hold one). */
function invisibleIn(s: string): string | undefined {
  const re = /[\s\p{Z}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const inside = m.index > 0 && m.index < s.length - 1;
    if (m[0] !== ' ' || !inside) return `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return undefined;
}

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

const ALL_SQSL_IDS = Array.from({ length: 1000 }, (_, i) => `SQSL${String(i).padStart(3, '0')}`);

function matchesSomeRule(pattern: string, ids: readonly string[]): boolean {
  if (ids.includes(pattern)) return true;
  // the options lib/engine/suppressions.ts matches with
  return ids.some(filter(pattern, { nonegate: true, nocomment: true, noext: true }));
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v);
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Validates suppressions from `source` (a file path, or e.g. "guard option suppressions"). */
export function validateSuppressions(value: unknown, source: string, options: ValidateOptions = {}): SuppressionValidation {
  const problems: string[] = [];
  const list = Array.isArray(value)
    ? value
    : value !== null && typeof value === 'object' && Object.keys(value).length === 1 && Array.isArray((value as { suppressions?: unknown }).suppressions)
      ? ((value as { suppressions: unknown[] }).suppressions)
      : undefined;
  if (list === undefined) {
    return { suppressions: [], problems: [`${source}: expected an array of suppressions (or {"suppressions": [...]}), found ${describe(value)}`] };
  }
  const ids = options.ruleIds ?? ALL_SQSL_IDS;
  const suppressions: ValidSuppression[] = [];
  list.forEach((entry, i) => {
    const where = `${source}: suppression #${i + 1}`;
    const before = problems.length;
    const problem = (text: string): void => void problems.push(`${where}: ${text}`);
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problem(`must be an object {rule, resource, reason, expires?} (found ${describe(entry)})`);
      return;
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!(KEYS as readonly string[]).includes(key)) problem(`unknown key ${JSON.stringify(key)} (allowed: ${KEYS.join(', ')})`);
    }
    for (const key of ['rule', 'resource'] as const) {
      const v = e[key];
      if (typeof v !== 'string' || v === '') {
        problem(`"${key}" is required (a non-empty string; found ${v === undefined ? 'nothing' : describe(v)})`);
        continue;
      }
      const bad = invisibleIn(v);
      if (bad) problem(`"${key}" contains an invisible character or surrounding whitespace (${bad}), so it would match nothing`);
    }
    if (typeof e.rule === 'string' && e.rule !== '' && !invisibleIn(e.rule) && !matchesSomeRule(e.rule, ids)) {
      problem(`"rule" ${JSON.stringify(e.rule)} matches no rule id (expected e.g. "SQSL013", or a glob such as "SQSL01*")`);
    }
    if (typeof e.reason !== 'string') {
      problem(`"reason" is required (a string saying why; found ${e.reason === undefined ? 'nothing' : describe(e.reason)})`);
    } else if (!VISIBLE_WORD.test(visibleText(e.reason))) {
      problem('"reason" is blank (only whitespace, punctuation or invisible characters): say why the finding is accepted');
    }
    if (e.expires !== undefined) {
      if (typeof e.expires !== 'string' || !isCalendarDate(e.expires)) {
        problem(`"expires" must be a calendar date YYYY-MM-DD (found ${describe(e.expires)})`);
      }
    }
    if (problems.length === before) {
      suppressions.push({
        rule: e.rule as string,
        resource: e.resource as string,
        reason: e.reason as string,
        ...(e.expires !== undefined ? { expires: e.expires as string } : {}),
      });
    }
  });
  return { suppressions, problems };
}
