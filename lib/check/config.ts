/** `--config <file>`: threshold overrides, a flat JSON object passed to the policy as data.sqsguard_thresholds. */
import { InputError, readJsonFile } from './input';
import { Thresholds } from './policy';

export function loadThresholds(file: string): Thresholds {
  return parseThresholds(file, readJsonFile(file, 'config'));
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
