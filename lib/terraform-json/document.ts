/**
 * One entry point for the engine: the text of an input document → its kind and the canonical
 * document the policy reads, or a TerraformJsonError whose message is one line naming the file
 * (and, where there is one, the line and column).
 *
 * - Plans (`terraform show -json`, recognised by `format_version`): strict JSON (a repeated key is
 *   an error: the format has no merge rule), then validatePlanShape.
 * - Configurations (cdk.tf.json, *.tf.json): HCL's JSON forms merged as Terraform does
 *   (normalizeTerraformConfig), then validateConfigShape.
 * - Both: a number that does not fit a float64 is an error, and so is an integer the policy
 *   cannot format inside a resource it checks (numbers.ts).
 */
import { normalizeTerraformConfig } from './config';
import { refuseWideIntegers } from './numbers';
import { validateConfigShape, validatePlanShape } from './shape';
import { JsonReadError, ParseOptions, parseJsonStrict, parseJsonTree } from './strict-json';

export class TerraformJsonError extends Error {
  constructor(
    readonly file: string,
    /** One line, without the file name. */
    readonly problem: string,
  ) {
    super(`${file === '-' ? '<stdin>' : file}: ${problem}`);
  }
}

export type DocumentKind = 'synth' | 'plan';

export interface ReadDocument {
  kind: DocumentKind;
  document: Record<string, unknown>;
}

/** Top-level block types of a Terraform configuration (one is enough to call it one). */
export const CONFIG_KEYS: readonly string[] = ['resource', 'data', 'terraform', 'provider', 'module', 'output', 'variable', 'locals'];

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function isDuplicateKeyError(e: unknown): boolean {
  return e instanceof JsonReadError && / appears twice in one object /.test(e.problem);
}

function looksLikeConfig(v: unknown): boolean {
  const bodies = Array.isArray(v) ? v : [v];
  return bodies.length > 0 && bodies.every((b) => isObj(b) && CONFIG_KEYS.some((k) => k in b));
}

function shapeError(file: string, problems: string[], what: string): TerraformJsonError {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new TerraformJsonError(file, `${what}: ${problems[0]}${more}`);
}

function readConfig(file: string, text: string, options: ParseOptions): ReadDocument {
  const { tree, source, wideIntegers } = parseJsonTree(text, options);
  const document = normalizeTerraformConfig(tree, { source });
  const problems = validateConfigShape(document);
  if (problems.length > 0) throw shapeError(file, problems, 'not a Terraform configuration sqsguard can check');
  refuseWideIntegers('config', document, wideIntegers, source);
  return { kind: 'synth', document };
}

export function readTerraformDocument(file: string, text: string, options: ParseOptions = {}): ReadDocument {
  try {
    if (text.trim() === '') {
      throw new JsonReadError('empty input: expected a synthesized Terraform JSON config (cdk.tf.json) or `terraform show -json` plan output');
    }
    let parsed;
    try {
      parsed = parseJsonStrict(text, options);
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      // A repeated key: Terraform's merge rules apply to configurations only.
      // (Not one for plans, nor for documents that are neither.)
      const { tree } = parseJsonTree(text, options);
      const bodies = tree.kind === 'array' ? tree.items : [tree];
      const rootKeys = (n: (typeof bodies)[number]): string[] => (n.kind === 'object' ? n.entries.map((entry) => entry.key) : []);
      const isPlan = bodies.some((b) => rootKeys(b).includes('format_version'));
      const isConfig = bodies.length > 0 && bodies.every((b) => rootKeys(b).some((k) => CONFIG_KEYS.includes(k)));
      if (isPlan || !isConfig) throw e;
      return readConfig(file, text, options);
    }
    const value = parsed.value;
    if (isObj(value) && 'format_version' in value) {
      const problems = validatePlanShape(value);
      if (problems.length > 0) throw shapeError(file, problems, 'not a Terraform plan sqsguard can check');
      refuseWideIntegers('plan', value, parsed.wideIntegers, parsed.source);
      return { kind: 'plan', document: value };
    }
    if (looksLikeConfig(value)) return readConfig(file, text, options);
    if (!isObj(value)) {
      throw new JsonReadError(`a JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}, not a Terraform JSON config or plan (expected an object)`);
    }
    const keys = Object.keys(value).slice(0, 3).map((k) => JSON.stringify(k)).join(', ');
    throw new JsonReadError(
      `neither a Terraform JSON config (no resource/terraform/provider blocks) nor a Terraform plan (no format_version)${keys ? `; top-level keys: ${keys}` : ''}`,
    );
  } catch (e) {
    if (e instanceof JsonReadError) throw new TerraformJsonError(file, e.message);
    throw e;
  }
}
