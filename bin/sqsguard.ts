#!/usr/bin/env node
/**
 * sqsguard command line. `sqsguard check <path...>` evaluates synthesized cdktf stacks, Terraform
 * plans and Terraform directories (HCL) with the compiled policy. Exit codes: 0 no deny findings, 1 deny findings (or undetermined
 * ones with --strict), 2 usage or input error (one line on stderr, never a stack trace).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, Option } from 'commander';
import { guardStdoutErrors, writeOutput, writeOutputFile } from '../lib/cli-io';
import { loadConfig } from '../lib/engine/config';
import { InternalError, evaluate } from '../lib/engine/evaluate';
import { InputError, isTerraformDirectory, loadInputs } from '../lib/engine/input';
import { exitCode } from '../lib/engine/report';
import { SuppressionsError, loadSuppressions } from '../lib/engine/suppressions';
import { MAX_INPUT_ENV, maxInputBytes } from '../lib/terraform-json';
import { FORMATS, Format, render } from '../lib/format';
import { withSource } from '../lib/hcl';
import { projectRoot } from '../lib/project-root';

class UsageError extends Error {}

function version(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(projectRoot(__dirname), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

interface CheckFlags {
  format: Format;
  output?: string;
  config?: string;
  suppressions?: string;
  strict?: boolean;
  color?: boolean;
  varFile: string[];
  sourceDir?: string;
  maxInputBytes?: string;
}

/** The one line `sqsguard` without arguments prints (the full help is `sqsguard --help`). */
const USAGE = 'usage: sqsguard check [options] <path...> (see sqsguard --help)';

function useColor(flags: CheckFlags): boolean {
  if (flags.format !== 'text' || flags.output || flags.color === false) return false;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

function sourceDirOf(dir: string): string {
  if (!isTerraformDirectory(dir)) throw new InputError(dir, '--source-dir: not a directory holding Terraform files (*.tf, *.tf.json)');
  return dir;
}

/** The inputs of the running check, so that even a bug's one line names them. */
let checkedPaths: string[] = [];

function runCheck(paths: string[], flags: CheckFlags): number {
  checkedPaths = paths;
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('stdin (-) can be given only once');
  let maxBytes: number;
  try {
    maxBytes = maxInputBytes(flags.maxInputBytes);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { thresholds, rules } = flags.config ? loadConfig(flags.config) : { thresholds: {}, rules: {} };
  const suppressions = flags.suppressions ? loadSuppressions(flags.suppressions) : [];
  const loaded = loadInputs(paths, { maxBytes, varFiles: flags.varFile });
  const inputs = flags.sourceDir ? loaded.map((i) => withSource(i, sourceDirOf(flags.sourceDir!), { varFiles: flags.varFile })) : loaded;
  const report = evaluate(inputs, {
    thresholds,
    rules,
    suppressions,
    suppressionsFile: flags.suppressions,
    strict: flags.strict,
    version: version(),
  });
  const text = render(report, flags.format, { color: useColor(flags) });
  // write errors end the process here: EPIPE quietly with 141, others with one line and 2 (lib/cli-io)
  if (flags.output) writeOutputFile(flags.output, text);
  else writeOutput(text);
  return exitCode(report);
}

export function main(argv: string[]): number {
  let code = 0;
  const program = new Command('sqsguard')
    .description('Checks SQS -> Lambda pipelines in synthesized cdktf stacks and Terraform plans.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(true);
  program
    .command('check')
    .description('evaluate synthesized stacks (cdk.tf.json, a cdktf.out directory), `terraform show -json` plans or Terraform directories')
    .argument('<path...>', 'cdk.tf.json, terraform show -json output, a cdktf.out directory, a Terraform root module directory, or - for stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to <file> instead of stdout')
    .option('-c, --config <file>', 'threshold overrides: a flat JSON object (data.sqsguard_thresholds)')
    .option('-s, --suppressions <file>', 'suppressions: JSON [{rule, resource, reason, expires?}]')
    .option('--strict', 'undetermined findings fail the run too', false)
    .option('--no-color', 'no colours in text output (NO_COLOR is honoured too)')
    .option('--var-file <file>', 'Terraform directories: a .tfvars file, after terraform.tfvars and *.auto.tfvars (repeatable)', (f: string, all: string[]) => [...all, f], [])
    .option('--source-dir <dir>', 'plans: the Terraform root module they were made from (fills in constants, locates findings in .tf files)')
    .option('--max-input-bytes <n>', `refuse an input larger than <n> bytes (KiB/MiB/GiB allowed; default 256MiB; env ${MAX_INPUT_ENV})`)
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .action((paths: string[], flags: CheckFlags) => {
      code = runCheck(paths, flags);
    });
  program.parse(argv, { from: 'user' });
  return code;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

if (require.main === module) {
  let code: number;
  guardStdoutErrors();
  const argv = process.argv.slice(2);
  try {
    if (argv.length === 0) throw new UsageError(USAGE);
    code = main(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') {
        code = 0;
      } else if (e.code === 'commander.help' || e.code === 'commander.executeSubCommandAsync') {
        code = 2; // no command given: commander printed the help on stderr
      } else {
        process.stderr.write(`sqsguard: ${oneLine(e.message.replace(/^error: /, ''))} (see sqsguard --help)\n`);
        code = 2;
      }
    } else if (e instanceof SuppressionsError) {
      // every problem, one line each: all of them need fixing
      for (const problem of e.problems) process.stderr.write(`sqsguard: ${oneLine(problem)}\n`);
      code = 2;
    } else if (e instanceof InputError || e instanceof UsageError || e instanceof InternalError) {
      process.stderr.write(`sqsguard: ${oneLine(e.message)}\n`);
      code = 2;
    } else {
      const what = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
      const inputs = checkedPaths.map((p) => (p === '-' ? '<stdin>' : p)).join(', ');
      process.stderr.write(`sqsguard: internal error (a bug in sqsguard: please report it${inputs ? ` with ${inputs}` : ''}): ${oneLine(String(what))}\n`);
      code = 2;
    }
  }
  process.exitCode = code;
}
