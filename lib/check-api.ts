/**
 * `sqsguard check` as an API (`sqsguard/check`, and re-exported by the main export): load inputs,
 * evaluate them with the compiled policy, render a report. Loads no cdktf, so it works in a
 * CLI-only install, where the main export (which loads the construct) cannot.
 */
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
