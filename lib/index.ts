/**
 * The package's main export (`import { QueueWorker } from 'sqsguard'`): the construct and its props,
 * the synth-time guard, and `sqsguard check` as an API (load inputs, evaluate, render a report).
 * The jest matchers are `sqsguard/jest`.
 */
export * from './queue-worker';

export {
  CONFIG_FILE,
  CONTEXT_CONFIG,
  CONTEXT_ENABLED,
  CONTEXT_SUPPRESSIONS,
  SUPPRESSIONS_FILE,
  describe as describeFinding,
  evaluateStack,
  installSynthGuard,
  synthWithGuard,
} from './guard';
export type { SynthGuardOptions } from './guard';

export { InputError, loadInputs, parseDocument } from './check/input';
export type { LoadedInput } from './check/input';
export { Policy, defaultPolicy, policyDir } from './check/policy';
export type { Evaluation, Thresholds } from './check/policy';
export { check, exitCode, verdict } from './check/run';
export type { CheckOptions, Report, ReportInput, ReportPipeline, Summary } from './check/run';
export { loadThresholds } from './check/config';
export { loadSuppressions } from './check/suppressions';
export type { Finding, InputKind, RuleDescriptor, Severity, Suppression } from './check/types';
export { FORMATS, render } from './report';
export type { Format } from './report';
