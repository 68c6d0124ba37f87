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
import {
  CONFIG_KEYS,
  InputFileError,
  JsonReadError,
  ReadDocument,
  TerraformJsonError,
  normalizeTerraformConfig,
  parseJsonStrict,
  readInputFile,
  readTerraformDocument,
  treeFromValue,
  validateConfigShape,
  validatePlanShape,
} from '../terraform-json';
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
  /** The input size limit (default 256 MiB: --max-input-bytes / SQSGUARD_MAX_INPUT_BYTES). */
  maxBytes?: number;
  /** The descriptor `-` reads (tests pass their own; default 0). */
  stdinFd?: number;
}

export function loadInputs(paths: string[], options: LoadOptions = {}): LoadedInput[] {
  const out: LoadedInput[] = [];
  for (const p of paths) {
    if (p !== '-' && isDirectory(p)) out.push(...loadDirectory(p, options));
    else out.push(parseDocument(p, readText(p, options)));
  }
  return out;
}

/** Whether `p` is a directory (following links); anything else, even a broken path, is read as a file and named by the reader. */
function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The file's text under the reader's limits (regular files only, size, UTF-8); one-line InputErrors otherwise. */
function readText(file: string, options: LoadOptions): string {
  try {
    return readInputFile(file, { maxBytes: options.maxBytes, stdinFd: options.stdinFd });
  } catch (e) {
    if (e instanceof InputFileError) throw new InputError(e.file, e.problem);
    throw e;
  }
}

/**
 * A cdktf output directory: stacks/<name>/cdk.tf.json (or a single stack directory holding
 * cdk.tf.json). Every stack directory must hold a readable cdk.tf.json: one that is missing or a
 * dangling link is an input error, never a stack skipped in silence.
 */
function loadDirectory(dir: string, options: LoadOptions): LoadedInput[] {
  const stacksDir = path.join(dir, 'stacks');
  const stacks: [string, string][] = [];
  if (isDirectory(stacksDir)) {
    for (const name of fs.readdirSync(stacksDir).sort()) {
      const stackDir = path.join(stacksDir, name);
      const file = path.join(stackDir, 'cdk.tf.json');
      const link = danglingLink(stackDir);
      if (link !== undefined) throw new InputError(stackDir, `stack directory is a dangling symbolic link (points to ${link}, which does not exist)`);
      if (!isDirectory(stackDir)) continue; // a stray file next to the stack directories
      if (!exists(file)) {
        throw new InputError(stackDir, 'stack directory has no cdk.tf.json (an incomplete `cdktf synth`?): synthesize again or remove the directory');
      }
      stacks.push([name, file]);
    }
  } else if (exists(path.join(dir, 'cdk.tf.json'))) {
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
    // the reader names what is wrong with the file: a dangling link, a loop, not a regular file, …
    const input = parseDocument(file, readText(file, options));
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

/** Where `p` points when it is a symbolic link to nothing; undefined otherwise. */
function danglingLink(p: string): string | undefined {
  try {
    fs.statSync(p);
    return undefined;
  } catch {
    try {
      return fs.readlinkSync(p);
    } catch {
      return undefined;
    }
  }
}

/** Whether a directory entry exists at all (a dangling symbolic link counts: the reader names it). */
function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the text of an input document as Terraform reads it (lib/terraform-json: strict JSON,
 * HCL's JSON forms merged, plan shape validated, numbers checked); one-line InputErrors otherwise.
 */
export function parseDocument(file: string, text: string): LoadedInput {
  let read: ReadDocument;
  try {
    read = readTerraformDocument(file, text);
  } catch (e) {
    if (e instanceof TerraformJsonError) throw new InputError(e.file, e.problem);
    throw e;
  }
  const { kind, document } = read;
  return { path: file, kind, document, text, constructPaths: kind === 'synth' ? constructPaths(document) : new Map() };
}

/**
 * An input from a document already in memory, named `name` in findings: e.g. a stack's
 * `toTerraform()`, `JSON.parse(Testing.synth(stack))` or a parsed plan. Lines are unknown.
 * Configurations get the same merge and checks as text (lib/terraform-json), plans the same shape check.
 */
export function documentInput(name: string, document: unknown): LoadedInput {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    const what = Array.isArray(document) ? 'a JSON array' : `a JSON ${document === null ? 'null' : typeof document}`;
    throw new InputError(name, `${what}, not a Terraform JSON config or plan (expected an object)`);
  }
  const doc = document as Record<string, unknown>;
  try {
    if ('format_version' in doc) {
      const problems = validatePlanShape(doc);
      if (problems.length > 0) throw new InputError(name, `not a Terraform plan sqsguard can check: ${withMore(problems)}`);
      return { path: name, kind: 'plan', document: doc, constructPaths: new Map() };
    }
    if (CONFIG_KEYS.some((k) => k in doc)) {
      const normalized = normalizeTerraformConfig(treeFromValue(doc));
      const problems = validateConfigShape(normalized);
      if (problems.length > 0) throw new InputError(name, `not a Terraform configuration sqsguard can check: ${withMore(problems)}`);
      return { path: name, kind: 'synth', document: normalized, constructPaths: constructPaths(normalized) };
    }
  } catch (e) {
    if (e instanceof JsonReadError) throw new InputError(name, e.message);
    throw e;
  }
  const keys = Object.keys(doc).slice(0, 3).map((k) => JSON.stringify(k)).join(', ');
  throw new InputError(
    name,
    `neither a Terraform JSON config (no resource/terraform/provider blocks) nor a Terraform plan (no format_version)${keys ? `; top-level keys: ${keys}` : ''}`,
  );
}

function withMore(problems: string[]): string {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `${problems[0]}${more}`;
}

/**
 * Reads a JSON file the user named with a flag (`what`: "config", "suppressions") with the input
 * reader's limits and strict JSON (a repeated key is an error); failures are InputErrors.
 */
export function readJsonFile(file: string, what: string, options: LoadOptions = {}): unknown {
  const text = readText(file, options);
  try {
    if (text.trim() === '') throw new JsonReadError(`empty ${what} file`);
    return parseJsonStrict(text).value;
  } catch (e) {
    if (e instanceof JsonReadError) throw new InputError(file, `${what}: ${e.message}`);
    throw e;
  }
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
