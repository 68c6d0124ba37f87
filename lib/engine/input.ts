/**
 * Reads the documents the engine evaluates and tells which kind each one is: a synthesized
 * Terraform JSON config (cdk.tf.json or any *.tf.json), a `terraform show -json` plan, a cdktf.out
 * directory (every stacks/<name>/cdk.tf.json in it), a Terraform root module directory (*.tf,
 * *.tf.json: read by lib/hcl into a plan-shaped document), `-` (stdin), or a document already in memory
 * (a stack's `toTerraform()`, a parsed `Testing.synth(stack)`). Anything else is an InputError
 * whose message is one line naming the file and what is wrong with it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InputKind } from './report';

export class InputError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file === '-' ? '<stdin>' : file}: ${problem}`);
  }
}

export interface LoadedInput {
  /** As given (or the stack file found in a given directory); `-` for stdin. */
  path: string;
  kind: InputKind;
  document: Record<string, unknown>;
  /** The raw text, for locating resources in it (absent for a document given in memory). */
  text?: string;
  /** The cdktf stack name, when the input is a stack of a cdktf.out directory. */
  stack?: string;
  /** Terraform address -> cdktf construct path (synthesized input only). */
  constructPaths: Map<string, string>;
  /** Where a finding's value was written in Terraform source (HCL input, or a plan given --source-dir). */
  sources?: SourceLocator;
}

/** A finding -> the source file (as given, relative to the working directory when relative) and 1-based line. */
export type SourceLocator = (finding: { rule: string; resource: string; related: string[] }) => { file: string; line: number } | undefined;

export interface LoadOptions {
  /** -var-file files for Terraform directories, in order, after terraform.tfvars and *.auto.tfvars. */
  varFiles?: string[];
}

const CONFIG_KEYS = ['resource', 'data', 'terraform', 'provider', 'module', 'output', 'variable', 'locals'];
const PLAN_KEYS = ['planned_values', 'resource_changes', 'configuration', 'prior_state', 'terraform_version'];

export function loadInputs(
  paths: string[],
  readStdin: () => string = () => fs.readFileSync(0, 'utf8'),
  options: LoadOptions = {},
): LoadedInput[] {
  const out: LoadedInput[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push(parseDocument('-', readStdin()));
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new InputError(p, 'no such file or directory');
    }
    if (stat.isDirectory()) out.push(...loadDirectory(p, options));
    else out.push(parseDocument(p, readText(p)));
  }
  return out;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * A cdktf output directory: stacks/<name>/cdk.tf.json (or a single stack directory holding
 * cdk.tf.json); else a Terraform root module directory (*.tf or *.tf.json files).
 */
function loadDirectory(dir: string, options: LoadOptions = {}): LoadedInput[] {
  const stacksDir = path.join(dir, 'stacks');
  const stacks: [string, string][] = [];
  if (fs.existsSync(stacksDir) && fs.statSync(stacksDir).isDirectory()) {
    for (const name of fs.readdirSync(stacksDir).sort()) {
      const file = path.join(stacksDir, name, 'cdk.tf.json');
      if (fs.existsSync(file)) stacks.push([name, file]);
    }
  } else if (fs.existsSync(path.join(dir, 'cdk.tf.json'))) {
    stacks.push([path.basename(path.resolve(dir)), path.join(dir, 'cdk.tf.json')]);
  }
  if (stacks.length === 0 && isTerraformDirectory(dir)) {
    // required here, not imported: only Terraform directories load the HCL reader's Wasm
    const { loadTerraformDirectory } = require('../hcl') as typeof import('../hcl');
    return [loadTerraformDirectory(dir, options)];
  }
  if (stacks.length === 0) {
    throw new InputError(
      dir,
      'directory holds no synthesized stacks (expected stacks/<stack>/cdk.tf.json, as `cdktf synth` writes) and no Terraform files (*.tf, *.tf.json)',
    );
  }
  return stacks.map(([name, file]) => {
    const input = parseDocument(file, readText(file));
    if (input.kind !== 'synth') throw new InputError(file, 'expected a synthesized Terraform JSON config in a cdktf stack directory');
    return { ...input, stack: name };
  });
}

/** Whether dir holds Terraform configuration files (*.tf or *.tf.json). */
export function isTerraformDirectory(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((n) => (n.endsWith('.tf') || n.endsWith('.tf.json')) && !n.startsWith('.'));
  } catch {
    return false;
  }
}

export function parseDocument(file: string, text: string): LoadedInput {
  if (text.trim() === '') {
    throw new InputError(file, 'empty input: expected a synthesized Terraform JSON config (cdk.tf.json) or `terraform show -json` plan output');
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    throw new InputError(file, describeJsonError(text, e as Error));
  }
  return classify(file, document, text);
}

/**
 * An input from a document already in memory, named `name` in findings: e.g. a stack's
 * `toTerraform()`, `JSON.parse(Testing.synth(stack))` or a parsed plan. Lines are unknown.
 */
export function documentInput(name: string, document: unknown): LoadedInput {
  return classify(name, document);
}

function classify(file: string, document: unknown, text?: string): LoadedInput {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    const what = Array.isArray(document) ? 'a JSON array' : `a JSON ${document === null ? 'null' : typeof document}`;
    throw new InputError(file, `${what}, not a Terraform JSON config or plan (expected an object)`);
  }
  const doc = document as Record<string, unknown>;
  if ('format_version' in doc) {
    const version = String(doc.format_version);
    if (!PLAN_KEYS.some((k) => k in doc)) {
      throw new InputError(file, `has format_version ${JSON.stringify(doc.format_version)} but is not a Terraform plan (no planned_values or resource_changes)`);
    }
    if (!/^1\.\d+$/.test(version)) {
      throw new InputError(file, `unsupported plan format_version ${JSON.stringify(doc.format_version)} (sqsguard reads format 1.x of \`terraform show -json\`)`);
    }
    if (!('planned_values' in doc) && !('resource_changes' in doc)) {
      throw new InputError(file, 'is Terraform JSON output but not a plan (no planned_values or resource_changes): pass `terraform show -json <planfile>`');
    }
    return { path: file, kind: 'plan', document: doc, text, constructPaths: new Map() };
  }
  if (CONFIG_KEYS.some((k) => k in doc)) {
    return { path: file, kind: 'synth', document: doc, text, constructPaths: constructPaths(doc) };
  }
  const keys = Object.keys(doc).slice(0, 3).map((k) => JSON.stringify(k)).join(', ');
  throw new InputError(
    file,
    `neither a Terraform JSON config (no resource/terraform/provider blocks) nor a Terraform plan (no format_version)${keys ? `; top-level keys: ${keys}` : ''}`,
  );
}

/** Reads a JSON file the user named with a flag (`what`: "config", "suppressions"); failures are InputErrors. */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new InputError(file, `no such ${what} file`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(file, `${what} ${describeJsonError(text, e as Error)}`);
  }
}

function describeJsonError(text: string, e: Error): string {
  const message = e.message.split('\n')[0];
  if (text.includes('\u0000') || text.includes('\ufffd')) return 'not JSON (binary data)';
  const at = /at position (\d+)/.exec(message);
  const truncated = /Unexpected end of JSON input|Unterminated string/i.test(message) || (at !== null && Number(at[1]) >= text.trimEnd().length);
  if (truncated) return `truncated JSON: the document ends before it is complete (${message})`;
  return `not valid JSON (${message})`;
}

/** Terraform address -> construct path, from cdktf's `"//": {"metadata": {"path": ...}}` on each resource. */
function constructPaths(doc: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [block, prefix] of [['resource', ''], ['data', 'data.']] as const) {
    const types = doc[block];
    if (!types || typeof types !== 'object') continue;
    for (const [type, byName] of Object.entries(types as Record<string, unknown>)) {
      if (!byName || typeof byName !== 'object') continue;
      for (const [name, body] of Object.entries(byName as Record<string, unknown>)) {
        const meta = (body as { '//'?: { metadata?: { path?: unknown } } } | null)?.['//']?.metadata?.path;
        if (typeof meta === 'string') out.set(`${prefix}${type}.${name}`, meta);
      }
    }
  }
  return out;
}

/** Whether the document declares any SQS or Lambda resource at all (for "nothing to check" messages). */
export function hasSqsOrLambda(input: LoadedInput): boolean {
  return /"(type"\s*:\s*")?aws_(sqs_queue|lambda_function|lambda_event_source_mapping)/.test(input.text ?? JSON.stringify(input.document));
}

/** 1-based line of the resource's declaration in the input text, best effort (for SARIF regions). */
export function resourceLine(input: LoadedInput, address: string): number | undefined {
  return lineLocator(input)(address);
}

/**
 * A resource address -> line function for one input. It indexes the text once: looking each finding's
 * resource up in a large plan by scanning the text again would cost seconds.
 * Plans: the first `"address": "<address>"` (else `"address":"<address>"`). Synthesized JSON: the
 * first `"<name>"` after the first `"<type>"`.
 */
export function lineLocator(input: LoadedInput): (address: string) => number | undefined {
  const text = input.text;
  if (text === undefined) return () => undefined;
  let newlines: number[] | undefined;
  const lineAt = (index: number): number => {
    newlines ??= newlineOffsets(text);
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid] < index) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  if (input.kind === 'plan') {
    let spaced: Map<string, number> | undefined;
    let compact: Map<string, number> | undefined;
    return (address) => {
      if (!spaced || !compact) [spaced, compact] = addressOffsets(text);
      const literal = JSON.stringify(address);
      const index = spaced.get(literal) ?? compact.get(literal);
      return index === undefined ? undefined : lineAt(index);
    };
  }
  const typeAt = new Map<string, number>();
  return (address) => {
    const m = /^(?:data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(address);
    if (!m) return undefined;
    if (!typeAt.has(m[1])) typeAt.set(m[1], text.indexOf(`"${m[1]}"`));
    const from = typeAt.get(m[1])!;
    const index = from < 0 ? -1 : text.indexOf(`"${m[2]}"`, from);
    return index < 0 ? undefined : lineAt(index);
  };
}

function newlineOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i);
  return out;
}

/** JSON string literal -> offset of its first `"address": <literal>` and first `"address":<literal>`. */
function addressOffsets(text: string): [Map<string, number>, Map<string, number>] {
  const spaced = new Map<string, number>();
  const compact = new Map<string, number>();
  const re = /"address":( ?)("(?:[^"\\]|\\.)*")/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const map = m[1] ? spaced : compact;
    if (!map.has(m[2])) map.set(m[2], m.index);
  }
  return [spaced, compact];
}
