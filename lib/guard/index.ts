/**
 * The synth-time guard: the compiled policy evaluates every stack's Terraform JSON while cdktf
 * validates it, so `cdktf synth` fails, listing the findings, when a stack has a deny finding.
 *
 * Suppressions (same format as `sqsguard check --suppressions`) come from, in order: the
 * `suppressionsFile` option, the cdktf context key `sqsguard:suppressions` (a path, relative to the
 * directory `cdktf synth` runs in), or `sqsguard.suppressions.json` in that directory if it exists.
 * Threshold overrides likewise: option `thresholds`, context `sqsguard:config` (a path), or
 * `sqsguard.config.json`. Context `sqsguard:guard` = false turns the guard off.
 * Suppressed findings, warnings and undetermined findings are reported as cdktf warnings.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Annotations, App, TerraformStack } from 'cdktf';
import { IValidation } from 'constructs';
import { loadConfig } from '../engine/config';
import { Suppression } from '../engine/contract';
import { evaluate } from '../engine/evaluate';
import { Policy, Thresholds } from '../engine/policy';
import { Finding } from '../engine/report';
import { InputError } from '../engine/input';
import { SuppressionsError, loadSuppressions, parseSuppressions } from '../engine/suppressions';

export const SUPPRESSIONS_FILE = 'sqsguard.suppressions.json';
export const CONFIG_FILE = 'sqsguard.config.json';
export const CONTEXT_SUPPRESSIONS = 'sqsguard:suppressions';
export const CONTEXT_CONFIG = 'sqsguard:config';
export const CONTEXT_ENABLED = 'sqsguard:guard';

export interface SynthGuardOptions {
  /** A suppressions file (default: context `sqsguard:suppressions`, else ./sqsguard.suppressions.json if present). */
  readonly suppressionsFile?: string;
  /** Inline suppressions, used in addition to the file's. */
  readonly suppressions?: Suppression[];
  /** Threshold overrides (default: context `sqsguard:config` file, else ./sqsguard.config.json if present). */
  readonly thresholds?: Thresholds;
  /** Directory relative paths are resolved against (default: process.cwd(), where cdktf runs the app). */
  readonly cwd?: string;
  readonly policy?: Policy;
}

/** Where the guard's inline suppressions are named in messages. */
export const INLINE_SUPPRESSIONS_SOURCE = 'guard option "suppressions"';

/**
 * Adds the policy validation to every TerraformStack of `app` (call after the stacks are defined).
 * Throws, rather than guard nothing in silence, on an app with no stacks yet or one whose
 * validation is off (`new App({ skipValidation: true })`: cdktf would never run the guard).
 */
export function installSynthGuard(app: App, options: SynthGuardOptions = {}): void {
  const enabled = app.node.tryGetContext(CONTEXT_ENABLED);
  if (enabled === false || enabled === 'false') return;
  if (app.skipValidation) {
    throw new Error(
      'sqsguard: the synth-time guard cannot run on an App created with skipValidation: true (cdktf then skips every validation, ' +
        `the guard's included): remove skipValidation, or turn the guard off explicitly with the context key ${CONTEXT_ENABLED}=false`,
    );
  }
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  if (stacks.length === 0) {
    throw new Error(
      'sqsguard: installSynthGuard(app) found no stacks to guard: call it after the stacks are defined ' +
        '(or call synthWithGuard(app) in place of app.synth(), which installs the guard just before synthesizing)',
    );
  }
  for (const stack of stacks) {
    stack.node.addValidation(new PolicyValidation(stack, options));
  }
}

/** Evaluates one stack's Terraform JSON; returns its findings (suppressions applied), sorted. */
export function evaluateStack(stack: TerraformStack, options: SynthGuardOptions = {}): Finding[] {
  const cwd = options.cwd ?? process.cwd();
  const suppressionsFile = resolveFile(stack, cwd, options.suppressionsFile, CONTEXT_SUPPRESSIONS, SUPPRESSIONS_FILE);
  const configFile = resolveFile(stack, cwd, undefined, CONTEXT_CONFIG, CONFIG_FILE);
  // the `thresholds` option replaces the config file, rule severities included
  const config = options.thresholds === undefined && configFile ? loadConfig(configFile) : { thresholds: options.thresholds ?? {}, rules: {} };
  // the inline list is validated like the file (the same validator): typed options do not stop JavaScript callers
  const inline = options.suppressions === undefined ? [] : parseSuppressions(INLINE_SUPPRESSIONS_SOURCE, options.suppressions as unknown);
  const suppressions = [...(suppressionsFile ? loadSuppressions(suppressionsFile) : []), ...inline];

  const report = evaluate([{ name: stack.node.path, document: stack.toTerraform() }], {
    policy: options.policy,
    thresholds: config.thresholds,
    rules: config.rules,
    suppressions,
    suppressionsFile: suppressionsFile ?? 'inline suppressions',
  });
  return report.findings;
}

function resolveFile(stack: TerraformStack, cwd: string, explicit: string | undefined, key: string, fallback: string): string | undefined {
  const fromContext = stack.node.tryGetContext(key) as unknown;
  const chosen = explicit ?? (typeof fromContext === 'string' ? fromContext : undefined);
  if (chosen) return path.resolve(cwd, chosen);
  const dflt = path.join(cwd, fallback);
  return fs.existsSync(dflt) ? dflt : undefined;
}

export function describe(f: Finding): string {
  const where = f.constructPath ? ` (${f.constructPath})` : '';
  const base = `sqsguard ${f.rule} ${f.severity}: ${f.resource}${where}: ${f.message}`;
  return f.suppressed ? `${base} [suppressed: ${f.suppressed.reason}${f.suppressed.expires ? `, until ${f.suppressed.expires}` : ''}]` : `${base}. Fix: ${f.remediation}`;
}

class PolicyValidation implements IValidation {
  constructor(
    private readonly stack: TerraformStack,
    private readonly options: SynthGuardOptions,
  ) {}

  validate(): string[] {
    let findings: Finding[];
    try {
      findings = evaluateStack(this.stack, this.options);
    } catch (e) {
      if (e instanceof SuppressionsError) return e.problems.map((p) => `sqsguard: ${p}`);
      if (e instanceof InputError) return [`sqsguard: ${e.message}`];
      return [`sqsguard: cannot evaluate the stack: ${e instanceof Error ? e.message : String(e)}`];
    }
    const errors: string[] = [];
    for (const f of findings) {
      if (f.severity === 'deny' && !f.suppressed) errors.push(describe(f));
      else Annotations.of(this.stack).addWarning(describe(f));
    }
    return errors;
  }
}

/**
 * Installs the guard and synthesizes `app`. A validation failure (the guard's findings, or any other
 * cdktf validation) is printed as its list, without a stack trace, and sets exit code 1; other
 * errors propagate unchanged.
 */
export function synthWithGuard(app: App, options: SynthGuardOptions = {}): void {
  installSynthGuard(app, options);
  try {
    app.synth();
  } catch (e) {
    if (!(e instanceof Error) || !/^Validation failed with the following errors/.test(e.message)) throw e;
    process.stderr.write(`${e.message.replace(/\n\nIf you wish to ignore these validations[\s\S]*$/, '').trimEnd()}\n\n${GUARD_HINT}\n`);
    process.exitCode = 1;
  }
}

const GUARD_HINT =
  `sqsguard: fix the findings above, or suppress one with a reason in ${SUPPRESSIONS_FILE} ` +
  '([{"rule", "resource", "reason", "expires"}], see docs/cli.md#synth-time-guard).';
