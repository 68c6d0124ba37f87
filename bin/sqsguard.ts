#!/usr/bin/env node
/**
 * sqsguard command line. `sqsguard check <path...>` evaluates synthesized cdktf stacks and Terraform
 * plans with the compiled policy. Exit codes: 0 no deny findings, 1 deny findings (or undetermined
 * ones with --strict), 2 usage or input error (one line on stderr, never a stack trace).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from '../lib/engine/config';
import { evaluate } from '../lib/engine/evaluate';
import { InputError, loadInputs } from '../lib/engine/input';
import { exitCode } from '../lib/engine/report';
import { loadSuppressions } from '../lib/engine/suppressions';
import { FORMATS, Format, render } from '../lib/format';
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
}

function useColor(flags: CheckFlags): boolean {
  if (flags.format !== 'text' || flags.output || flags.color === false) return false;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

function runCheck(paths: string[], flags: CheckFlags): number {
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('stdin (-) can be given only once');
  const { thresholds, rules } = flags.config ? loadConfig(flags.config) : { thresholds: {}, rules: {} };
  const suppressions = flags.suppressions ? loadSuppressions(flags.suppressions) : [];
  const inputs = loadInputs(paths);
  const report = evaluate(inputs, {
    thresholds,
    rules,
    suppressions,
    suppressionsFile: flags.suppressions,
    strict: flags.strict,
    version: version(),
  });
  const text = render(report, flags.format, { color: useColor(flags) });
  if (flags.output) {
    try {
      fs.writeFileSync(flags.output, text);
    } catch (e) {
      throw new InputError(flags.output, `cannot write output: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else {
    process.stdout.write(text);
  }
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
    .description('evaluate synthesized stacks (cdk.tf.json, a cdktf.out directory) or `terraform show -json` plans')
    .argument('<path...>', 'cdk.tf.json, terraform show -json output, a cdktf.out directory, or - for stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to <file> instead of stdout')
    .option('-c, --config <file>', 'threshold overrides: a flat JSON object (data.sqsguard_thresholds)')
    .option('-s, --suppressions <file>', 'suppressions: JSON [{rule, resource, reason, expires?}]')
    .option('--strict', 'undetermined findings fail the run too', false)
    .option('--no-color', 'no colours in text output (NO_COLOR is honoured too)')
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
  try {
    code = main(process.argv.slice(2));
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
    } else if (e instanceof InputError || e instanceof UsageError) {
      process.stderr.write(`sqsguard: ${oneLine(e.message)}\n`);
      code = 2;
    } else {
      process.stderr.write(`sqsguard: internal error: ${oneLine(e instanceof Error ? e.message : JSON.stringify(e))}\n`);
      code = 2;
    }
  }
  process.exitCode = code;
}
