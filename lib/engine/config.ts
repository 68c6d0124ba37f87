/**
 * `--config <file>`: a JSON object of threshold overrides (passed to the policy as
 * data.sqsguard_thresholds) and, under `rules`, per-rule severity overrides applied by the engine:
 * `{"max_receive_count_min": 3, "rules": {"SQSL009": "off", "SQSL019": "deny"}}`.
 */
import { InputError, readJsonFile } from './input';
import { Thresholds, defaultPolicy } from './policy';
import { Severity } from './report';

/** A rule's severity set by the user: `deny`/`warn` replaces the rule's verdict severity; `off` disables the rule. */
export type RuleSetting = Exclude<Severity, 'undetermined'> | 'off';
export const RULE_SETTINGS: readonly RuleSetting[] = ['deny', 'warn', 'off'];
export type RuleSettings = Record<string, RuleSetting>;

export interface Config {
  thresholds: Thresholds;
  rules: RuleSettings;
}

/** The key of the rule settings; every other key is a threshold. */
const RULES_KEY = 'rules';

/**
 * Reads `--config`. A threshold or rule id the policy does not know (a typo would otherwise be
 * ignored), a value of the wrong type or an unknown severity is an error.
 */
export function loadConfig(
  file: string,
  known: Thresholds = defaultPolicy().thresholdDefaults(),
  ruleIds: readonly string[] = defaultPolicy().rules.map((r) => r.id),
): Config {
  const config = parseConfig(file, readJsonFile(file, 'config'));
  for (const [key, value] of Object.entries(config.thresholds)) {
    if (!(key in known)) {
      throw new InputError(file, `unknown threshold "${key}" (known: ${Object.keys(known).sort().join(', ')})`);
    }
    if (typeof value !== typeof known[key]) {
      throw new InputError(file, `threshold "${key}" must be a ${typeof known[key]} like its default ${JSON.stringify(known[key])} (given ${JSON.stringify(value)})`);
    }
    // every numeric threshold is a count, a duration or a factor: 0 or less would switch its rule off
    // silently, and 2^31 or more is beyond what the policy can format in its messages
    if (typeof value === 'number' && !(value > 0 && value <= 2147483647)) {
      throw new InputError(file, `threshold "${key}" must be a positive number up to 2147483647 like its default ${JSON.stringify(known[key])} (given ${JSON.stringify(value)})`);
    }
  }
  for (const id of Object.keys(config.rules)) {
    if (!ruleIds.includes(id)) throw new InputError(file, `rules: unknown rule id "${id}" (rule ids look like SQSL001; see docs/rules.md)`);
  }
  return config;
}

/** The thresholds of `--config` (the rule settings are validated, then left out). */
export function loadThresholds(file: string, known?: Thresholds): Thresholds {
  return loadConfig(file, known).thresholds;
}

export function parseConfig(file: string, doc: unknown): Config {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError(file, 'config must be a flat JSON object of thresholds, plus an optional "rules" object, e.g. {"max_receive_count_min": 3, "rules": {"SQSL019": "deny"}}');
  }
  const { [RULES_KEY]: rules, ...thresholds } = doc as Record<string, unknown>;
  return { thresholds: parseThresholds(file, thresholds), rules: parseRuleSettings(file, rules) };
}

export function parseThresholds(file: string, doc: unknown): Thresholds {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError(file, 'config must be a flat JSON object of thresholds, e.g. {"max_receive_count_min": 3}');
  }
  for (const [key, value] of Object.entries(doc)) {
    if (!['number', 'string', 'boolean'].includes(typeof value)) {
      throw new InputError(file, `threshold "${key}" must be a number, string or boolean (the config is a flat object)`);
    }
  }
  return doc as Thresholds;
}

function parseRuleSettings(file: string, rules: unknown): RuleSettings {
  if (rules === undefined) return {};
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) {
    throw new InputError(file, 'rules must be an object of rule id -> "deny", "warn" or "off", e.g. {"SQSL019": "deny"}');
  }
  for (const [id, setting] of Object.entries(rules)) {
    if (!RULE_SETTINGS.includes(setting as RuleSetting)) {
      throw new InputError(file, `rules: "${id}" must be "deny", "warn" or "off" (given ${JSON.stringify(setting)})`);
    }
  }
  return rules as RuleSettings;
}
