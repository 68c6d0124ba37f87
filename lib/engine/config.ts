/** `--config <file>`: threshold overrides, a flat JSON object passed to the policy as data.sqsguard_thresholds. */
import { InputError, readJsonFile } from './input';
import { Thresholds, defaultPolicy } from './policy';

/** Reads `--config`; a key the policy does not know (a typo would otherwise be ignored) is an error. */
export function loadThresholds(file: string, known: Thresholds = defaultPolicy().thresholdDefaults()): Thresholds {
  const thresholds = parseThresholds(file, readJsonFile(file, 'config'));
  for (const [key, value] of Object.entries(thresholds)) {
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
  return thresholds;
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
