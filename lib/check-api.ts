/**
 * `sqsguard check` as an API (`sqsguard/check`, and re-exported by the main export): load inputs,
 * evaluate them with the compiled policy (`evaluate`, the engine's one path), render a report.
 * Loads no cdktf, so it works in a CLI-only install, where the main export (which loads the
 * construct) cannot.
 */
export { InputError, loadInputs, parseDocument } from './engine/input';
export type { LoadedInput } from './engine/input';
export { Policy, defaultPolicy, policyDir } from './engine/policy';
export type { Evaluation, Thresholds } from './engine/policy';
export { evaluate } from './engine/evaluate';
export type { EvaluateOptions, EvaluationInput } from './engine/evaluate';
export { exitCode } from './engine/report';
export type { Finding, InputKind, Report, ReportInput, ReportPipeline, RuleDescriptor, Severity, Summary } from './engine/report';
export type { Suppression } from './engine/contract';
export { loadThresholds } from './engine/config';
export { loadSuppressions } from './engine/suppressions';
export { FORMATS, render } from './format';
export type { Format } from './format';
export { verdict } from './format/text';
