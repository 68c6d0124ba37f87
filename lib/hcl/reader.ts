/**
 * Runs the HCL reader (hcl/dist/hcl.wasm: hashicorp/hcl/v2 and go-cty compiled with GOOS=js, see
 * hcl/ and scripts/build-hcl.sh) on a Terraform root module directory. Synchronous on purpose,
 * like the policy: the Go program reads files through the synchronous host functions below and
 * finishes inside go.run's first step, so no event loop turn is needed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../engine/input';

/** Where a resource instance and some of its attribute paths were written. */
export interface SourceLocation {
  file: string;
  line: number;
  /** attribute path ("visibility_timeout_seconds", "redrive_policy.maxReceiveCount") -> where its value was written */
  attributes?: Record<string, { file: string; line: number }>;
}

export interface HclReading {
  /** The configuration as a `terraform show -json` plan (format 1.2). */
  plan: Record<string, unknown>;
  /** Resource instance address -> source location. */
  locations: Record<string, SourceLocation>;
}

export interface ReadOptions {
  /** -var-file files, in order (later ones win), after terraform.tfvars and *.auto.tfvars. */
  varFiles?: string[];
  /** Attribute paths to locate on every resource instance. */
  paths?: string[];
  /** Root variable values that win over tfvars and defaults (a plan's own `variables`). */
  variables?: Record<string, unknown>;
}

/** hcl/dist in the nearest ancestor of this module (the same from lib/hcl/ and dist/lib/hcl/). */
export function hclDistDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'hcl', 'dist');
    if (fs.existsSync(path.join(candidate, 'hcl.wasm'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`hcl/dist/hcl.wasm not found above ${__dirname}: run scripts/build-hcl.sh`);
    dir = parent;
  }
}

interface GoRuntime {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}
type GoConstructor = new () => GoRuntime;

let compiled: { module: WebAssembly.Module; Go: GoConstructor } | undefined;

function runtime(): { module: WebAssembly.Module; Go: GoConstructor } {
  if (compiled) return compiled;
  const dist = hclDistDir();
  const g = globalThis as unknown as { Go?: GoConstructor; fs?: unknown };
  // Go's runtime writes panics through globalThis.fs (wasm_exec.js installs a stub without it).
  g.fs ??= fs;
  if (!g.Go) require(path.join(dist, 'wasm_exec.js')); // defines globalThis.Go
  compiled = { module: new WebAssembly.Module(fs.readFileSync(path.join(dist, 'hcl.wasm'))), Go: g.Go! };
  return compiled;
}

type HostResult = { value: unknown } | { error: string };
function hostCall(fn: () => unknown): HostResult {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
}

interface Response {
  result?: HclReading;
  error?: { File: string; Line: number; Message: string };
}

/** Reads a Terraform root module directory; bad HCL is an InputError naming file and line. */
export function readTerraformDirectory(dir: string, options: ReadOptions = {}): HclReading {
  const { module, Go } = runtime();
  const host = {
    request: JSON.stringify({ dir: toSlash(dir), varFiles: (options.varFiles ?? []).map(toSlash), paths: options.paths ?? [], variables: options.variables ?? {} }),
    response: undefined as string | undefined,
    readDir: (d: string) => hostCall(() => fs.readdirSync(d)),
    readFile: (f: string) => hostCall(() => fs.readFileSync(f, 'utf8')),
    isDir: (p: string) => hostCall(() => fs.statSync(p).isDirectory()),
  };
  const g = globalThis as unknown as { sqsguardHcl?: typeof host };
  g.sqsguardHcl = host;
  try {
    const go = new Go();
    const instance = new WebAssembly.Instance(module, go.importObject);
    void go.run(instance);
  } finally {
    delete g.sqsguardHcl;
  }
  if (host.response === undefined) throw new Error('the HCL reader ended without a response');
  const response = JSON.parse(host.response) as Response;
  if (response.error) {
    const e = response.error;
    throw new InputError(e.Line > 0 ? `${e.File}:${e.Line}` : e.File, e.Message);
  }
  return response.result!;
}

const toSlash = (p: string): string => p.split(path.sep).join('/');
